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
<!-- Qt's print dialog (the recovery key page prints through it on Linux; Windows and macOS
     show their own, in the system's language). Sources from Qt 6's own catalogs. -->
<context>
    <name>Print Device Input Slot</name>
    <message>
        <source>Automatic</source>
        <translation>Automatike</translation>
    </message>
</context>
<context>
    <name>Print Device Output Bin</name>
    <message>
        <source>Automatic</source>
        <translation>Automatike</translation>
    </message>
</context>
<context>
    <name>QCupsPrinterSupport</name>
    <message>
        <source>Authentication Needed</source>
        <translation>Duhet identifikimi</translation>
    </message>
    <message>
        <source>Authentication needed to use %1 on %2.</source>
        <translation>Për të përdorur %1 në %2 duhet identifikimi.</translation>
    </message>
    <message>
        <source>Authentication needed to use %1.</source>
        <translation>Për të përdorur %1 duhet identifikimi.</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Fjalëkalimi:</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Emri i përdoruesit:</translation>
    </message>
</context>
<context>
    <name>QCupsJobWidget</name>
    <message>
        <source>&amp;Billing information:</source>
        <translation>Të dhëna për &amp;faturimin:</translation>
    </message>
    <message>
        <source>&amp;End:</source>
        <translation>&amp;Mbarimi:</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <translation>&amp;Fillimi:</translation>
    </message>
    <message>
        <source>Banner Pages</source>
        <translation>Faqe ndarëse</translation>
    </message>
    <message>
        <source>Classified</source>
        <translation>E klasifikuar</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Konfidenciale</translation>
    </message>
    <message>
        <source>Day (06:00 to 17:59)</source>
        <translation>Ditën (06:00 deri në 17:59)</translation>
    </message>
    <message>
        <source>Hold Indefinitely</source>
        <translation>Mbajeni pa afat</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Puna e shtypjes</translation>
    </message>
    <message>
        <source>Job &amp;priority:</source>
        <translation>&amp;Përparësia e punës:</translation>
    </message>
    <message>
        <source>Job Control</source>
        <translation>Kontrolli i punës</translation>
    </message>
    <message>
        <source>Night (18:00 to 05:59)</source>
        <translation>Natën (18:00 deri në 05:59)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Asnjë</translation>
    </message>
    <message>
        <source>Print Immediately</source>
        <translation>Shtypni menjëherë</translation>
    </message>
    <message>
        <source>Scheduled &amp;printing:</source>
        <translation>Shtypja e &amp;planifikuar:</translation>
    </message>
    <message>
        <source>Second Shift (16:00 to 23:59)</source>
        <translation>Turni i dytë (16:00 deri në 23:59)</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Sekrete</translation>
    </message>
    <message>
        <source>Specific Time</source>
        <translation>Në një orë të caktuar</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standarde</translation>
    </message>
    <message>
        <source>Third Shift (00:00 to 07:59)</source>
        <translation>Turni i tretë (00:00 deri në 07:59)</translation>
    </message>
    <message>
        <source>Top Secret</source>
        <translation>Tepër sekrete</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>E paklasifikuar</translation>
    </message>
    <message>
        <source>Weekend (Saturday to Sunday)</source>
        <translation>Fundjavën (e shtunë deri të dielë)</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>CC</source>
        <translation>CC</translation>
    </message>
    <message>
        <source>Cicero (CC)</source>
        <translation>Cicero (CC)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>E përshtatur</translation>
    </message>
    <message>
        <source>DD</source>
        <translation>DD</translation>
    </message>
    <message>
        <source>Didot (DD)</source>
        <translation>Didot (DD)</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>Lartësia:</translation>
    </message>
    <message>
        <source>Inches (in)</source>
        <translation>Inç (in)</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Horizontale</translation>
    </message>
    <message>
        <source>Margins</source>
        <translation>Kufijtë</translation>
    </message>
    <message>
        <source>Millimeters (mm)</source>
        <translation>Milimetra (mm)</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Orientimi</translation>
    </message>
    <message>
        <source>Page &amp;order:</source>
        <translation>&amp;Radha e faqeve:</translation>
    </message>
    <message>
        <source>Page Layout</source>
        <translation>Faqosja</translation>
    </message>
    <message>
        <source>Page size:</source>
        <translation>Madhësia e faqes:</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>Faqe &amp;për fletë:</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Letra</translation>
    </message>
    <message>
        <source>Paper source:</source>
        <translation>Burimi i letrës:</translation>
    </message>
    <message>
        <source>Pica (P̸)</source>
        <translation>Pica (P̸)</translation>
    </message>
    <message>
        <source>Points (pt)</source>
        <translation>Pika (pt)</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Vertikale</translation>
    </message>
    <message>
        <source>P̸</source>
        <translation>P̸</translation>
    </message>
    <message>
        <source>Reverse landscape</source>
        <translation>Horizontale e përmbysur</translation>
    </message>
    <message>
        <source>Reverse portrait</source>
        <translation>Vertikale e përmbysur</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Gjerësia:</translation>
    </message>
    <message>
        <source>bottom margin</source>
        <translation>kufiri i poshtëm</translation>
    </message>
    <message>
        <source>in</source>
        <translation>in</translation>
    </message>
    <message>
        <source>left margin</source>
        <translation>kufiri i majtë</translation>
    </message>
    <message>
        <source>mm</source>
        <translation>mm</translation>
    </message>
    <message>
        <source>pt</source>
        <translation>pt</translation>
    </message>
    <message>
        <source>right margin</source>
        <translation>kufiri i djathtë</translation>
    </message>
    <message>
        <source>top margin</source>
        <translation>kufiri i sipërm</translation>
    </message>
