<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Albanian for the strings Qt itself shows (dialog buttons, file dialogs, context menus).
     Qt ships no Albanian catalog; this one is maintained by hand, compiled by
     scripts/update_translations.py into src/interview_room/gui/i18n/qtbase_sq.qm. -->
<TS version="2.1" language="sq" sourcelanguage="en">
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Në rregull</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuloni</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Po</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Jo</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Ruani</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Hapni</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Mbyllni</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Zbatoni</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Rivendosni</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ndihmë</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Hidhni poshtë</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Po për të &amp;gjitha</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>J&amp;o për të gjitha</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Ndërprisni</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Provoni përsëri</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Shpërfilleni</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Rikthe parazgjedhjet</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Ruani të gjitha</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Zhbëni</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ribëni</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Pr&amp;ini</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopjoni</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Ngjitni</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Fshini</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Përzgjidhni të gjitha</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Zhbëni</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ribëni</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Pr&amp;ini</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopjoni</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Ngjitni</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Fshini</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Përzgjidhni të gjitha</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Kopjoni &amp;adresën e lidhjes</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Fshini</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Shikoni te:</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>Dosje e &amp;re</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Hapni</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Riemërtoni</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Ruani</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Zgjidhni</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Ruani si</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Hapni</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Të gjithë skedarët (*)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Prapa</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Përpara</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Dosja mëmë</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Krijoni dosje të re</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>Krijoni një dosje të re</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>Kaloni në pamjen me hollësi</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>Kaloni në pamjen listë</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Pamja me hollësi</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Pamja listë</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Emri i skedarit:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Skedarë të &amp;llojit:</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Skedarët</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Dosja:</translation>
    </message>
    <message>
        <source>Find Directory</source>
        <translation>Gjeni dosjen</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Kthehuni prapa</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Shkoni përpara</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>Shkoni te dosja mëmë</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>Lista e vendeve dhe faqerojtësve</translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Shfaqni skedarët e &amp;fshehur</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Paneli anësor</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Dosje e re</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Name</source>
        <translation>Emri</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Madhësia</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Lloji</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Data e ndryshimit</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Kompjuteri</translation>
    </message>
    <message>
        <source>My Computer</source>
        <translation>Kompjuteri im</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>Disku</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dosja</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Skedari</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Shfaqni hollësitë...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Fshihni hollësitë...</translation>
    </message>
</context>
</TS>
