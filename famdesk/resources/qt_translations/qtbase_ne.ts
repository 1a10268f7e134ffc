<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ne">
<!-- famdesk: the common Qt dialog strings for a language PySide6 ships no qtbase_*.qm for.
     Rebuild the .qm after editing: see README.md in this folder. -->
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>ठीक छ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द गर्नुहोस्</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>हो(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>होइन(&amp;N)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>सुरक्षित गर्नुहोस्</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>सबै सुरक्षित गर्नुहोस्</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>खोल्नुहोस्</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बन्द गर्नुहोस्</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>लागू गर्नुहोस्</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>खारेज गर्नुहोस्</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>मद्दत</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>रिसेट गर्नुहोस्</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>पूर्वनिर्धारित पुनर्स्थापना गर्नुहोस्</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>रोक्नुहोस्</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>फेरि प्रयास गर्नुहोस्</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>बेवास्ता गर्नुहोस्</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>सबैलाई हो(&amp;A)</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>सबैलाई होइन(&amp;O)</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>OK</source>
        <translation>ठीक छ</translation>
    </message>
    <message>
        <source>Show Details...</source>
        <translation>विवरण देखाउनुहोस्...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>विवरण लुकाउनुहोस्...</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Look in:</source>
        <translation>यहाँ हेर्नुहोस्:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>फाइलको नाम(&amp;N):</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>फाइलको प्रकार:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>खोल्नुहोस्(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>सुरक्षित गर्नुहोस्(&amp;S)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>खोल्नुहोस्</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>यस रूपमा सुरक्षित गर्नुहोस्</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>सबै फाइलहरू (*)</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>नयाँ फोल्डर</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>नयाँ फोल्डर बनाउनुहोस्</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>पछाडि</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>अगाडि</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>माथिल्लो फोल्डर</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>सूची दृश्य</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>विस्तृत दृश्य</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 पहिले नै छ।
के तपाईं यसलाई बदल्न चाहनुहुन्छ?</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>पूर्ववत् गर्नुहोस्(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>फेरि गर्नुहोस्(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>काट्नुहोस्(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>प्रतिलिपि गर्नुहोस्(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>टाँस्नुहोस्(&amp;P)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>मेटाउनुहोस्</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>सबै चयन गर्नुहोस्</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>पूर्ववत् गर्नुहोस्(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>फेरि गर्नुहोस्(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>काट्नुहोस्(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>प्रतिलिपि गर्नुहोस्(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>टाँस्नुहोस्(&amp;P)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>मेटाउनुहोस्</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>सबै चयन गर्नुहोस्</translation>
    </message>
</context>
</TS>
