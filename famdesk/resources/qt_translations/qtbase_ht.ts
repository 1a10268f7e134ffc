<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ht">
<!-- famdesk: the common Qt dialog strings for a language PySide6 ships no qtbase_*.qm for.
     Rebuild the .qm after editing: see README.md in this folder. -->
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Dakò</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anile</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Wi</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Non</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Anrejistre</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Anrejistre tout</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Louvri</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fèmen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplike</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Jete</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Èd</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reyinisyalize</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Remete paramèt orijinal yo</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Kanpe</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Eseye ankò</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Inyore</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Wi pou &amp;tout</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Non p&amp;ou tout</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>OK</source>
        <translation>Dakò</translation>
    </message>
    <message>
        <source>Show Details...</source>
        <translation>Montre detay yo...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Kache detay yo...</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Look in:</source>
        <translation>Gade nan:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Non fichye:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Kalite fichye:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Louvri</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Anrejistre</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Louvri</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Anrejistre kòm</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Tout fichye (*)</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Nouvo dosye</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Kreye yon nouvo dosye</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retounen</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Avanse</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Dosye anwo a</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Lis</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Detay</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 egziste deja.
Èske ou vle ranplase l?</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Defèt</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refè</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Kou&amp;pe</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>K&amp;opye</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Kole</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Efase</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chwazi tout</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Defèt</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refè</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Kou&amp;pe</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>K&amp;opye</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Kole</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Efase</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chwazi tout</translation>
    </message>
</context>
</TS>