</context>
<context>
    <name>QPrintDialog</name>
    <message>
        <source>%1 already exists.
Do you want to overwrite it?</source>
        <translation>%1 ekziston tashmë.
Doni ta mbishkruani?</translation>
    </message>
    <message>
        <source>%1 does not follow the correct syntax. Please use &apos;,&apos; to separate ranges and pages, &apos;-&apos; to define ranges and make sure ranges do not intersect with each other.</source>
        <translation>%1 nuk është shkruar si duhet. Ndani faqet dhe intervalet me &apos;,&apos;, shënoni intervalet me &apos;-&apos; dhe kujdesuni që intervalet të mos mbivendosen.</translation>
    </message>
    <message>
        <source>%1 is a directory.
Please choose a different file name.</source>
        <translation>%1 është dosje.
Ju lutemi zgjidhni një emër tjetër skedari.</translation>
    </message>
    <message>
        <source>&amp;Options &lt;&lt;</source>
        <translation>&amp;Opsionet &lt;&lt;</translation>
    </message>
    <message>
        <source>&amp;Options &gt;&gt;</source>
        <translation>&amp;Opsionet &gt;&gt;</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>&amp;Shtypni</translation>
    </message>
    <message>
        <source>1 (1x1)</source>
        <translation>1 (1x1)</translation>
    </message>
    <message>
        <source>16 (4x4)</source>
        <translation>16 (4x4)</translation>
    </message>
    <message>
        <source>2 (2x1)</source>
        <translation>2 (2x1)</translation>
    </message>
    <message>
        <source>4 (2x2)</source>
        <translation>4 (2x2)</translation>
    </message>
    <message>
        <source>6 (2x3)</source>
        <translation>6 (2x3)</translation>
    </message>
    <message>
        <source>9 (3x3)</source>
        <translation>9 (3x3)</translation>
    </message>
    <message>
        <source>All Pages</source>
        <translation>Të gjitha faqet</translation>
    </message>
    <message>
        <source>Bottom to Top, Left to Right</source>
        <translation>Nga poshtë lart, nga e majta në të djathtë</translation>
    </message>
    <message>
        <source>Bottom to Top, Right to Left</source>
        <translation>Nga poshtë lart, nga e djathta në të majtë</translation>
    </message>
    <message>
        <source>Duplex Settings Conflicts</source>
        <translation>Cilësimet e shtypjes në të dyja anët bien ndesh</translation>
    </message>
    <message>
        <source>Even Pages</source>
        <translation>Faqet çift</translation>
    </message>
    <message>
        <source>File %1 is not writable.
Please choose a different file name.</source>
        <translation>Në skedarin %1 nuk mund të shkruhet.
Ju lutemi zgjidhni një emër tjetër skedari.</translation>
    </message>
    <message>
        <source>Invalid Pages Definition</source>
        <translation>Faqet nuk janë shënuar si duhet</translation>
    </message>
    <message>
        <source>Left to Right, Bottom to Top</source>
        <translation>Nga e majta në të djathtë, nga poshtë lart</translation>
    </message>
    <message>
        <source>Left to Right, Top to Bottom</source>
        <translation>Nga e majta në të djathtë, nga lart poshtë</translation>
    </message>
    <message>
        <source>Local file</source>
        <translation>Skedar vendor</translation>
    </message>
    <message>
        <source>Odd Pages</source>
        <translation>Faqet tek</translation>
    </message>
    <message>
        <source>Options &apos;Pages Per Sheet&apos; and &apos;Page Set&apos; cannot be used together.
Please turn one of those options off.</source>
        <translation>Opsionet &apos;Faqe për fletë&apos; dhe &apos;Grupi i faqeve&apos; nuk mund të përdoren bashkë.
