<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="so">
<!-- famdesk: the common Qt dialog strings for a language PySide6 ships no qtbase_*.qm for.
     Rebuild the .qm after editing: see README.md in this folder. -->
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Haye</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ka noqo</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Haa</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Maya</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Kaydi</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Kaydi dhammaan</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Fur</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Xir</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Dabaq</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Iska tuur</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Caawimo</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Dib u deji</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Soo celi goobihii asalka ahaa</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Jooji</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Isku day mar kale</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Iska dhaaf</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Haa &amp;dhammaan</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Maya dh&amp;ammaan</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>OK</source>
        <translation>Haye</translation>
    </message>
    <message>
        <source>Show Details...</source>
        <translation>Tus faahfaahinta...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Qari faahfaahinta...</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Look in:</source>
        <translation>Ka eeg:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Magaca faylka:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Nooca faylka:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Fur</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Kaydi</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Fur</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>U kaydi sidii</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Dhammaan faylasha (*)</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Gal cusub</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Samee gal cusub</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Dib u noqo</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Hore u soco</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Galka sare</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Muuqaal liis</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Muuqaal faahfaahsan</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 horey ayuu u jiray.
Ma rabtaa inaad beddesho?</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ka noqo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Samee mar kale</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Jar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>K&amp;oobiyee</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dhaji</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Tirtir</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dooro dhammaan</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ka noqo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Samee mar kale</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Jar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>K&amp;oobiyee</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dhaji</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Tirtir</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dooro dhammaan</translation>
    </message>
</context>
</TS>