Ju lutemi çaktivizoni njërin prej tyre.</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Shtypni</translation>
    </message>
    <message>
        <source>Print To File ...</source>
        <translation>Shtypni në skedar ...</translation>
    </message>
    <message>
        <source>Print to File (PDF)</source>
        <translation>Shtypni në skedar (PDF)</translation>
    </message>
    <message>
        <source>Right to Left, Bottom to Top</source>
        <translation>Nga e djathta në të majtë, nga poshtë lart</translation>
    </message>
    <message>
        <source>Right to Left, Top to Bottom</source>
        <translation>Nga e djathta në të majtë, nga lart poshtë</translation>
    </message>
    <message>
        <source>The &apos;From&apos; value cannot be greater than the &apos;To&apos; value.</source>
        <translation>Vlera &apos;Nga&apos; nuk mund të jetë më e madhe se vlera &apos;Deri&apos;.</translation>
    </message>
    <message>
        <source>There are conflicts in duplex settings. Do you want to fix them?</source>
        <translation>Cilësimet e shtypjes në të dyja anët bien ndesh. Doni t&apos;i ndreqni?</translation>
    </message>
    <message>
        <source>Top to Bottom, Left to Right</source>
        <translation>Nga lart poshtë, nga e majta në të djathtë</translation>
    </message>
    <message>
        <source>Top to Bottom, Right to Left</source>
        <translation>Nga lart poshtë, nga e djathta në të majtë</translation>
    </message>
    <message>
        <source>Write PDF file</source>
        <translation>Shkruani skedarin PDF</translation>
    </message>
</context>
<context>
    <name>QPrintPropertiesDialog</name>
    <message>
        <source>Advanced Option Conflicts</source>
        <translation>Opsionet e përparuara bien ndesh</translation>
    </message>
    <message>
        <source>Job Options</source>
        <translation>Opsionet e punës</translation>
    </message>
    <message>
        <source>Page Setup Conflicts</source>
        <translation>Cilësimet e faqes bien ndesh</translation>
    </message>
    <message>
        <source>Printer Properties</source>
        <translation>Vetitë e printerit</translation>
    </message>
    <message>
        <source>There are conflicts in page setup options. Do you want to fix them?</source>
        <translation>Cilësimet e faqes bien ndesh. Doni t&apos;i ndreqni?</translation>
    </message>
    <message>
        <source>There are conflicts in some advanced options. Do you want to fix them?</source>
        <translation>Disa opsione të përparuara bien ndesh. Doni t&apos;i ndreqni?</translation>
    </message>
</context>
<context>
    <name>QPrintPropertiesWidget</name>
    <message>
        <source>Advanced</source>
        <translation>Të përparuara</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Faqja</translation>
    </message>
    <message>
        <source>There are conflicts in some options. Please fix them.</source>
        <translation>Disa opsione bien ndesh. Ju lutemi ndreqini.</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Collate</source>
        <translation>Rendit kopjet</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>Me ngjyra</translation>
    </message>
    <message>
        <source>Color Mode</source>
        <translation>Ngjyrat</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Kopjet</translation>
    </message>
    <message>
        <source>Copies:</source>
        <translation>Kopje:</translation>
    </message>
    <message>
        <source>Current Page</source>
        <translation>Faqja e tanishme</translation>
    </message>
    <message>
        <source>Double Sided Printing</source>
        <translation>Shtypje në të dyja anët</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>Bardhë e zi</translation>
    </message>
    <message>
        <source>Long side binding</source>
        <translation>Lidhje në anën e gjatë</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Jo</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opsionet</translation>
    </message>
    <message>
        <source>Output Settings</source>
        <translation>Cilësimet e shtypjes</translation>
    </message>
    <message>
        <source>Page &amp;Set:</source>
        <translation>&amp;Grupi i faqeve:</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Faqet</translation>
    </message>
    <message>
        <source>Pages from</source>
        <translation>Faqet nga</translation>
    </message>
    <message>
        <source>Print all</source>
        <translation>Shtypni të gjitha</translation>
    </message>
    <message>
        <source>Print range</source>
        <translation>Çfarë të shtypet</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>Në rend të kundërt</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Përzgjedhja</translation>
    </message>
    <message>
        <source>Short side binding</source>
        <translation>Lidhje në anën e shkurtër</translation>
    </message>
    <message>
        <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
        <translation>Shënoni faqet ose intervalet të ndara me presje. Një interval shënohet me dy numra të ndarë me vizë. P.sh.: 3,5-7,9 shtyp faqet 3, 5, 6, 7 dhe 9.</translation>
    </message>
    <message>
        <source>to</source>
        <translation>deri</translation>
    </message>
</context>
<context>
    <name>QPrintWidget</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Emri:</translation>
    </message>
    <message>
        <source>...</source>
        <translation>...</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Vendndodhja:</translation>
    </message>
    <message>
        <source>Output &amp;file:</source>
        <translation>&amp;Skedari i daljes:</translation>
    </message>
    <message>
        <source>P&amp;roperties</source>
        <translation>&amp;Vetitë</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Parapamja</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printeri</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Lloji:</translation>
    </message>
</context>
</TS>
