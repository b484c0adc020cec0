<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sq" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Shtoni një përdorues</translation>
    </message>
    <message>
        <source>Let the new colleague type their own password: nobody else should know it.</source>
        <translation>Lëreni kolegun ose kolegen e re të shkruajë vetë fjalëkalimin e vet: askush tjetër nuk duhet ta dijë.</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Emri i plotë</translation>
    </message>
    <message>
        <source>The colleague&apos;s name, as it appears on cases and signatures.</source>
        <translation>Emri i kolegut, siç shfaqet në raste dhe në nënshkrime.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Emri i përdoruesit</translation>
    </message>
    <message>
        <source>The name the colleague types to sign in.</source>
        <translation>Emri që kolegu shkruan për t&apos;u identifikuar.</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Roli</translation>
    </message>
    <message>
        <source>Officer, social worker or station administrator: what they may do here.</source>
        <translation>Oficer, punonjës social ose administrator i stacionit: çfarë mund të bëjë këtu.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Fjalëkalimi</translation>
    </message>
    <message>
        <source>The colleague types their own password here.</source>
        <translation>Kolegu shkruan këtu fjalëkalimin e vet.</translation>
    </message>
    <message>
        <source>Confirm the password</source>
        <translation>Konfirmoni fjalëkalimin</translation>
    </message>
    <message>
        <source>The same password again, to rule out a typing mistake.</source>
        <translation>I njëjti fjalëkalim edhe një herë, për të përjashtuar një gabim shtypi.</translation>
    </message>
    <message>
        <source>Add the colleague to this workstation.</source>
        <translation>Shtoni kolegun në këtë stacion pune.</translation>
    </message>
    <message>
        <source>Add the user</source>
        <translation>Shtoni përdoruesin</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Dy fjalëkalimet nuk përputhen.</translation>
    </message>
    <message>
        <source>Please write the person&apos;s full name.</source>
        <translation>Ju lutemi shkruani emrin e plotë të personit.</translation>
    </message>
</context>
<context>
    <name>AppWindow</name>
    <message>
        <source>Sync with the central office</source>
        <translation>Sinkronizimi me zyrën qendrore</translation>
    </message>
    <message>
        <source>Interview Room</source>
        <translation>Interview Room</translation>
    </message>
    <message>
        <source>Leave training</source>
        <translation>Dilni nga trajnimi</translation>
    </message>
    <message>
        <source>Delete the training workstation and its fictitious cases? You can open a new one at any time.</source>
        <translation>Të fshihet stacioni i trajnimit me rastet e tij fiktive? Mund të hapni një të ri në çdo kohë.</translation>
    </message>
    <message>
        <source>New password set</source>
        <translation>Fjalëkalimi i ri u vendos</translation>
    </message>
    <message>
        <source>%1 can sign in with the new password now. Their signature key was renewed; documents they signed before stay valid.</source>
        <translation>%1 mund të hyjë tani me fjalëkalimin e ri. Çelësi i nënshkrimit u rinovua; dokumentet e nënshkruara më parë mbeten të vlefshme.</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>The case cannot be opened</source>
        <translation>Rasti nuk mund të hapet</translation>
    </message>
    <message>
        <source>The information sheet cannot be made</source>
        <translation>Fleta informuese nuk mund të përgatitet</translation>
    </message>
    <message>
        <source>Your signing certificate was revoked with the old password: before you can sign a referral, ask a station administrator to issue you a new one (Users, Issue signing certificate…), where you type your new password.</source>
        <translation>Certifikata juaj e nënshkrimit u revokua bashkë me fjalëkalimin e vjetër: para se të nënshkruani një referim, kërkojini një administratori të stacionit t&apos;ju lëshojë një të re (Përdoruesit, Lëshoni certifikatë nënshkrimi…), ku ju shkruani fjalëkalimin tuaj të ri.</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Fjalëkalimi u ndryshua</translation>
    </message>
    <message>
        <source>Your password is changed. Use the new one from now on.</source>
        <translation>Fjalëkalimi juaj u ndryshua. Nga tani përdorni të riun.</translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <source>Search cases</source>
        <translation>Kërkoni rastet</translation>
    </message>
    <message>
        <source>Search by case code, name or date</source>
        <translation>Kërkoni sipas kodit të rastit, emrit ose datës</translation>
    </message>
    <message>
        <source>The list below shows only the cases that match, as you type.</source>
        <translation>Ndërsa shkruani, lista më poshtë shfaq vetëm rastet që përputhen.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statusi</translation>
    </message>
    <message>
        <source>Show only the cases with this status, or all of them.</source>
        <translation>Shfaqni vetëm rastet me këtë gjendje, ose të gjitha.</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Të gjitha statuset</translation>
    </message>
    <message>
        <source>Show names</source>
        <translation>Shfaqni emrat</translation>
    </message>
    <message>
        <source>Names stay hidden so that nobody else can read them on the screen.</source>
        <translation>Emrat mbeten të fshehur, që askush tjetër të mos i lexojë në ekran.</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Rastet</translation>
    </message>
    <message>
        <source>One row per case: code, person, status, date, officer and social worker. Arrow keys move between rows; Enter opens the case.</source>
        <translation>Një rresht për çdo rast: kodi, personi, gjendja, data, oficeri dhe punonjësi social. Shigjetat lëvizin nëpër rreshta; Enter hap rastin.</translation>
    </message>
    <message>
        <source>No case matches this search.</source>
        <translation>Asnjë rast nuk përputhet me këtë kërkim.</translation>
    </message>
    <message>
        <source>No interviews on this workstation yet.</source>
        <translation>Ende nuk ka intervista në këtë stacion pune.</translation>
    </message>
    <message numerus="yes">
        <source>Cases shown: %n</source>
        <translation>
            <numerusform>Raste të shfaqura: %n</numerusform>
            <numerusform>Raste të shfaqura: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseSummaryPage</name>
    <message>
        <source>Age: %1 · Apparent age: %2</source>
        <translation>Mosha: %1 · Mosha e dukshme: %2</translation>
    </message>
    <message>
        <source>Who answered for the child: %1</source>
        <translation>Kush u përgjigj për fëmijën: %1</translation>
    </message>
    <message>
        <source>The child&apos;s own view of the interview: %1</source>
        <translation>Mendimi i vetë fëmijës për intervistën: %1</translation>
    </message>
    <message>
        <source>The child did not agree to the interview</source>
        <translation>Fëmija nuk e pranoi intervistën</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>nuk u shënua</translation>
    </message>
    <message>
        <source>Status: %1 · started %2 · officer %3 · social worker %4</source>
        <translation>Statusi: %1 · filluar më %2 · oficeri %3 · punonjës/e social/e %4</translation>
    </message>
    <message>
        <source>Presumed child: child rules apply</source>
        <translation>Fëmijë i prezumuar: zbatohen rregullat për fëmijët</translation>
    </message>
    <message>
        <source>Asked apart from the companion: %1</source>
        <translation>Pyetur veçmas nga shoqëruesi: %1</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Pëlqimet</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>po</translation>
    </message>
    <message>
        <source>no</source>
        <translation>jo</translation>
    </message>
    <message>
        <source>prefers not to answer</source>
        <translation>preferon të mos përgjigjet</translation>
    </message>
    <message>
        <source>skipped (not asked on purpose)</source>
        <translation>anashkaluar (nuk u pyet qëllimisht)</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>nuk u pyet</translation>
    </message>
    <message>
        <source>Interview: %1</source>
        <translation>Intervista: %1</translation>
    </message>
    <message>
        <source>Storing the data: %1</source>
        <translation>Ruajtja e të dhënave: %1</translation>
    </message>
    <message>
        <source>No record of the person is kept: only the date, station, sex, age group, nationality, outcome and referrals made. What they said is held until you sign out or the screen locks, for the referrals they agreed to.</source>
        <translation>Për personin nuk mbahet asnjë regjistrim: vetëm data, stacioni, gjinia, grupmosha, shtetësia, përfundimi dhe referimet e bëra. Ato që tha mbahen derisa të dilni ose të kyçet ekrani, për referimet që ai ose ajo pranoi.</translation>
    </message>
    <message>
        <source>Sharing with %1: %2</source>
        <translation>Ndarja e të dhënave (%1): %2</translation>
    </message>
    <message>
        <source>Suggestion and decision</source>
        <translation>Sugjerimi dhe vendimi</translation>
    </message>
    <message>
        <source>The software suggested: %1</source>
        <translation>Programi sugjeroi: %1</translation>
    </message>
    <message>
        <source>Decided: %1</source>
        <translation>U vendos: %1</translation>
    </message>
    <message>
        <source>The decision differs from the suggestion.</source>
        <translation>Vendimi ndryshon nga sugjerimi.</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>Arsyet: %1</translation>
    </message>
    <message>
        <source>No decision has been recorded.</source>
        <translation>Nuk është regjistruar asnjë vendim.</translation>
    </message>
    <message>
        <source>Breaks, stops and endings</source>
        <translation>Pushimet, ndërprerjet dhe përfundimet</translation>
    </message>
    <message>
        <source>Interview started</source>
        <translation>Intervista filloi</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pushim</translation>
    </message>
    <message>
        <source>Interview continued after a break</source>
        <translation>Intervista vazhdoi pas pushimit</translation>
    </message>
    <message>
        <source>Interview stopped</source>
        <translation>Intervista u ndërpre</translation>
    </message>
    <message>
        <source>Interview taken up again</source>
        <translation>Intervista rifilloi</translation>
    </message>
    <message>
        <source>The person did not agree to the interview</source>
        <translation>Personi nuk dha pëlqimin për intervistën</translation>
    </message>
    <message>
        <source>Decision recorded</source>
        <translation>Vendimi u regjistrua</translation>
    </message>
    <message>
        <source>Back to the case list</source>
        <translation>Kthehuni te lista e rasteve</translation>
    </message>
    <message>
        <source>Go back to the list of cases.</source>
        <translation>Kthehuni te lista e rasteve.</translation>
    </message>
    <message>
        <source>Information sheet for the person…</source>
        <translation>Fleta informuese për personin…</translation>
    </message>
    <message>
        <source>Save “Your rights and where to get help” as a PDF in the person&apos;s language.</source>
        <translation>Ruani “Të drejtat tuaja dhe ku të gjeni ndihmë” si PDF në gjuhën e personit.</translation>
    </message>
    <message>
        <source>Continue the interview</source>
        <translation>Vazhdoni intervistën</translation>
    </message>
    <message>
        <source>Take the stopped interview up again where it stopped.</source>
        <translation>Rifilloni intervistën e ndërprerë aty ku u ndal.</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Referimet</translation>
    </message>
    <message>
        <source>signed by the officer and the social worker</source>
        <translation>nënshkruar nga oficeri dhe punonjësi social</translation>
    </message>
    <message>
        <source>signed by the officer; waiting for the social worker</source>
        <translation>nënshkruar nga oficeri; pret punonjësin social</translation>
    </message>
    <message>
        <source>the person&apos;s own words left out</source>
        <translation>fjalët e vetë personit u lanë jashtë</translation>
    </message>
    <message>
        <source>Sign as social worker…</source>
        <translation>Nënshkruani si punonjës social…</translation>
    </message>
    <message>
        <source>Referral %1: the social worker adds their signature.</source>
        <translation>Referimi %1: punonjësi social shton nënshkrimin e vet.</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Eksportoni PDF-në…</translation>
    </message>
    <message>
        <source>Referral %1: save the signed PDF where it must go.</source>
        <translation>Referimi %1: ruani PDF-në e nënshkruar aty ku duhet të shkojë.</translation>
    </message>
    <message>
        <source>New referral…</source>
        <translation>Referim i ri…</translation>
    </message>
    <message>
        <source>Make a referral form for a recipient and sign it.</source>
        <translation>Përgatitni një formular referimi për një marrës dhe nënshkruajeni.</translation>
    </message>
    <message>
        <source>A referral is made and signed first by a border police officer: sign in as the officer to make one.</source>
        <translation>Referimin e bën dhe e nënshkruan i pari një oficer i policisë kufitare: hyni si oficeri për ta bërë.</translation>
    </message>
    <message>
        <source>No referral has been made yet.</source>
        <translation>Ende nuk është bërë asnjë referim.</translation>
    </message>
    <message>
        <source>✓ Referral %1 is signed by the officer and the social worker. Export the PDF to send it.</source>
        <translation>✓ Referimi %1 është nënshkruar nga oficeri dhe punonjësi/ja social/e. Eksportojeni PDF-në për ta dërguar.</translation>
    </message>
    <message>
        <source>✓ Referral %1 is signed by the officer. It waits for the social worker&apos;s signature.</source>
        <translation>✓ Referimi %1 është nënshkruar nga oficeri. Pret nënshkrimin e punonjësit/es social/e.</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Case code</source>
        <translation>Kodi i rastit</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Personi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statusi</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Oficeri</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>Punonjës/e social/e</translation>
    </message>
</context>
<context>
    <name>CenterAuditTable</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Ora (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Përdoruesi</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ngjarja</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Stacioni</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Hollësitë</translation>
    </message>
    <message>
        <source>The central office&apos;s audit log</source>
        <translation>Regjistri i auditimit i zyrës qendrore</translation>
    </message>
    <message>
        <source>One row per entry, the newest first: when, which user, what was done, at which station, and its numbers. Nothing about a person.</source>
        <translation>Një rresht për çdo hyrje, më e reja e para: kur, cili përdorues, çfarë u bë, në cilin stacion, dhe numrat e saj. Asgjë për ndonjë person.</translation>
    </message>
    <message>
        <source>Central office set up</source>
        <translation>Zyra qendrore u krijua</translation>
    </message>
    <message>
        <source>First password set</source>
        <translation>U vendos fjalëkalimi i parë</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>U identifikua</translation>
    </message>
    <message>
        <source>Failed sign-in</source>
        <translation>Identifikim i dështuar</translation>
    </message>
    <message>
        <source>Failed sign-ins, counted only</source>
        <translation>Identifikime të dështuara, vetëm të numëruara</translation>
    </message>
    <message>
        <source>Record of failed sign-ins removed outside the app</source>
        <translation>Shënimi i identifikimeve të dështuara u fshi jashtë aplikacionit</translation>
    </message>
    <message>
        <source>Failed sign-ins recorded</source>
        <translation>Identifikimet e dështuara u shënuan në regjistër</translation>
    </message>
    <message>
        <source>User added</source>
        <translation>Përdoruesi u shtua</translation>
    </message>
    <message>
        <source>User removed</source>
        <translation>Përdoruesi u hoq</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Fjalëkalimi u ndryshua</translation>
    </message>
    <message>
        <source>Key slot no entry explains, taken away</source>
        <translation>U hoq një mbajtës çelësi që nuk e shpjegon asnjë hyrje</translation>
    </message>
    <message>
        <source>Database key changed</source>
        <translation>Çelësi i bazës së të dhënave u ndryshua</translation>
    </message>
    <message>
        <source>Database key change waiting</source>
        <translation>Ndryshimi i çelësit të bazës së të dhënave në pritje</translation>
    </message>
    <message>
        <source>Station enrolled</source>
        <translation>Stacioni u regjistrua</translation>
    </message>
    <message>
        <source>Station revoked</source>
        <translation>Stacioni u revokua</translation>
    </message>
    <message>
        <source>Bundle imported</source>
        <translation>Paketa u importua</translation>
    </message>
    <message>
        <source>Statistics exported</source>
        <translation>Statistikat u eksportuan</translation>
    </message>
    <message>
        <source>Centre package published</source>
        <translation>Paketa e zyrës qendrore u publikua</translation>
    </message>
    <message>
        <source>Protocol version withdrawn</source>
        <translation>Versioni i protokollit u tërhoq</translation>
    </message>
    <message>
        <source>Seen-before key changed</source>
        <translation>Çelësi i kontrollit të intervistave të mëparshme u ndryshua</translation>
    </message>
    <message>
        <source>Old seen-before key versions left out of the package</source>
        <translation>Versione të vjetra të çelësit “parë më parë” të lëna jashtë paketës</translation>
    </message>
    <message>
        <source>Statistics store built again from the registry</source>
        <translation>Depoja e statistikave u ndërtua përsëri nga regjistri</translation>
    </message>
    <message>
        <source>Statistics users&apos; entries not taken into the log</source>
        <translation>Shënime të përdoruesve të statistikave që nuk u morën në regjistrin e auditimit</translation>
    </message>
    <message>
        <source>A station&apos;s revocation list not kept</source>
        <translation>Lista e revokimeve e një stacioni nuk u mbajt</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>përdoruesi %1</translation>
    </message>
    <message>
        <source>bundle no. %1</source>
        <translation>paketa nr. %1</translation>
    </message>
    <message>
        <source>%1 records stored</source>
        <translation>u ruajtën %1 regjistrime</translation>
    </message>
    <message>
        <source>failed sign-ins so far: %1</source>
        <translation>identifikime të dështuara deri tani: %1</translation>
    </message>
    <message>
        <source>failed sign-in no. %1</source>
        <translation>identifikimi i dështuar nr. %1</translation>
    </message>
    <message>
        <source>tried at %1</source>
        <translation>provuar më %1</translation>
    </message>
    <message>
        <source>%1 failed sign-ins</source>
        <translation>%1 identifikime të dështuara</translation>
    </message>
    <message>
        <source>%1 recorded before</source>
        <translation>%1 të regjistruara më parë</translation>
    </message>
    <message>
        <source>%1 found now</source>
        <translation>%1 të gjetura tani</translation>
    </message>
    <message>
        <source>%1 other programs have the store open</source>
        <translation>%1 programe të tjera e mbajnë depon të hapur</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>nga %1</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>deri më %1</translation>
    </message>
    <message>
        <source>format %1</source>
        <translation>formati %1</translation>
    </message>
    <message>
        <source>package no. %1</source>
        <translation>paketa nr. %1</translation>
    </message>
    <message>
        <source>protocol %1</source>
        <translation>protokolli %1</translation>
    </message>
    <message>
        <source>version %1 withdrawn</source>
        <translation>versioni %1 u tërhoq</translation>
    </message>
    <message>
        <source>%1 revoked certificates</source>
        <translation>%1 certifikata të revokuara</translation>
    </message>
    <message>
        <source>key version %1</source>
        <translation>versioni i çelësit %1</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bajtë</translation>
    </message>
    <message>
        <source>list no. %1 in the bundle</source>
        <translation>lista nr. %1 në paketë</translation>
    </message>
    <message>
        <source>a username the centre does not have</source>
        <translation>një emër përdoruesi që zyra qendrore nuk e ka</translation>
    </message>
    <message>
        <source>username tried: %1</source>
        <translation>emri i përdoruesit i provuar: %1</translation>
    </message>
    <message>
        <source>a change left waiting earlier</source>
        <translation>një ndryshim i lënë në pritje më parë</translation>
    </message>
    <message>
        <source>after a user was removed</source>
        <translation>pasi u hoq një përdorues</translation>
    </message>
    <message>
        <source>after a password change</source>
        <translation>pas një ndryshimi fjalëkalimi</translation>
    </message>
    <message>
        <source>when the registry and the statistics were given separate keys</source>
        <translation>kur regjistri dhe statistikat morën çelësa të veçantë</translation>
    </message>
    <message>
        <source>larger than a station&apos;s list can be</source>
        <translation>më e madhe se sa mund të jetë lista e një stacioni</translation>
    </message>
    <message>
        <source>numbered as if made in the future</source>
        <translation>me numër sikur të ishte bërë në të ardhmen</translation>
    </message>
    <message>
        <source>more entries than the station has certificates</source>
        <translation>më shumë hyrje se sa certifikata ka stacioni</translation>
    </message>
    <message>
        <source>the registry&apos;s key</source>
        <translation>çelësi i regjistrit</translation>
    </message>
    <message>
        <source>the statistics key</source>
        <translation>çelësi i statistikave</translation>
    </message>
    <message>
        <source>training</source>
        <translation>trajnim</translation>
    </message>
    <message>
        <source>a protocol</source>
        <translation>një protokoll</translation>
    </message>
    <message>
        <source>the directory</source>
        <translation>lista e shërbimeve</translation>
    </message>
    <message>
        <source>it leaves out a certificate the list kept here revokes</source>
        <translation>lë jashtë një certifikatë që e revokon lista e mbajtur këtu</translation>
    </message>
    <message>
        <source>it could not be read or followed</source>
        <translation>nuk mund të lexohej ose të ndiqej</translation>
    </message>
    <message>
        <source>a table, index or trigger the app did not make</source>
        <translation>një tabelë, indeks ose shkrehës që aplikacioni nuk e krijoi</translation>
    </message>
    <message>
        <source>its counts differed from the registry&apos;s</source>
        <translation>numërimet e saj ndryshonin nga ato të regjistrit</translation>
    </message>
    <message>
        <source>its counts by status differed from its rows</source>
        <translation>numërimet e saj sipas statusit ndryshonin nga rreshtat e saj</translation>
    </message>
    <message>
        <source>coded rows or monthly counts changed outside the app</source>
        <translation>rreshta të koduar ose numërime mujore të ndryshuara jashtë aplikacionit</translation>
    </message>
    <message>
        <source>no seal of the registry&apos;s for it (a store from before, or put back)</source>
        <translation>pa vulën e regjistrit (një depo e mëparshme, ose e rikthyer)</translation>
    </message>
    <message>
        <source>role: administrator</source>
        <translation>roli: administrator</translation>
    </message>
    <message>
        <source>role: registry</source>
        <translation>roli: regjistri</translation>
    </message>
    <message>
        <source>role: statistics only</source>
        <translation>roli: vetëm statistika</translation>
    </message>
</context>
<context>
    <name>CenterChangePasswordDialog</name>
    <message>
        <source>Only your password changes; colleagues keep theirs. The central office&apos;s database key changes too, so an old copy of the key file opens nothing.</source>
        <translation>Ndryshon vetëm fjalëkalimi juaj; kolegët i mbajnë të tyret. Ndryshon edhe çelësi i bazës së të dhënave të zyrës qendrore, kështu që një kopje e vjetër e skedarit të çelësave nuk hap asgjë.</translation>
    </message>
</context>
<context>
    <name>CenterPublishDialog</name>
    <message>
        <source>Publish for the stations</source>
        <translation>Publiko për stacionet</translation>
    </message>
    <message>
        <source>A protocol folder</source>
        <translation>Një dosje protokolli</translation>
    </message>
    <message>
        <source>A folder with protocol.json, vectors.json and the texts.</source>
        <translation>Një dosje me protocol.json, vectors.json dhe tekstet.</translation>
    </message>
    <message>
        <source>A directory-of-services file</source>
        <translation>Një skedar me listën e shërbimeve</translation>
    </message>
    <message>
        <source>A file in the format of directory.json: emergency numbers and services.</source>
        <translation>Një skedar në formatin e directory.json: numrat e urgjencës dhe shërbimet.</translation>
    </message>
    <message>
        <source>A published protocol version to withdraw</source>
        <translation>Një version i publikuar protokolli për t&apos;u tërhequr</translation>
    </message>
    <message>
        <source>No station starts a new interview with the version chosen again.</source>
        <translation>Asnjë stacion nuk fillon më intervistë të re me versionin e zgjedhur.</translation>
    </message>
    <message>
        <source>What to publish</source>
        <translation>Çfarë publikohet</translation>
    </message>
    <message>
        <source>Folder or file</source>
        <translation>Dosja ose skedari</translation>
    </message>
    <message>
        <source>Version to withdraw</source>
        <translation>Versioni për t&apos;u tërhequr</translation>
    </message>
    <message>
        <source>Choose the folder or file</source>
        <translation>Zgjidhni dosjen ose skedarin</translation>
    </message>
    <message>
        <source>Where the protocol folder or the directory file is.</source>
        <translation>Ku ndodhet dosja e protokollit ose skedari i listës së shërbimeve.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Zgjidhni…</translation>
    </message>
    <message>
        <source>Pick the folder or the file in a file window.</source>
        <translation>Zgjidhni dosjen ose skedarin në një dritare skedarësh.</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Zgjidhni një dosje</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Zgjidhni një skedar</translation>
    </message>
    <message>
        <source>Directory of services (*.json)</source>
        <translation>Lista e shërbimeve (*.json)</translation>
    </message>
    <message>
        <source>Check that this version may be withdrawn; nothing is withdrawn yet.</source>
        <translation>Kontrollo nëse ky version mund të tërhiqet; ende nuk tërhiqet asgjë.</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>Tërhiq…</translation>
    </message>
    <message>
        <source>Sign the next package for every station with this version withdrawn.</source>
        <translation>Nënshkruaj paketën e radhës për çdo stacion me këtë version të tërhequr.</translation>
    </message>
    <message>
        <source>Withdraw it</source>
        <translation>Tërhiqe</translation>
    </message>
    <message>
        <source>Run every check, publishing nothing.</source>
        <translation>Bën çdo kontroll, pa publikuar asgjë.</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kontrollo</translation>
    </message>
    <message>
        <source>Sign and publish what was checked, for every station.</source>
        <translation>Nënshkruan dhe publikon atë që u kontrollua, për çdo stacion.</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publiko</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Po publikohet…</translation>
    </message>
    <message>
        <source>Withdrawing…</source>
        <translation>Po tërhiqet…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Po kontrollohet…</translation>
    </message>
    <message>
        <source>protocol %1</source>
        <translation>protokolli %1</translation>
    </message>
    <message>
        <source>protocol %1 withdrawn</source>
        <translation>protokolli %1 u tërhoq</translation>
    </message>
    <message>
        <source>the directory of services of %1</source>
        <translation>lista e shërbimeve e %1</translation>
    </message>
    <message>
        <source>Update %1 was published: %2.</source>
        <translation>Përditësimi %1 u publikua: %2.</translation>
    </message>
    <message>
        <source>A new protocol version, a new directory of services or the withdrawal of a protocol version reaches every station with its next sync. It is checked first; only a check that passes can be published.</source>
        <translation>Një version i ri i protokollit, një listë e re e shërbimeve ose tërheqja e një versioni të protokollit arrin te çdo stacion me sinkronizimin e tij të ardhshëm. Së pari kontrollohet; publikohet vetëm ajo që e kalon kontrollin.</translation>
    </message>
    <message>
        <source>The stations get it the next time they sync, over the network or with a USB stick; each checks it again before using it.</source>
        <translation>Stacionet e marrin në sinkronizimin e ardhshëm, përmes rrjetit ose me USB; secili e kontrollon përsëri para se ta përdorë.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Mbyll</translation>
    </message>
    <message>
        <source>Close this window.</source>
        <translation>Mbyllni këtë dritare.</translation>
    </message>
    <message>
        <source>Protocol %1: %2 of %3 test vectors pass.</source>
        <translation>Protokolli %1: kalojnë %2 nga %3 raste prove.</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…dhe %n tjetër.</numerusform>
            <numerusform>…dhe %n të tjera.</numerusform>
        </translation>
    </message>
    <message>
        <source>Concerned: %1.</source>
        <translation>Rastet në fjalë: %1.</translation>
    </message>
    <message>
        <source>Every check passed: its test vectors, the basic cases every protocol must satisfy, and the vectors of the earlier version kept. Press “Publish” to send it to the stations.</source>
        <translation>Çdo kontroll kaloi: rastet e tij të provës, rastet bazë që çdo protokoll duhet t&apos;i plotësojë, dhe rastet e provës të versionit të mëparshëm, të ruajtura. Shtypni “Publiko” për ta dërguar te stacionet.</translation>
    </message>
    <message>
        <source>• %1: the outcome expected, but other details differ (dimensions, signs or presumed child).</source>
        <translation>• %1: rezultati i pritur, por ndryshojnë hollësi të tjera (dimensionet, shenjat ose prezumimi i fëmijës).</translation>
    </message>
    <message>
        <source>• %1: expected “%2”, the rule gives “%3”.</source>
        <translation>• %1: pritej “%2”, rregulli jep “%3”.</translation>
    </message>
    <message numerus="yes">
        <source>The directory of services reads correctly: %n entries (emergency numbers and services). Press “Publish” to send it to the stations.</source>
        <translation>
            <numerusform>Lista e shërbimeve lexohet saktë: %n hyrje (numra urgjence dhe shërbime). Shtypni “Publiko” për ta dërguar te stacionet.</numerusform>
            <numerusform>Lista e shërbimeve lexohet saktë: %n hyrje (numra urgjence dhe shërbime). Shtypni “Publiko” për ta dërguar te stacionet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CenterSignInPage</name>
    <message>
        <source>Username</source>
        <translation>Emri i përdoruesit</translation>
    </message>
    <message>
        <source>The name you sign in with, e.g. a.hoxha.</source>
        <translation>Emri me të cilin hyni, p.sh. a.hoxha.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Emri juaj</translation>
    </message>
    <message>
        <source>Your name as colleagues will see it.</source>
        <translation>Emri juaj siç do ta shohin kolegët.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Fjalëkalimi</translation>
    </message>
    <message>
        <source>Your own password. Enter signs in.</source>
        <translation>Fjalëkalimi juaj. Enter ju identifikon.</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Përsëritni fjalëkalimin</translation>
    </message>
    <message>
        <source>The same password again, to be sure of it.</source>
        <translation>I njëjti fjalëkalim edhe një herë, për siguri.</translation>
    </message>
    <message>
        <source>Set the password and sign in</source>
        <translation>Vendosni fjalëkalimin dhe hyni</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Hyni</translation>
    </message>
    <message>
        <source>Open the central office with this username and password.</source>
        <translation>Hap zyrën qendrore me këtë emër përdoruesi dhe fjalëkalim.</translation>
    </message>
    <message>
        <source>Central office</source>
        <translation>Zyra qendrore</translation>
    </message>
    <message>
        <source>Set the first administrator&apos;s password</source>
        <translation>Vendosni fjalëkalimin e administratorit të parë</translation>
    </message>
    <message>
        <source>This central office still keeps its key in a file beside the registry. Choose your username and a password: you become its first administrator, and the file is removed. Only a password opens the registry from then on.</source>
        <translation>Kjo zyrë qendrore e mban ende çelësin në një skedar pranë regjistrit. Zgjidhni emrin e përdoruesit dhe një fjalëkalim: bëheni administratori i saj i parë dhe skedari fshihet. Që atëherë regjistri hapet vetëm me fjalëkalim.</translation>
    </message>
    <message>
        <source>Please write your username and password.</source>
        <translation>Ju lutemi shkruani emrin e përdoruesit dhe fjalëkalimin.</translation>
    </message>
    <message>
        <source>Please write your name.</source>
        <translation>Ju lutemi shkruani emrin tuaj.</translation>
    </message>
    <message>
        <source>The two passwords are not the same. Please write them again.</source>
        <translation>Dy fjalëkalimet nuk janë të njëjta. Ju lutemi shkruajini përsëri.</translation>
    </message>
</context>
<context>
    <name>CenterWindow</name>
    <message>
        <source>Signed in: %1</source>
        <translation>Keni hyrë: %1</translation>
    </message>
    <message>
        <source>Disputed versions</source>
        <translation>Versione të kontestuara</translation>
    </message>
    <message>
        <source>Interview Room – central office</source>
        <translation>Interview Room – zyra qendrore</translation>
    </message>
    <message>
        <source>Cases by station and status</source>
        <translation>Rastet sipas stacionit dhe statusit</translation>
    </message>
    <message>
        <source>How many cases each station has in each status.</source>
        <translation>Sa raste ka çdo stacion në secilën gjendje.</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Stacioni</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statusi</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Rastet</translation>
    </message>
    <message>
        <source>Imported cases</source>
        <translation>Rastet e importuara</translation>
    </message>
    <message>
        <source>One row per case received: station, case code, status, outcome, interview date, when it arrived, and how many versions of it are kept aside for a person to resolve. No names.</source>
        <translation>Një rresht për çdo rast të marrë: stacioni, kodi i rastit, gjendja, përfundimi, data e intervistës, kur mbërriti, dhe sa versione të tij janë lënë mënjanë që t&apos;i zgjidhë një person. Pa emra.</translation>
    </message>
    <message>
        <source>Case code</source>
        <translation>Kodi i rastit</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Rezultati</translation>
    </message>
    <message>
        <source>Interviewed on</source>
        <translation>Intervistuar më</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Marrë më</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Hyrje në regjistrin e auditimit</translation>
    </message>
    <message>
        <source>Last bundle</source>
        <translation>Paketa e fundit</translation>
    </message>
    <message>
        <source>Contradictions</source>
        <translation>Mospërputhje</translation>
    </message>
    <message>
        <source>Station audit logs</source>
        <translation>Regjistrat e auditimit të stacioneve</translation>
    </message>
    <message>
        <source>For each station, its audit log as its last bundle carried it: how many entries, and how many of its bundles contradicted an earlier one.</source>
        <translation>Për çdo stacion, regjistri i tij i auditimit siç e solli paketa e fundit: sa hyrje ka, dhe sa nga paketat e tij kundërshtuan një paketë të mëparshme.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Rifreskoni</translation>
    </message>
    <message>
        <source>Read the registry again, with the bundles imported since.</source>
        <translation>Lexoni sërish regjistrin, bashkë me paketat e importuara që nga ajo kohë.</translation>
    </message>
    <message>
        <source>Change your password</source>
        <translation>Ndryshoni fjalëkalimin tuaj</translation>
    </message>
    <message>
        <source>Give yourself a new password; the central office&apos;s database key changes too.</source>
        <translation>Vendosni një fjalëkalim të ri për veten; ndryshon edhe çelësi i bazës së të dhënave të zyrës qendrore.</translation>
    </message>
    <message>
        <source>Publish for the stations…</source>
        <translation>Publiko për stacionet…</translation>
    </message>
    <message>
        <source>Check, then publish a new protocol version or directory of services for the stations.</source>
        <translation>Kontrolloni, pastaj publikoni për stacionet një version të ri të protokollit ose listën e shërbimeve.</translation>
    </message>
    <message>
        <source>The central office&apos;s audit log</source>
        <translation>Regjistri i auditimit i zyrës qendrore</translation>
    </message>
    <message>
        <source>Central office</source>
        <translation>Zyra qendrore</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Fjalëkalimi u ndryshua</translation>
    </message>
    <message>
        <source>Your password is changed; use it from your next sign-in.</source>
        <translation>Fjalëkalimi juaj u ndryshua; përdoreni që nga identifikimi i ardhshëm.</translation>
    </message>
    <message>
        <source>Your password is changed. The database key changes at the next sign-in that finds the central office free: another program has it open now.</source>
        <translation>Fjalëkalimi juaj u ndryshua. Çelësi i bazës së të dhënave ndryshon në identifikimin e ardhshëm që e gjen zyrën qendrore të lirë: tani e mban të hapur një program tjetër.</translation>
    </message>
    <message>
        <source>Nothing is published for the stations yet.</source>
        <translation>Ende nuk është publikuar asgjë për stacionet.</translation>
    </message>
    <message>
        <source>Published for the stations: update %1 of %2 · protocols: %3 · directory: %4</source>
        <translation>Publikuar për stacionet: përditësimi %1, më %2 · protokollet: %3 · lista e shërbimeve: %4</translation>
    </message>
    <message>
        <source>those shipped with the program</source>
        <translation>ato që vijnë me programin</translation>
    </message>
    <message>
        <source>the one shipped with the program</source>
        <translation>ajo që vjen me programin</translation>
    </message>
    <message numerus="yes">
        <source>Versions kept aside: %n. They do not follow the version held. A person compares and chooses (interview-room center conflicts).</source>
        <translation>
            <numerusform>Versione të lëna mënjanë: %n. Nuk vijnë pas versionit që mbahet. Një person i krahason dhe zgjedh (interview-room center conflicts).</numerusform>
            <numerusform>Versione të lëna mënjanë: %n. Nuk vijnë pas versionit që mbahet. Një person i krahason dhe zgjedh (interview-room center conflicts).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The central office&apos;s audit log is whole: %n entries.</source>
        <translation>
            <numerusform>Regjistri i auditimit i zyrës qendrore është i paprekur: %n hyrje.</numerusform>
            <numerusform>Regjistri i auditimit i zyrës qendrore është i paprekur: %n hyrje.</numerusform>
        </translation>
    </message>
    <message>
        <source>The central office&apos;s audit log was changed or shortened outside the app (from entry %1 on). Check who can reach the centre&apos;s folder: interview-room center audit.</source>
        <translation>Regjistri i auditimit i zyrës qendrore u ndryshua ose u shkurtua jashtë aplikacionit (nga hyrja %1 e tutje). Kontrolloni kush ka qasje në dosjen e zyrës qendrore: interview-room center audit.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change your password</source>
        <translation>Ndryshoni fjalëkalimin tuaj</translation>
    </message>
    <message>
        <source>Only your password changes; colleagues keep theirs.</source>
        <translation>Ndryshon vetëm fjalëkalimi juaj; kolegët i mbajnë të tyret.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Fjalëkalimi aktual</translation>
    </message>
    <message>
        <source>The password you signed in with today.</source>
        <translation>Fjalëkalimi me të cilin u identifikuat sot.</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Fjalëkalimi i ri</translation>
    </message>
    <message>
        <source>Your new password.</source>
        <translation>Fjalëkalimi juaj i ri.</translation>
    </message>
    <message>
        <source>Confirm the new password</source>
        <translation>Konfirmoni fjalëkalimin e ri</translation>
    </message>
    <message>
        <source>Type the new password again, to rule out a typing mistake.</source>
        <translation>Shkruani sërish fjalëkalimin e ri, për të përjashtuar një gabim shtypi.</translation>
    </message>
    <message>
        <source>Change your password now.</source>
        <translation>Ndryshoni fjalëkalimin tani.</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>Dy fjalëkalimet e reja nuk përputhen.</translation>
    </message>
    <message>
        <source>Your password is being changed and the station&apos;s store is given a new key, so that your old password opens nothing any more.</source>
        <translation>Fjalëkalimi juaj po ndryshohet dhe depoja e stacionit merr një çelës të ri, që fjalëkalimi juaj i vjetër të mos hapë më asgjë.</translation>
    </message>
</context>
<context>
    <name>ContrastSwitch</name>
    <message>
        <source>High contrast</source>
        <translation>Kontrast i lartë</translation>
    </message>
    <message>
        <source>White and yellow on black with a thick focus ring, for low vision or bright light. Press again for the usual colours.</source>
        <translation>E bardhë dhe e verdhë mbi të zezë, me një kornizë të trashë fokusi, për shikim të dobët ose dritë të fortë. Shtypeni sërish për ngjyrat e zakonshme.</translation>
    </message>
</context>
<context>
    <name>CountersignDialog</name>
    <message>
        <source>Read the form below: it is the very file you sign, page by page. Then the social worker types their own password. The officer&apos;s signature stays.</source>
        <translation>Lexoni formularin më poshtë: është vetë skedari që nënshkruani, faqe pas faqeje. Pastaj punonjësi social shkruan fjalëkalimin e vet. Nënshkrimi i oficerit mbetet.</translation>
    </message>
    <message>
        <source>The form %1, certified by %2: read every page before you sign</source>
        <translation>Formulari %1, i certifikuar nga %2: lexojeni çdo faqe para se ta nënshkruani</translation>
    </message>
    <message>
        <source>The form stored for this referral is not shown and cannot be signed: nothing was signed.</source>
        <translation>Formulari i ruajtur për këtë referim nuk shfaqet dhe nuk mund të nënshkruhet: nuk u nënshkrua asgjë.</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Nënshkruani</translation>
    </message>
    <message>
        <source>Sign as social worker</source>
        <translation>Nënshkruani si punonjës social</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>Punonjës/e social/e</translation>
    </message>
    <message>
        <source>The social worker who signs second.</source>
        <translation>Punonjësi social që nënshkruan i dyti.</translation>
    </message>
    <message>
        <source>Social worker&apos;s password</source>
        <translation>Fjalëkalimi i punonjësit social</translation>
    </message>
    <message>
        <source>Typed by the social worker: it signs the form in their name.</source>
        <translation>E shkruan punonjësi social: me të nënshkruhet formulari në emrin e tij ose të saj.</translation>
    </message>
    <message>
        <source>Add the social worker&apos;s signature to the form.</source>
        <translation>Shtoni nënshkrimin e punonjësit social në formular.</translation>
    </message>
    <message>
        <source>There is no social worker on this workstation.</source>
        <translation>Në këtë stacion pune nuk ka asnjë punonjës social.</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>This is the last step. Decide first from what you heard and saw: your decision and its reasons come next (press Tab to go to them), then the software&apos;s suggestion, to compare before you finish.</source>
        <translation>Ky është hapi i fundit. Vendosni fillimisht nga ajo që dëgjuat dhe patë: vendimi juaj dhe arsyet e tij vijnë më poshtë (shtypni Tab për të shkuar te to), pastaj sugjerimi i programit, për t&apos;i krahasuar para se të përfundoni.</translation>
    </message>
    <message numerus="yes">
        <source>Not asked, no answer recorded: %n</source>
        <translation>
            <numerusform>Pa u pyetur, pa përgjigje të regjistruar: %n</numerusform>
            <numerusform>Pa u pyetur, pa përgjigje të regjistruar: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped on purpose: %n</source>
        <translation>
            <numerusform>Anashkaluar qëllimisht: %n</numerusform>
            <numerusform>Anashkaluar qëllimisht: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>The software suggests</source>
        <translation>Programi sugjeron</translation>
    </message>
    <message>
        <source>Rules for a child apply (presumed child).</source>
        <translation>Zbatohen rregullat për fëmijët (fëmijë i prezumuar).</translation>
    </message>
    <message>
        <source>Your decision</source>
        <translation>Vendimi juaj</translation>
    </message>
    <message>
        <source>Your decision for this case; write the reasons below.</source>
        <translation>Vendimi juaj për këtë rast; shkruani arsyet më poshtë.</translation>
    </message>
    <message>
        <source>Reasons (required, also when you follow the suggestion)</source>
        <translation>Arsyet (të detyrueshme, edhe kur ndiqni sugjerimin)</translation>
    </message>
    <message>
        <source>Reasons for the decision</source>
        <translation>Arsyet e vendimit</translation>
    </message>
    <message>
        <source>Required, also when you follow the suggestion. Kept as you type. Tab leaves the field.</source>
        <translation>E detyrueshme, edhe kur ndiqni sugjerimin. Ruhet ndërsa shkruani. Tab del nga fusha.</translation>
    </message>
    <message>
        <source>There is no next page: recording the decision closes the interview, and the case then offers the referral and the information sheet.</source>
        <translation>Nuk ka faqe tjetër: regjistrimi i vendimit e mbyll intervistën, dhe më pas rasti ofron referimin dhe fletën informuese.</translation>
    </message>
    <message>
        <source>Record the decision and finish</source>
        <translation>Regjistroni vendimin dhe përfundoni</translation>
    </message>
    <message>
        <source>Save the decision beside the software&apos;s suggestion and close the interview.</source>
        <translation>Ruani vendimin pranë sugjerimit të programit dhe mbyllni intervistën.</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… dhe %1 të tjera</translation>
    </message>
    <message>
        <source>Choose a decision and write the reasons for it.</source>
        <translation>Zgjidhni një vendim dhe shkruani arsyet për të.</translation>
    </message>
</context>
<context>
    <name>EmergencyContacts</name>
    <message>
        <source>Emergency numbers: %1</source>
        <translation>Numrat e urgjencës: %1</translation>
    </message>
    <message>
        <source>Not yet confirmed by the central office (check it before giving it to the person): %1</source>
        <translation>Numra ende të pakonfirmuar nga zyra qendrore (kontrollojini para se t&apos;ia jepni personit): %1</translation>
    </message>
    <message>
        <source>Emergency numbers</source>
        <translation>Numrat e urgjencës</translation>
    </message>
</context>
<context>
    <name>EmergencyStrip</name>
    <message>
        <source>Police</source>
        <translation>Policia</translation>
    </message>
    <message>
        <source>Ambulance</source>
        <translation>Ambulanca</translation>
    </message>
    <message>
        <source>Anti-trafficking line</source>
        <translation>Kundër trafikimit</translation>
    </message>
    <message>
        <source>not confirmed</source>
        <translation>pa konfirmuar</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Enroll with the central office</source>
        <translation>Regjistrohuni në zyrën qendrore</translation>
    </message>
    <message>
        <source>Choose the enrollment package from the central office and type the one-time passphrase that came with it. Colleagues get new signing certificates the next time they sign.</source>
        <translation>Zgjidhni paketën e regjistrimit nga zyra qendrore dhe shkruani frazën kalimi njëpërdorimshe që erdhi me të. Kolegët marrin certifikata të reja nënshkrimi herën tjetër që nënshkruajnë.</translation>
    </message>
    <message>
        <source>Enrollment package</source>
        <translation>Paketa e regjistrimit</translation>
    </message>
    <message>
        <source>The file from the central office that links this station to it.</source>
        <translation>Skedari nga zyra qendrore që e lidh këtë stacion me të.</translation>
    </message>
    <message>
        <source>Choose the file, or type where it is</source>
        <translation>Zgjidhni skedarin, ose shkruani ku ndodhet</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>Regjistrohuni</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Zgjidhni…</translation>
    </message>
    <message>
        <source>Pick the enrollment package file from a USB stick or folder.</source>
        <translation>Zgjidhni skedarin e paketës së regjistrimit nga një USB ose dosje.</translation>
    </message>
    <message>
        <source>One-time passphrase</source>
        <translation>Fraza kalimi njëpërdorimshe</translation>
    </message>
    <message>
        <source>The passphrase the central office gave with the package.</source>
        <translation>Fraza e kalimit që zyra qendrore dha bashkë me paketën.</translation>
    </message>
    <message>
        <source>Link this station to the central office now.</source>
        <translation>Lidheni tani këtë stacion me zyrën qendrore.</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to Interview Room</source>
        <translation>Mirë se vini në Interview Room</translation>
    </message>
    <message>
        <source>This computer has no workstation yet. A workstation keeps every interview encrypted on this PC; each colleague unlocks it with their own password.</source>
        <translation>Ky kompjuter nuk ka ende një stacion pune. Stacioni i punës i mban të gjitha intervistat të enkriptuara në këtë kompjuter; secili koleg e shkyç me fjalëkalimin e vet.</translation>
    </message>
    <message>
        <source>Set up this workstation</source>
        <translation>Konfiguroni këtë stacion pune</translation>
    </message>
    <message>
        <source>For a border interview room: station, first administrator, recovery key.</source>
        <translation>Për një dhomë intervistimi në kufi: stacioni, administratori i parë, çelësi i rikuperimit.</translation>
    </message>
    <message>
        <source>Open the training workstation</source>
        <translation>Hapni stacionin e trajnimit</translation>
    </message>
    <message>
        <source>Open a training workstation</source>
        <translation>Hapni një stacion trajnimi</translation>
    </message>
    <message>
        <source>Fictitious people and cases, to learn the app safely.</source>
        <translation>Persona dhe raste fiktive, për ta mësuar aplikacionin pa rrezik.</translation>
    </message>
    <message>
        <source>Preparing the training workstation: fictitious people, cases and signed referrals. This takes a few seconds; please wait.</source>
        <translation>Po përgatitet stacioni i punës për trajnim: persona, raste dhe referime të nënshkruara, të gjitha fiktive. Kjo zgjat disa sekonda; ju lutemi prisni.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Close this window without changing anything.</source>
        <translation>Mbyllni këtë dritare pa ndryshuar asgjë.</translation>
    </message>
    <message>
        <source>Save what is written here and close the window.</source>
        <translation>Ruani atë që është shkruar këtu dhe mbyllni dritaren.</translation>
    </message>
    <message>
        <source>Please fill in “%1” first.</source>
        <translation>Ju lutemi plotësoni më parë “%1”.</translation>
    </message>
</context>
<context>
    <name>FormPagesView</name>
    <message>
        <source>The form you sign</source>
        <translation>Formulari që nënshkruani</translation>
    </message>
    <message>
        <source>Every page of the stored form, exactly as it will be signed. Arrow keys, Page Up and Page Down scroll; Ctrl and + or - make the pages larger or smaller.</source>
        <translation>Çdo faqe e formularit të ruajtur, pikërisht siç do të nënshkruhet. Shigjetat, Page Up dhe Page Down e lëvizin; Ctrl me + ose - i bën faqet më të mëdha ose më të vogla.</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Faqe %1 nga %2</translation>
    </message>
</context>
<context>
    <name>HelpQuestionsDialog</name>
    <message>
        <source>← Back</source>
        <translation>← Prapa</translation>
    </message>
    <message>
        <source>The question before this one.</source>
        <translation>Pyetja para kësaj.</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>Tjetra →</translation>
    </message>
    <message>
        <source>The next question; nothing is recorded for it.</source>
        <translation>Pyetja tjetër; për këtë nuk regjistrohet asgjë.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>U krye</translation>
    </message>
    <message>
        <source>Close; every answer given here is already saved.</source>
        <translation>Mbyllni; çdo përgjigje e dhënë këtu është ruajtur tashmë.</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Pyetja %1 nga %2</translation>
    </message>
    <message>
        <source>Not saved: this answer does not fit the question.</source>
        <translation>Nuk u ruajt: kjo përgjigje nuk i përshtatet pyetjes.</translation>
    </message>
</context>
<context>
    <name>HelpWithoutInterview</name>
    <message>
        <source>Help that does not depend on the interview</source>
        <translation>Ndihmë që nuk varet nga intervista</translation>
    </message>
    <message>
        <source>The person can still get help: record what they need now, give them the information sheet, call for emergency help, and refer them to a shelter if they agree (a child to the Child Protection Unit, as the law requires).</source>
        <translation>Personi mund të marrë ndihmë gjithsesi: regjistroni çfarë i nevojitet tani, jepini fletën informuese, thërrisni ndihmën e urgjencës dhe referojeni në një strehëz nëse pranon (një fëmijë në Njësinë për Mbrojtjen e Fëmijës, siç e kërkon ligji).</translation>
    </message>
    <message>
        <source>Immediate needs: %1 of %2 recorded</source>
        <translation>Nevojat e menjëhershme: %1 nga %2 të regjistruara</translation>
    </message>
    <message>
        <source>Immediate needs…</source>
        <translation>Nevojat e menjëhershme…</translation>
    </message>
    <message>
        <source>Medical care, food, water, rest, safety, children with them: one question at a time, each saved at once.</source>
        <translation>Kujdesi mjekësor, ushqimi, uji, pushimi, siguria, fëmijët me të: një pyetje në një kohë, secila ruhet menjëherë.</translation>
    </message>
    <message>
        <source>Information sheet for the person…</source>
        <translation>Fleta informuese për personin…</translation>
    </message>
    <message>
        <source>“Your rights and where to get help” in the person&apos;s language, to print or hand over.</source>
        <translation>“Të drejtat tuaja dhe ku të gjeni ndihmë” në gjuhën e personit, për ta printuar ose dorëzuar.</translation>
    </message>
    <message>
        <source>Referral to a shelter…</source>
        <translation>Referim në strehëz…</translation>
    </message>
    <message>
        <source>Ask the person whether they agree that a shelter is told what it needs to offer them a safe place; with their yes, make the referral.</source>
        <translation>Pyeteni personin nëse pranon që strehëzës t&apos;i jepet ajo që i nevojitet për t&apos;i ofruar një vend të sigurt; me pëlqimin e tij ose të saj, bëni referimin.</translation>
    </message>
    <message>
        <source>Referral to the Child Protection Unit (required by law)…</source>
        <translation>Referim në Njësinë për Mbrojtjen e Fëmijës (e detyrueshme me ligj)…</translation>
    </message>
    <message>
        <source>A presumed child is referred to the Child Protection Unit even without consent; the form names the law.</source>
        <translation>Një fëmijë i prezumuar referohet në Njësinë për Mbrojtjen e Fëmijës edhe pa pëlqim; formulari përmend ligjin.</translation>
    </message>
    <message>
        <source>A referral is made and signed first by a border police officer: sign in as the officer to make one.</source>
        <translation>Referimi bëhet dhe nënshkruhet së pari nga një oficer i Policisë Kufitare: hyni si oficeri për ta bërë.</translation>
    </message>
    <message>
        <source>Immediate needs, the information sheet, emergency numbers and referrals.</source>
        <translation>Nevojat e menjëhershme, fleta informuese, numrat e urgjencës dhe referimet.</translation>
    </message>
    <message>
        <source>The person agreed to a shelter referral.</source>
        <translation>Personi pranoi referimin në strehëz.</translation>
    </message>
    <message>
        <source>The person did not agree to a shelter referral: none is made.</source>
        <translation>Personi nuk pranoi referimin në strehëz: nuk bëhet referim.</translation>
    </message>
    <message>
        <source>Not asked yet whether the person agrees to a shelter referral.</source>
        <translation>Ende nuk është pyetur nëse personi pranon referimin në strehëz.</translation>
    </message>
    <message>
        <source>Immediate needs</source>
        <translation>Nevojat e menjëhershme</translation>
    </message>
    <message>
        <source>✓ The immediate needs are recorded as given.</source>
        <translation>✓ Nevojat e menjëhershme u regjistruan siç u dhanë.</translation>
    </message>
    <message>
        <source>Consent to a shelter referral</source>
        <translation>Pëlqimi për referimin në strehëz</translation>
    </message>
</context>
<context>
    <name>HereAndNowDialog</name>
    <message>
        <source>Here and now</source>
        <translation>Këtu dhe tani</translation>
    </message>
    <message>
        <source>Machine draft, not yet checked by a certified translator.</source>
        <translation>Përkthim automatik, ende pa u kontrolluar nga një përkthyes i certifikuar.</translation>
    </message>
    <message>
        <source>With an interpreter: you say it in your language, the interpreter says it in the person&apos;s language.</source>
        <translation>Me përkthyes: ju e thoni në gjuhën tuaj, përkthyesi e thotë në gjuhën e personit.</translation>
    </message>
    <message>
        <source>Back to the interview</source>
        <translation>Kthehuni te intervista</translation>
    </message>
    <message>
        <source>Close the prompt and go on where you were.</source>
        <translation>Mbyllni tekstin dhe vazhdoni aty ku ishit.</translation>
    </message>
    <message>
        <source>Take a break</source>
        <translation>Bëni një pushim</translation>
    </message>
    <message>
        <source>Close the prompt and pause the interview; nothing is lost.</source>
        <translation>Mbyllni udhëzimin dhe ndërprisni përkohësisht intervistën; asgjë nuk humbet.</translation>
    </message>
    <message>
        <source>Stop the interview…</source>
        <translation>Ndërprisni intervistën…</translation>
    </message>
    <message>
        <source>Close the prompt and choose who asked to stop, and why.</source>
        <translation>Mbyllni udhëzimin dhe zgjidhni kush kërkoi ndërprerjen dhe pse.</translation>
    </message>
    <message>
        <source>Read slowly, in a calm voice:</source>
        <translation>Lexojeni ngadalë, me zë të qetë:</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>Keni hyrë si %1 (%2)</translation>
    </message>
    <message>
        <source>Users…</source>
        <translation>Përdoruesit…</translation>
    </message>
    <message>
        <source>Add colleagues to this workstation or disable them.</source>
        <translation>Shtoni kolegë në këtë stacion pune ose çaktivizojini.</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Cilësimet…</translation>
    </message>
    <message>
        <source>The automatic lock and how long personal data is kept at the station.</source>
        <translation>Kyçja automatike dhe sa kohë ruhen të dhënat personale në stacion.</translation>
    </message>
    <message>
        <source>Check a referral PDF…</source>
        <translation>Verifikoni një PDF referimi…</translation>
    </message>
    <message>
        <source>Who signed it, whether it changed, whether it can be trusted.</source>
        <translation>Kush e nënshkroi, nëse ndryshoi, nëse mund t&apos;i besohet.</translation>
    </message>
    <message>
        <source>Information sheet…</source>
        <translation>Fleta informuese…</translation>
    </message>
    <message>
        <source>“Your rights and where to get help”, in the person&apos;s language.</source>
        <translation>“Të drejtat tuaja dhe ku të gjeni ndihmë”, në gjuhën e personit.</translation>
    </message>
    <message>
        <source>Send to the central office…</source>
        <translation>Dërgoni në zyrën qendrore…</translation>
    </message>
    <message>
        <source>Write an encrypted bundle to a USB stick; read receipts.</source>
        <translation>Shkruani një paketë të enkriptuar në një USB; lexoni dëftesat.</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>Ndryshoni fjalëkalimin…</translation>
    </message>
    <message>
        <source>Change your own password; colleagues keep theirs.</source>
        <translation>Ndryshoni fjalëkalimin tuaj; kolegët mbajnë të vetët.</translation>
    </message>
    <message>
        <source>Lock (Ctrl+L)</source>
        <translation>Kyç ekranin (Ctrl+L)</translation>
    </message>
    <message>
        <source>Hide everything at once. F12 does the same.</source>
        <translation>I fsheh menjëherë të gjitha nga ekrani. Tasti F12 bën të njëjtën gjë.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Dilni</translation>
    </message>
    <message>
        <source>Close your session and go back to the sign-in screen.</source>
        <translation>Mbyllni seancën dhe kthehuni te ekrani i identifikimit.</translation>
    </message>
    <message>
        <source>New interview (Ctrl+N)</source>
        <translation>Intervistë e re (Ctrl+N)</translation>
    </message>
    <message>
        <source>Start a screening interview: immediate needs come first.</source>
        <translation>Filloni një intervistë për identifikimin paraprak: nevojat e menjëhershme vijnë të parat.</translation>
    </message>
    <message>
        <source>Cases on this workstation</source>
        <translation>Rastet në këtë stacion pune</translation>
    </message>
    <message>
        <source>Enter or double-click opens a case.</source>
        <translation>Rasti hapet me Enter ose me klikim të dyfishtë.</translation>
    </message>
</context>
<context>
    <name>InformationSheetDialog</name>
    <message>
        <source>Information sheet for the person</source>
        <translation>Fleta informuese për personin</translation>
    </message>
    <message>
        <source>“Your rights and where to get help”, in the person&apos;s language. Print it, or read it aloud; it holds no name and no case code.</source>
        <translation>“Të drejtat tuaja dhe ku të gjeni ndihmë”, në gjuhën e personit. Printojeni ose lexojeni me zë; nuk përmban asnjë emër dhe asnjë kod rasti.</translation>
    </message>
    <message>
        <source>The person&apos;s language</source>
        <translation>Gjuha e personit</translation>
    </message>
    <message>
        <source>The language the sheet is printed in.</source>
        <translation>Gjuha në të cilën printohet fleta.</translation>
    </message>
    <message>
        <source>Choose where to save the sheet as a PDF, to print or hand over.</source>
        <translation>Zgjidhni ku të ruhet fleta si PDF, për ta printuar ose për ta dorëzuar.</translation>
    </message>
    <message>
        <source>Save the PDF…</source>
        <translation>Ruani PDF-në…</translation>
    </message>
    <message>
        <source>Save the information sheet</source>
        <translation>Ruani fletën informuese</translation>
    </message>
</context>
<context>
    <name>IssueCertificateDialog</name>
    <message>
        <source>Issue a signing certificate</source>
        <translation>Lëshoni një certifikatë nënshkrimi</translation>
    </message>
    <message>
        <source>For a colleague who cannot sign: a password reset, a lost or expired certificate. Let the colleague type their own password here; their old certificates are revoked.</source>
        <translation>Për një koleg që nuk mund të nënshkruajë: pas rivendosjes së fjalëkalimit, ose kur certifikata humbi ose skadoi. Lëreni kolegun të shkruajë vetë fjalëkalimin e tij këtu; certifikatat e vjetra të tij revokohen.</translation>
    </message>
    <message>
        <source>The colleague&apos;s password</source>
        <translation>Fjalëkalimi i kolegut</translation>
    </message>
    <message>
        <source>The colleague types the password they sign in with.</source>
        <translation>Kolegu shkruan fjalëkalimin me të cilin hyn.</translation>
    </message>
    <message>
        <source>Issue the certificate and close the window.</source>
        <translation>Lëshoni certifikatën dhe mbyllni dritaren.</translation>
    </message>
    <message>
        <source>Issue certificate</source>
        <translation>Lëshoni certifikatën</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Emri i përdoruesit</translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <source>Show the interface in Albanian.</source>
        <translation>Shfaqni ndërfaqen në shqip.</translation>
    </message>
    <message>
        <source>Show the interface in English.</source>
        <translation>Shfaqni ndërfaqen në anglisht.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>The screen is locked</source>
        <translation>Ekrani është i kyçur</translation>
    </message>
    <message>
        <source>%1 can continue with their password.</source>
        <translation>%1 mund të vazhdojë me fjalëkalimin e vet.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Fjalëkalimi</translation>
    </message>
    <message>
        <source>The password of the person who locked the screen.</source>
        <translation>Fjalëkalimi i personit që kyçi ekranin.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Shkyçni</translation>
    </message>
    <message>
        <source>Open the workstation again where the work was left.</source>
        <translation>Hapni sërish stacionin e punës aty ku mbeti puna.</translation>
    </message>
    <message>
        <source>Sign in as someone else</source>
        <translation>Hyni si përdorues tjetër</translation>
    </message>
    <message>
        <source>Go to the sign-in screen for another colleague.</source>
        <translation>Shkoni te ekrani i identifikimit për një koleg tjetër.</translation>
    </message>
    <message>
        <source>Still checking the password; this takes a moment. Please wait.</source>
        <translation>Fjalëkalimi ende po kontrollohet; kjo zgjat pak. Ju lutemi prisni.</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Username</source>
        <translation>Emri i përdoruesit</translation>
    </message>
    <message>
        <source>The name you sign in with, e.g. a.hoxha.</source>
        <translation>Emri me të cilin identifikoheni, p.sh. a.hoxha.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Fjalëkalimi</translation>
    </message>
    <message>
        <source>Your own password. Enter signs in.</source>
        <translation>Fjalëkalimi juaj. Enter ju identifikon.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Hyni</translation>
    </message>
    <message>
        <source>Open the workstation with this username and password.</source>
        <translation>Hapni stacionin e punës me këtë emër përdoruesi dhe fjalëkalim.</translation>
    </message>
    <message>
        <source>Forgot your password?</source>
        <translation>Keni harruar fjalëkalimin?</translation>
    </message>
    <message>
        <source>An administrator can set a new password with the recovery key.</source>
        <translation>Një administrator mund t&apos;ju vendosë një fjalëkalim të ri me çelësin e rikuperimit.</translation>
    </message>
    <message>
        <source>Leave training</source>
        <translation>Dilni nga trajnimi</translation>
    </message>
    <message>
        <source>Delete this training workstation and its fictitious cases, after asking.</source>
        <translation>Fshini këtë stacion trajnimi dhe rastet e tij fiktive, pasi të pyeteni.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Duke kontrolluar…</translation>
    </message>
    <message>
        <source>Signing in is paused after a wrong password.</source>
        <translation>Hyrja është pezulluar pas një fjalëkalimi të gabuar.</translation>
    </message>
    <message>
        <source>Still checking the password; this takes a moment. Please wait.</source>
        <translation>Fjalëkalimi ende po kontrollohet; kjo zgjat pak. Ju lutemi prisni.</translation>
    </message>
    <message>
        <source>Please write your username and password.</source>
        <translation>Ju lutemi shkruani emrin e përdoruesit dhe fjalëkalimin.</translation>
    </message>
</context>
<context>
    <name>MessageBox</name>
    <message>
        <source>Yes: go ahead with what the question describes.</source>
        <translation>Po: vazhdoni me atë që përshkruan pyetja.</translation>
    </message>
    <message>
        <source>No: close this question and change nothing.</source>
        <translation>Jo: mbyllni këtë pyetje pa ndryshuar asgjë.</translation>
    </message>
    <message>
        <source>Close this message.</source>
        <translation>Mbyllni këtë mesazh.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>At least %1 characters, and hard to guess: no repeats or runs (aaaa, 1234), no names of people or places here. A few unrelated words together are easy to remember.</source>
        <translation>Të paktën %1 shenja, dhe i vështirë për t&apos;u gjetur: pa përsëritje ose vargje (aaaa, 1234), pa emra njerëzish ose vendesh të këtushme. Disa fjalë pa lidhje me njëra-tjetrën, bashkë, mbahen mend lehtë.</translation>
    </message>
    <message>
        <source>Please wait before trying again (time left in seconds: %n).</source>
        <translation>Ju lutemi prisni para se të provoni përsëri (koha e mbetur në sekonda: %n).</translation>
    </message>
    <message>
        <source>Something went wrong and nothing was changed. Please tell the station administrator.</source>
        <translation>Diçka nuk shkoi mirë dhe asgjë nuk u ndryshua. Ju lutemi njoftoni administratorin e stacionit.</translation>
    </message>
    <message>
        <source>Border police officer</source>
        <translation>Oficer i Policisë Kufitare</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>Punonjës/e social/e</translation>
    </message>
    <message>
        <source>Station administrator</source>
        <translation>Administrator i stacionit</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Në hartim</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>Pa përfunduar</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Përfunduar</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Referuar</translation>
    </message>
    <message>
        <source>Sent to central office</source>
        <translation>Dërguar në zyrën qendrore</translation>
    </message>
</context>
<context>
    <name>NetworkSync</name>
    <message>
        <source>Central office: checking…</source>
        <translation>Zyra qendrore: po kontrollohet…</translation>
    </message>
    <message>
        <source>Central office: not reached (%1)</source>
        <translation>Zyra qendrore: nuk u arrit (%1)</translation>
    </message>
    <message>
        <source>Central office: this station is not enrolled yet.</source>
        <translation>Zyra qendrore: ky stacion ende nuk është regjistruar.</translation>
    </message>
    <message numerus="yes">
        <source>Cases waiting for the central office: %n</source>
        <translation>
            <numerusform>Raste në pritje për zyrën qendrore: %n</numerusform>
            <numerusform>Raste në pritje për zyrën qendrore: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>last confirmed %1</source>
        <translation>konfirmimi i fundit %1</translation>
    </message>
    <message>
        <source>by USB only</source>
        <translation>vetëm me USB</translation>
    </message>
</context>
<context>
    <name>NewReferralDialog</name>
    <message>
        <source>New referral</source>
        <translation>Referim i ri</translation>
    </message>
    <message>
        <source>Each recipient receives only what it needs: with the person&apos;s consent, or where a law requires it (the form then names the law). Below is exactly what it will receive.</source>
        <translation>Çdo marrës merr vetëm atë që i duhet: me pëlqimin e personit, ose kur ligji e kërkon (atëherë formulari e përmend ligjin). Më poshtë është saktësisht ajo që do të marrë.</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>Referuar te</translation>
    </message>
    <message>
        <source>Who receives the referral, and whether the person agreed to share with them.</source>
        <translation>Kush e merr referimin dhe nëse personi pranoi që të dhënat të ndahen me të.</translation>
    </message>
    <message>
        <source>consent given</source>
        <translation>me pëlqim</translation>
    </message>
    <message>
        <source>no consent: no referral</source>
        <translation>pa pëlqim: pa referim</translation>
    </message>
    <message>
        <source>required by law, without consent</source>
        <translation>e kërkon ligji, pa pëlqim</translation>
    </message>
    <message>
        <source>Language of the form</source>
        <translation>Gjuha e formularit</translation>
    </message>
    <message>
        <source>The language the referral form is printed in.</source>
        <translation>Gjuha në të cilën printohet formulari i referimit.</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgjenca</translation>
    </message>
    <message>
        <source>How soon the recipient must act on the referral.</source>
        <translation>Sa shpejt duhet të veprojë marrësi për referimin.</translation>
    </message>
    <message>
        <source>Immediate</source>
        <translation>E menjëhershme</translation>
    </message>
    <message>
        <source>Within 24 hours</source>
        <translation>Brenda 24 orëve</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>E zakonshme</translation>
    </message>
    <message>
        <source>Your password, to sign</source>
        <translation>Fjalëkalimi juaj, për të nënshkruar</translation>
    </message>
    <message>
        <source>Your own password: it signs the form in your name.</source>
        <translation>Fjalëkalimi juaj: me të nënshkruhet formulari në emrin tuaj.</translation>
    </message>
    <message>
        <source>What the recipient will receive</source>
        <translation>Çfarë do të marrë marrësi</translation>
    </message>
    <message>
        <source>Every section and line printed on this recipient&apos;s form, before you sign.</source>
        <translation>Çdo pjesë dhe rresht që shtypet në formularin e këtij marrësi, para se të nënshkruani.</translation>
    </message>
    <message>
        <source>Make the referral form and sign it as the officer.</source>
        <translation>Përgatitni formularin e referimit dhe nënshkruajeni si oficer.</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Nënshkruani</translation>
    </message>
    <message>
        <source>The station&apos;s duty telephone is not set: this form will tell the recipient to call the Border Police at this station, with no number. If you can, ask an administrator to add it in the station settings before you sign.</source>
        <translation>Telefoni i shërbimit i stacionit nuk është vendosur: ky formular do t&apos;i thotë marrësit të telefonojë Policinë Kufitare në këtë stacion, pa numër. Nëse mundeni, kërkojini një administratori ta shtojë te cilësimet e stacionit para se të nënshkruani.</translation>
    </message>
    <message>
        <source>Your password, to sign as %1</source>
        <translation>Fjalëkalimi juaj, për të nënshkruar si %1</translation>
    </message>
    <message>
        <source>Required by law, without the person&apos;s consent: read this to the person before you sign (through the interpreter, if there is one)</source>
        <translation>E kërkon ligji, pa pëlqimin e personit: lexojini personit këtë para se të nënshkruani (nëpërmjet përkthyesit, nëse ka)</translation>
    </message>
    <message>
        <source>The person was told</source>
        <translation>Personit iu tha</translation>
    </message>
    <message>
        <source>Tick once you have read the words above to the person: the referral can then be signed, and the audit log records that they were told.</source>
        <translation>Shënojeni pasi t&apos;i keni lexuar personit fjalët më sipër: atëherë referimi mund të nënshkruhet, dhe regjistri i auditimit shënon që personit iu tha.</translation>
    </message>
</context>
<context>
    <name>OwnWordsChoice</name>
    <message>
        <source>The person&apos;s own words about their safety</source>
        <translation>Fjalët e vetë personit për sigurinë</translation>
    </message>
    <message>
        <source>Leave these words out of the form</source>
        <translation>Lërini këto fjalë jashtë formularit</translation>
    </message>
    <message>
        <source>Read them first: ticked, the person&apos;s own words are not printed on this referral, for a recipient who should not have them; the referral records that they were left out.</source>
        <translation>Lexojini së pari: kur shënohet, fjalët e vetë personit nuk shtypen në këtë referim, për një marrës që nuk duhet t&apos;i ketë; referimi regjistron që u lanë jashtë.</translation>
    </message>
</context>
<context>
    <name>PackageChangesDialog</name>
    <message>
        <source>What the central office&apos;s updates changed</source>
        <translation>Çfarë ndryshuan përditësimet e zyrës qendrore</translation>
    </message>
    <message>
        <source>Nothing from the central office has been applied yet.</source>
        <translation>Nga zyra qendrore nuk është zbatuar ende asgjë.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Mbyll</translation>
    </message>
    <message>
        <source>Close this window.</source>
        <translation>Mbyllni këtë dritare.</translation>
    </message>
    <message>
        <source>Applied last: update %1 of %2</source>
        <translation>Zbatuar së fundi: përditësimi %1 i datës %2</translation>
    </message>
    <message>
        <source>The one before: update %1 of %2</source>
        <translation>Ai para tij: përditësimi %1 i datës %2</translation>
    </message>
    <message>
        <source>Protocol versions added</source>
        <translation>Versione të shtuara të protokollit</translation>
    </message>
    <message>
        <source>No protocol version added.</source>
        <translation>Nuk u shtua asnjë version protokolli.</translation>
    </message>
    <message>
        <source>Test case %1 changed because: %2</source>
        <translation>Rasti i provës %1 ndryshoi sepse: %2</translation>
    </message>
    <message>
        <source>Withdrawn by the central office: %1. New interviews no longer use it; interviews begun with it are finished as they are.</source>
        <translation>Tërhequr nga zyra qendrore: %1. Intervistat e reja nuk e përdorin më; intervistat e nisura me të përfundojnë siç janë.</translation>
    </message>
    <message>
        <source>shipped with the program</source>
        <translation>ajo që erdhi me programin</translation>
    </message>
    <message>
        <source>Directory of services</source>
        <translation>Lista e shërbimeve</translation>
    </message>
    <message>
        <source>Directory: %1 → %2</source>
        <translation>Lista: %1 → %2</translation>
    </message>
    <message>
        <source>No entry of the directory changed.</source>
        <translation>Asnjë zë i listës nuk ndryshoi.</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>i verifikuar</translation>
    </message>
    <message>
        <source>Added: %1</source>
        <translation>Shtuar: %1</translation>
    </message>
    <message>
        <source>Removed: %1</source>
        <translation>Hequr: %1</translation>
    </message>
    <message>
        <source>Changed: %1 → %2</source>
        <translation>Ndryshuar: %1 → %2</translation>
    </message>
    <message>
        <source>Revocations</source>
        <translation>Revokimet</translation>
    </message>
    <message>
        <source>%1 — serial numbers of the revoked certificates: %2</source>
        <translation>%1 — numrat serialë të certifikatave të revokuara: %2</translation>
    </message>
    <message>
        <source>%1 — serial numbers no longer revoked: %2</source>
        <translation>%1 — numrat serialë që nuk janë më të revokuar: %2</translation>
    </message>
    <message>
        <source>New revocations: users&apos; certificates %1, stations %2.</source>
        <translation>Revokime të reja: certifikata përdoruesish %1, stacione %2.</translation>
    </message>
</context>
<context>
    <name>PersonNameDialog</name>
    <message>
        <source>The person&apos;s name</source>
        <translation>Emri i personit</translation>
    </message>
    <message>
        <source>Ask only if the person wishes to give it; an interview and a referral do not need it. Write it as they say it. Names stay hidden in the case list until asked for.</source>
        <translation>Pyeteni vetëm nëse personi dëshiron ta japë; as intervista, as referimi nuk e kërkojnë. Shkruajeni siç e thotë. Emrat mbeten të fshehur në listën e rasteve derisa të kërkohen.</translation>
    </message>
    <message>
        <source>Name, as the person gives it</source>
        <translation>Emri, siç e jep personi</translation>
    </message>
    <message>
        <source>Leave empty if they prefer not to give it.</source>
        <translation>Lëreni bosh nëse preferon të mos e japë.</translation>
    </message>
    <message>
        <source>Record the name as written.</source>
        <translation>Regjistroni emrin siç është shkruar.</translation>
    </message>
    <message>
        <source>Record the name</source>
        <translation>Regjistroni emrin</translation>
    </message>
</context>
<context>
    <name>QuestionCard</name>
    <message>
        <source>Observe and record: do not ask</source>
        <translation>Vëzhgoni dhe shënoni: mos e pyesni</translation>
    </message>
    <message>
        <source>Recorded by the interviewers</source>
        <translation>E shënojnë intervistuesit</translation>
    </message>
    <message>
        <source>Read to the person</source>
        <translation>Lexojini personit</translation>
    </message>
    <message>
        <source>Machine draft, not yet checked by a certified translator: the words below are the reviewed ones.</source>
        <translation>Përkthim automatik, ende pa u kontrolluar nga një përkthyes i certifikuar: fjalët më poshtë janë ato të rishikuara.</translation>
    </message>
    <message>
        <source>In your language (the interpreter says it in theirs):</source>
        <translation>Në gjuhën tuaj (përkthyesi e thotë në gjuhën e personit):</translation>
    </message>
    <message>
        <source>The same words in your language</source>
        <translation>Të njëjtat fjalë në gjuhën tuaj</translation>
    </message>
    <message>
        <source>An answer to “%1”; it is saved as soon as it is chosen.</source>
        <translation>Një përgjigje për “%1”; ruhet sapo zgjidhet.</translation>
    </message>
    <message>
        <source>The person prefers not to answer “%1”. This is recorded as such, never as no.</source>
        <translation>Personi preferon të mos i përgjigjet “%1”. Kjo regjistrohet si e tillë, kurrë si “jo”.</translation>
    </message>
    <message>
        <source>Prefers not to answer</source>
        <translation>Preferon të mos përgjigjet</translation>
    </message>
    <message>
        <source>Type the answer; it is saved as you type.</source>
        <translation>Shkruani përgjigjen; ruhet ndërsa shkruani.</translation>
    </message>
    <message>
        <source>Type a number from %1 to %2; it is saved as you type.</source>
        <translation>Shkruani një numër nga %1 deri në %2; ruhet ndërsa shkruani.</translation>
    </message>
    <message>
        <source>Type the date as year-month-day, for example %1; it is saved as you type.</source>
        <translation>Shkruani datën si vit-muaj-ditë, për shembull %1; ruhet ndërsa shkruani.</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Anashkaluar</translation>
    </message>
    <message>
        <source>Saved: prefers not to answer</source>
        <translation>Ruajtur: preferon të mos përgjigjet</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Ruajtur</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Type the recovery key</source>
        <translation>Shkruani çelësin e rikuperimit</translation>
    </message>
    <message>
        <source>Bring the recovery key from the station&apos;s safe. It is checked against this workstation; a recovery key from before this version is brought up to date, so that colleagues who leave can no longer open the store with a kept copy.</source>
        <translation>Sillni çelësin e rikuperimit nga kasaforta e stacionit. Ai kontrollohet me këtë stacion pune; një çelës rikuperimi nga para këtij versioni përditësohet, që kolegët që largohen të mos mund ta hapin më depon me një kopje të mbajtur.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Çelësi i rikuperimit</translation>
    </message>
    <message>
        <source>The key printed at set-up, in groups of four characters.</source>
        <translation>Çelësi i printuar gjatë konfigurimit, në grupe me katër shenja.</translation>
    </message>
    <message>
        <source>Check the recovery key and bring it up to date.</source>
        <translation>Kontrolloni çelësin e rikuperimit dhe përditësojeni.</translation>
    </message>
    <message>
        <source>The recovery key is being checked and, if a new key for the station&apos;s store was waiting for it, the store is given that key.</source>
        <translation>Çelësi i rikuperimit po kontrollohet dhe, nëse një çelës i ri për depon e stacionit po e priste, depoja merr atë çelës.</translation>
    </message>
    <message>
        <source>The recovery key is right. Nothing needed to change.</source>
        <translation>Çelësi i rikuperimit është i saktë. Nuk u desh të ndryshohej asgjë.</translation>
    </message>
    <message>
        <source>The recovery key is right and is now up to date.</source>
        <translation>Çelësi i rikuperimit është i saktë dhe tani është i përditësuar.</translation>
    </message>
    <message>
        <source>The station&apos;s store has its new key.</source>
        <translation>Depoja e stacionit e ka marrë çelësin e ri.</translation>
    </message>
    <message>
        <source>The store&apos;s new key is still waiting: it is made at a later sign-in, once nothing else has the store open and every colleague has signed in once.</source>
        <translation>Çelësi i ri i depos është ende në pritje: krijohet në një identifikim të mëvonshëm, kur asgjë tjetër nuk e mban depon të hapur dhe çdo koleg është identifikuar të paktën një herë.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <source>Print the recovery key…</source>
        <translation>Printoni çelësin e rikuperimit…</translation>
    </message>
    <message>
        <source>Print the key on a printer. With no printer, you may choose to save it as a PDF file instead.</source>
        <translation>Printojeni çelësin me printer. Pa printer, mund të zgjidhni ta ruani si skedar PDF.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Vazhdoni</translation>
    </message>
    <message>
        <source>The recovery key</source>
        <translation>Çelësi i rikuperimit</translation>
    </message>
    <message>
        <source>The recovery key is printed or written down.</source>
        <translation>Çelësi i rikuperimit është printuar ose shënuar.</translation>
    </message>
    <message>
        <source>Tick this once the key is safe on paper; then you can continue.</source>
        <translation>Shënojeni këtë sapo çelësi të jetë i sigurt në letër; pastaj mund të vazhdoni.</translation>
    </message>
    <message>
        <source>Go on to the workstation. The key will not be shown again.</source>
        <translation>Vazhdoni te stacioni i punës. Çelësi nuk do të shfaqet më.</translation>
    </message>
    <message>
        <source>If someone forgets their password, this key lets an administrator give them a new one. It is shown only now and cannot be shown again.</source>
        <translation>Nëse dikush harron fjalëkalimin, me këtë çelës një administrator mund t&apos;i japë një fjalëkalim të ri. Çelësi shfaqet vetëm tani dhe nuk mund të shfaqet më.</translation>
    </message>
    <message>
        <source>Keep it in the station&apos;s safe, never on this PC or a USB stick.</source>
        <translation>Ruajeni në kasafortën e stacionit, kurrë në këtë kompjuter ose në një USB.</translation>
    </message>
    <message>
        <source>No printer</source>
        <translation>Nuk ka printer</translation>
    </message>
    <message>
        <source>No printer is set up on this computer. You can save the recovery key as a PDF file and print it elsewhere.

The recovery key is a secret: whoever has the file can give any user a new password and read every record. Choose where the file goes yourself, print it soon, and then delete the file.</source>
        <translation>Në këtë kompjuter nuk është vendosur asnjë printer. Mund ta ruani çelësin e rikuperimit si skedar PDF dhe ta printoni diku tjetër.

Çelësi i rikuperimit është sekret: kushdo që ka skedarin mund t&apos;i japë çdo përdoruesi një fjalëkalim të ri dhe të lexojë çdo regjistrim. Zgjidhni vetë ku shkon skedari, printojeni shpejt dhe pastaj fshijeni skedarin.</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Ruaje si PDF…</translation>
    </message>
    <message>
        <source>Choose a file name and folder for the PDF.</source>
        <translation>Zgjidhni emrin e skedarit dhe dosjen për PDF-në.</translation>
    </message>
    <message>
        <source>Save nothing; copy the key by hand instead.</source>
        <translation>Mos ruani asgjë; kopjojeni çelësin me dorë.</translation>
    </message>
    <message>
        <source>Save the recovery key as a PDF</source>
        <translation>Ruani çelësin e rikuperimit si PDF</translation>
    </message>
    <message>
        <source>recovery-key</source>
        <translation>celesi-i-rikuperimit</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Skedarë PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The recovery key was saved to %1. Print it, keep the paper in the station&apos;s safe, and delete the file.</source>
        <translation>Çelësi i rikuperimit u ruajt në %1. Printojeni, mbajeni letrën në kasafortën e stacionit dhe fshijeni skedarin.</translation>
    </message>
    <message>
        <source>The PDF could not be saved to %1.</source>
        <translation>PDF-ja nuk mund të ruhej në %1.</translation>
    </message>
    <message>
        <source>Interview Room: recovery key</source>
        <translation>Interview Room: çelësi i rikuperimit</translation>
    </message>
    <message>
        <source>Keep this sheet in the station&apos;s safe.</source>
        <translation>Ruajeni këtë fletë në kasafortën e stacionit.</translation>
    </message>
</context>
<context>
    <name>ReferralActions</name>
    <message>
        <source>Storage refused: sign the referrals the person agreed to before leaving this screen — nothing is kept after.</source>
        <translation>Ruajtja u refuzua: nënshkruani referimet që personi pranoi para se të largoheni nga kjo faqe — pas kësaj nuk mbahet asgjë.</translation>
    </message>
    <message>
        <source>No record is kept: sign the referrals the person agreed to before leaving this screen — nothing is kept after.</source>
        <translation>Nuk mbahet regjistrim: nënshkruani referimet që personi pranoi para se të largoheni nga kjo faqe — pas kësaj nuk mbahet asgjë.</translation>
    </message>
    <message>
        <source>Export the referral</source>
        <translation>Eksportoni referimin</translation>
    </message>
    <message>
        <source>The PDF holds the person&apos;s data. Save it only where the referral must go (the official USB stick), and delete copies you no longer need.</source>
        <translation>PDF-ja përmban të dhënat e personit. Ruajeni vetëm aty ku duhet të shkojë referimi (USB-ja zyrtare) dhe fshini kopjet që nuk ju duhen më.</translation>
    </message>
    <message>
        <source>Referral exported</source>
        <translation>Referimi u eksportua</translation>
    </message>
    <message>
        <source>The signed referral %1 was saved as:
%2</source>
        <translation>Referimi i nënshkruar %1 u ruajt si:
%2</translation>
    </message>
    <message>
        <source>Check a referral</source>
        <translation>Verifikoni një referim</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Set a new password with the recovery key</source>
        <translation>Vendosni një fjalëkalim të ri me çelësin e rikuperimit</translation>
    </message>
    <message>
        <source>The administrator brings the recovery key from the station&apos;s safe; the person whose password it is types the new one. Documents they signed stay valid; their signature key is renewed.</source>
        <translation>Administratori sjell çelësin e rikuperimit nga kasaforta e stacionit; personi të cilit i përket fjalëkalimi shkruan vetë fjalëkalimin e ri. Dokumentet që ka nënshkruar mbeten të vlefshme; çelësi i tij/saj i nënshkrimit rinovohet.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Çelësi i rikuperimit</translation>
    </message>
    <message>
        <source>The key printed at set-up, in groups of four characters.</source>
        <translation>Çelësi i printuar gjatë konfigurimit, në grupe me katër shenja.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Emri i përdoruesit</translation>
    </message>
    <message>
        <source>The username of the person who forgot their password.</source>
        <translation>Emri i përdoruesit të personit që harroi fjalëkalimin.</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Fjalëkalimi i ri</translation>
    </message>
    <message>
        <source>The new password, typed by the person whose password it is.</source>
        <translation>Fjalëkalimi i ri, i shkruar nga personi të cilit i përket.</translation>
    </message>
    <message>
        <source>Confirm the new password</source>
        <translation>Konfirmoni fjalëkalimin e ri</translation>
    </message>
    <message>
        <source>Type the new password again, to rule out a typing mistake.</source>
        <translation>Shkruani sërish fjalëkalimin e ri, për të përjashtuar një gabim shtypi.</translation>
    </message>
    <message>
        <source>Set the new password with the recovery key.</source>
        <translation>Vendosni fjalëkalimin e ri me çelësin e rikuperimit.</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>Dy fjalëkalimet e reja nuk përputhen.</translation>
    </message>
    <message>
        <source>The new password is being set and the station&apos;s store is given a new key, so that the old password opens nothing any more.</source>
        <translation>Fjalëkalimi i ri po vendoset dhe depoja e stacionit merr një çelës të ri, që fjalëkalimi i vjetër të mos hapë më asgjë.</translation>
    </message>
</context>
<context>
    <name>RightsPieces</name>
    <message>
        <source>Explain again</source>
        <translation>Shpjegojeni përsëri</translation>
    </message>
    <message>
        <source>The person did not understand: explain this piece again in other words.</source>
        <translation>Personi nuk e kuptoi: shpjegojeni këtë pjesë përsëri me fjalë të tjera.</translation>
    </message>
    <message>
        <source>← Previous piece</source>
        <translation>← Pjesa e mëparshme</translation>
    </message>
    <message>
        <source>Read the piece before this one again.</source>
        <translation>Lexoni përsëri pjesën para kësaj.</translation>
    </message>
    <message>
        <source>Next piece →</source>
        <translation>Pjesa tjetër →</translation>
    </message>
    <message>
        <source>Show the next piece of the rights, once the person has understood this one.</source>
        <translation>Shfaqni pjesën tjetër të të drejtave, pasi personi ta ketë kuptuar këtë.</translation>
    </message>
    <message>
        <source>Whole script…</source>
        <translation>I gjithë teksti…</translation>
    </message>
    <message>
        <source>The rights in one text, to read through or print.</source>
        <translation>Të drejtat në një tekst të vetëm, për t&apos;i lexuar të plota ose për t&apos;i printuar.</translation>
    </message>
    <message>
        <source>Explained again (%1). Ask again: did the person understand?</source>
        <translation>U shpjegua përsëri (%1). Pyeteni përsëri: a e kuptoi personi?</translation>
    </message>
    <message>
        <source>Read to the person, piece %1 of %2; then check that it was understood.</source>
        <translation>Lexojini personit pjesën %1 nga %2; pastaj sigurohuni që u kuptua.</translation>
    </message>
    <message>
        <source>Piece %1 of %2 of the rights</source>
        <translation>Pjesa %1 nga %2 e të drejtave</translation>
    </message>
    <message>
        <source>Did the person understand? Yes: Next piece. No: Explain again.</source>
        <translation>A e kuptoi personi? Po: Pjesa tjetër. Jo: Shpjegojeni përsëri.</translation>
    </message>
</context>
<context>
    <name>SeenBeforePanel</name>
    <message>
        <source>Seen before?</source>
        <translation>Intervistuar më parë?</translation>
    </message>
    <message>
        <source>Back to the interview</source>
        <translation>Kthehu te intervista</translation>
    </message>
    <message>
        <source>Whether the person was interviewed before at any border point, so they need not tell again what they already said. Opening it records nothing.</source>
        <translation>Nëse personi është intervistuar më parë në ndonjë pikë kufitare, që të mos ketë nevojë të tregojë sërish atë që ka thënë. Hapja e tij nuk regjistron asgjë.</translation>
    </message>
    <message>
        <source>Given names</source>
        <translation>Emrat</translation>
    </message>
    <message>
        <source>The person&apos;s given names as the case holds them; correct them if wrong.</source>
        <translation>Emrat e personit siç i mban rasti; korrigjojini nëse janë gabim.</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Mbiemri</translation>
    </message>
    <message>
        <source>The last word of the name as written; correct it if wrong.</source>
        <translation>Fjala e fundit e emrit siç është shkruar; korrigjojeni nëse është gabim.</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Viti i lindjes</translation>
    </message>
    <message>
        <source>The year the person was born; a dash while it is not known.</source>
        <translation>Viti kur ka lindur personi; një vizë sa kohë nuk dihet.</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Shtetësia</translation>
    </message>
    <message>
        <source>From the person&apos;s answer; chosen here, it serves this check only.</source>
        <translation>Nga përgjigjja e personit; e zgjedhur këtu, shërben vetëm për këtë kontroll.</translation>
    </message>
    <message>
        <source>Check whether the person was interviewed before at any border point</source>
        <translation>Kontrolloni nëse personi është intervistuar më parë në ndonjë pikë kufitare</translation>
    </message>
    <message>
        <source>Only the age was given (%1): it says no year of birth. Ask the person for the year, if they know it.</source>
        <translation>U dha vetëm mosha (%1): ajo nuk tregon vitin e lindjes. Pyeteni personin për vitin, nëse e di.</translation>
    </message>
    <message>
        <source>No year of birth yet: ask the person, if they know it.</source>
        <translation>Ende pa vit lindjeje: pyeteni personin, nëse e di.</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>Ende e panjohur</translation>
    </message>
    <message>
        <source>The name typed is not the name this case holds. Is it the name of this case&apos;s person?</source>
        <translation>Emri i shkruar nuk është emri që mban ky rast. A është ky emri i personit të këtij rasti?</translation>
    </message>
    <message>
        <source>Yes: correct the case&apos;s name and check</source>
        <translation>Po: korrigjo emrin e rastit dhe kontrollo</translation>
    </message>
    <message>
        <source>No, someone else: check only, record nothing</source>
        <translation>Jo, dikush tjetër: vetëm kontrollo, pa regjistruar asgjë</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Station settings</source>
        <translation>Cilësimet e stacionit</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lock automatically after</source>
        <translation>Kyçja automatike pas</translation>
    </message>
    <message>
        <source>Minutes without a key press or click before the screen locks itself.</source>
        <translation>Minutat pa shtypur asnjë tast a klikuar para se ekrani të kyçet vetë.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ditë</translation>
    </message>
    <message>
        <source>Keep personal data after the centre confirmed it</source>
        <translation>Ruani të dhënat personale pasi zyra qendrore i konfirmoi</translation>
    </message>
    <message>
        <source>Days a case&apos;s personal data stays on this PC after the central office confirmed it received the case.</source>
        <translation>Ditët që të dhënat personale të një rasti qëndrojnë në këtë kompjuter pasi zyra qendrore konfirmoi se e mori rastin.</translation>
    </message>
    <message>
        <source>Save these settings for the whole workstation.</source>
        <translation>Ruani këto cilësime për gjithë stacionin e punës.</translation>
    </message>
    <message>
        <source>Duty telephone of the station</source>
        <translation>Telefoni i shërbimit i stacionit</translation>
    </message>
    <message>
        <source>Printed on every referral form, so that the service receiving it can call this station back.</source>
        <translation>Shtypet në çdo formular referimi, që shërbimi që e merr të mund ta marrë në telefon këtë stacion.</translation>
    </message>
    <message>
        <source>The stored number was damaged; type the number again</source>
        <translation>Numri i ruajtur ishte i dëmtuar; shkruajeni numrin përsëri</translation>
    </message>
    <message>
        <source>What the central office&apos;s updates changed…</source>
        <translation>Çfarë ndryshuan përditësimet e zyrës qendrore…</translation>
    </message>
    <message>
        <source>See what the central office&apos;s last updates changed at this station.</source>
        <translation>Shihni çfarë ndryshuan në këtë stacion përditësimet e fundit të zyrës qendrore.</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Station name</source>
        <translation>Emri i stacionit</translation>
    </message>
    <message>
        <source>Choose the border crossing point from the list, or type its name.</source>
        <translation>Zgjidhni pikën e kalimit kufitar nga lista, ose shkruani emrin e saj.</translation>
    </message>
    <message>
        <source>Station code</source>
        <translation>Kodi i stacionit</translation>
    </message>
    <message>
        <source>Three letters that start every case code of this station.</source>
        <translation>Tri shkronja me të cilat nis çdo kod rasti i këtij stacioni.</translation>
    </message>
    <message>
        <source>Administrator&apos;s full name</source>
        <translation>Emri i plotë i administratorit</translation>
    </message>
    <message>
        <source>The first administrator&apos;s name, as colleagues will see it.</source>
        <translation>Emri i administratorit të parë, siç do ta shohin kolegët.</translation>
    </message>
    <message>
        <source>Administrator&apos;s username</source>
        <translation>Emri i përdoruesit për administratorin</translation>
    </message>
    <message>
        <source>The name the administrator types to sign in.</source>
        <translation>Emri që administratori shkruan për t&apos;u identifikuar.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Fjalëkalimi</translation>
    </message>
    <message>
        <source>The administrator&apos;s new password. It is never shown.</source>
        <translation>Fjalëkalimi i ri i administratorit. Nuk shfaqet kurrë.</translation>
    </message>
    <message>
        <source>Confirm the password</source>
        <translation>Konfirmoni fjalëkalimin</translation>
    </message>
    <message>
        <source>Type the same password again, to rule out a typing mistake.</source>
        <translation>Shkruani sërish të njëjtin fjalëkalim, për të përjashtuar një gabim shtypi.</translation>
    </message>
    <message>
        <source>Enrollment package (optional)</source>
        <translation>Paketa e regjistrimit (sipas dëshirës)</translation>
    </message>
    <message>
        <source>The file from the central office that links this station to it. It can be added later.</source>
        <translation>Skedari nga zyra qendrore që e lidh këtë stacion me të. Mund të shtohet edhe më vonë.</translation>
    </message>
    <message>
        <source>From the central office; can be added later</source>
        <translation>Nga zyra qendrore; mund të shtohet edhe më vonë</translation>
    </message>
    <message>
        <source>One-time passphrase</source>
        <translation>Fraza kalimi njëpërdorimshe</translation>
    </message>
    <message>
        <source>The passphrase the central office gave with the package.</source>
        <translation>Fraza e kalimit që zyra qendrore dha bashkë me paketën.</translation>
    </message>
    <message>
        <source>Create workstation</source>
        <translation>Krijoni stacionin e punës</translation>
    </message>
    <message>
        <source>Create the encrypted workstation and show its recovery key, once.</source>
        <translation>Krijoni stacionin e punës të enkriptuar dhe shfaqni çelësin e tij të rikuperimit, një herë të vetme.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Kthehuni</translation>
    </message>
    <message>
        <source>Back to the first screen; nothing is created.</source>
        <translation>Kthehuni te ekrani i parë; nuk krijohet asgjë.</translation>
    </message>
    <message>
        <source>Set up this workstation</source>
        <translation>Konfiguroni këtë stacion pune</translation>
    </message>
    <message>
        <source>The administrator adds colleagues later. Passwords are never shown to anyone and cannot be read back; keep the recovery key in the station&apos;s safe.</source>
        <translation>Administratori i shton kolegët më vonë. Fjalëkalimet nuk i shfaqen kurrë askujt dhe nuk mund të lexohen më pas; ruajeni çelësin e rikuperimit në kasafortën e stacionit.</translation>
    </message>
    <message>
        <source>Creating the encrypted workstation and its keys. This takes a few seconds; please wait.</source>
        <translation>Po krijohet stacioni i punës i enkriptuar dhe çelësat e tij. Kjo zgjat disa sekonda; ju lutemi prisni.</translation>
    </message>
    <message>
        <source>Creating the encrypted workstation…</source>
        <translation>Po krijohet stacioni i punës i enkriptuar…</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Dy fjalëkalimet nuk përputhen.</translation>
    </message>
    <message>
        <source>Please write the administrator&apos;s full name.</source>
        <translation>Ju lutemi shkruani emrin e plotë të administratorit.</translation>
    </message>
</context>
<context>
    <name>StartInterviewDialog</name>
    <message>
        <source>New interview</source>
        <translation>Intervistë e re</translation>
    </message>
    <message>
        <source>The person&apos;s language</source>
        <translation>Gjuha e personit</translation>
    </message>
    <message>
        <source>The words read to the person are shown in this language.</source>
        <translation>Fjalët që i lexohen personit shfaqen në këtë gjuhë.</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>Punonjës/e social/e</translation>
    </message>
    <message>
        <source>The social worker who interviews with you and signs referrals second.</source>
        <translation>Punonjësi social që interviston bashkë me ju dhe nënshkruan referimet i dyti.</translation>
    </message>
    <message>
        <source>Not on this workstation (an NGO, or none)</source>
        <translation>Jo në këtë stacion pune (nga një OJF, ose asnjë)</translation>
    </message>
    <message>
        <source>Start the interview</source>
        <translation>Filloni intervistën</translation>
    </message>
    <message>
        <source>Open the interview at its first section, immediate needs.</source>
        <translation>Hapni intervistën te seksioni i parë, nevojat e menjëhershme.</translation>
    </message>
    <message>
        <source>Close this window; no case is made.</source>
        <translation>Mbyllni këtë dritare; nuk krijohet asnjë rast.</translation>
    </message>
    <message>
        <source>Immediate needs come first. The person&apos;s words are shown in their language; guidance for you stays in yours.</source>
        <translation>Nevojat e menjëhershme vijnë të parat. Fjalët për personin shfaqen në gjuhën e tij ose të saj; udhëzimet për ju mbeten në gjuhën tuaj.</translation>
    </message>
</context>
<context>
    <name>StopDialog</name>
    <message>
        <source>Stop the interview</source>
        <translation>Ndërprisni intervistën</translation>
    </message>
    <message>
        <source>The person asked to stop</source>
        <translation>Personi kërkoi ta ndërpresë</translation>
    </message>
    <message>
        <source>The interviewers decided to stop</source>
        <translation>Intervistuesit vendosën ta ndërpresin</translation>
    </message>
    <message>
        <source>Someone else (guardian, interpreter, medical staff)</source>
        <translation>Dikush tjetër (kujdestari ligjor, përkthyesi, personeli mjekësor)</translation>
    </message>
    <message>
        <source>Everything answered so far is kept as an incomplete record. The interview can be continued later.</source>
        <translation>Të gjitha përgjigjet e dhëna deri tani ruhen si regjistrim pa përfunduar. Intervista mund të vazhdohet më vonë.</translation>
    </message>
    <message>
        <source>Who asked to stop the interview.</source>
        <translation>Kush kërkoi ndërprerjen e intervistës.</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Arsyeja (opsionale)</translation>
    </message>
    <message>
        <source>Why the interview stops, in a few words; it may stay empty.</source>
        <translation>Pse ndërpritet intervista, me pak fjalë; mund të mbetet bosh.</translation>
    </message>
    <message>
        <source>Stop now; everything answered is kept and can be continued later.</source>
        <translation>Ndërpriteni tani; çdo përgjigje ruhet dhe intervista mund të vazhdojë më vonë.</translation>
    </message>
    <message>
        <source>Close this window and go on with the interview.</source>
        <translation>Mbyllni këtë dritare dhe vazhdoni me intervistën.</translation>
    </message>
</context>
<context>
    <name>StoreWorkDialog</name>
    <message>
        <source>Please wait</source>
        <translation>Ju lutemi prisni</translation>
    </message>
    <message>
        <source>This takes a few seconds, longer on a station with many interviews. It cannot be stopped halfway; please do not switch the computer off.</source>
        <translation>Kjo zgjat disa sekonda, më shumë në një stacion me shumë intervista. Nuk mund të ndërpritet në mes; ju lutemi mos e fikni kompjuterin.</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Ecuria</translation>
    </message>
    <message>
        <source>Moves while the work goes on; the window closes by itself when it is done.</source>
        <translation>Lëviz ndërsa puna vazhdon; dritarja mbyllet vetë kur të përfundojë.</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Send to the central office</source>
        <translation>Dërgoni në zyrën qendrore</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Disku</translation>
    </message>
    <message>
        <source>The USB stick or folder to write the bundle to and read receipts from.</source>
        <translation>USB-ja ose dosja ku shkruhet paketa dhe nga ku lexohen dëftesat.</translation>
    </message>
    <message>
        <source>Put in the USB stick, or choose a folder</source>
        <translation>Futni USB-në, ose zgjidhni një dosje</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Zgjidhni një dosje…</translation>
    </message>
    <message>
        <source>Pick the drive or folder in a file window.</source>
        <translation>Zgjidhni diskun ose dosjen në një dritare skedarësh.</translation>
    </message>
    <message>
        <source>Write the bundle to the drive</source>
        <translation>Shkruani paketën në disk</translation>
    </message>
    <message>
        <source>Write every case the central office has not confirmed, encrypted, to the drive.</source>
        <translation>Shkruani në disk, të enkriptuar, çdo rast që zyra qendrore nuk e ka konfirmuar ende.</translation>
    </message>
    <message>
        <source>Read receipts from the drive</source>
        <translation>Lexoni dëftesat nga disku</translation>
    </message>
    <message>
        <source>Take back the central office&apos;s receipts for cases it received.</source>
        <translation>Merrni dëftesat e zyrës qendrore për rastet që ajo mori.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Mbyllni</translation>
    </message>
    <message>
        <source>Close this window.</source>
        <translation>Mbyllni këtë dritare.</translation>
    </message>
    <message>
        <source>Enroll with the central office…</source>
        <translation>Regjistrohuni në zyrën qendrore…</translation>
    </message>
    <message>
        <source>Link this station to the central office with its package.</source>
        <translation>Lidheni këtë stacion me zyrën qendrore përmes paketës së saj.</translation>
    </message>
    <message>
        <source>What changed…</source>
        <translation>Çfarë ndryshoi…</translation>
    </message>
    <message>
        <source>See what the central office&apos;s last updates changed at this station.</source>
        <translation>Shihni çfarë ndryshuan në këtë stacion përditësimet e fundit të zyrës qendrore.</translation>
    </message>
    <message>
        <source>The bundle is encrypted for the central office and signed by this station: nobody on the way can read it. Records stay here until a receipt confirms them.</source>
        <translation>Paketa është e enkriptuar për zyrën qendrore dhe e nënshkruar nga ky stacion: askush gjatë rrugës nuk mund ta lexojë. Të dhënat mbeten këtu derisa një dëftesë t&apos;i konfirmojë.</translation>
    </message>
    <message>
        <source>USB stick or folder</source>
        <translation>USB ose dosje</translation>
    </message>
    <message>
        <source>The station is enrolled with the central office.</source>
        <translation>Stacioni është regjistruar në zyrën qendrore.</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>U regjistrua</translation>
    </message>
    <message>
        <source>This station is now linked to the central office. Cases can be sent to it from this window; colleagues get new signing certificates the next time they sign.</source>
        <translation>Ky stacion tani është i lidhur me zyrën qendrore. Rastet mund t&apos;i dërgohen nga kjo dritare; kolegët marrin certifikata të reja nënshkrimi herën tjetër që nënshkruajnë.</translation>
    </message>
    <message>
        <source>This station is not linked to a central office yet.</source>
        <translation>Ky stacion ende nuk është i lidhur me një zyrë qendrore.</translation>
    </message>
    <message numerus="yes">
        <source>Cases not yet confirmed by the central office: %n</source>
        <translation>
            <numerusform>Raste ende të pakonfirmuara nga zyra qendrore: %n</numerusform>
            <numerusform>Raste ende të pakonfirmuara nga zyra qendrore: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cases confirmed by the central office: %n.</source>
        <translation>
            <numerusform>Raste të konfirmuara nga zyra qendrore: %n.</numerusform>
            <numerusform>Raste të konfirmuara nga zyra qendrore: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Files on the drive not read (damaged, not a receipt of this station, or not a regular file): %n — %1</source>
        <translation>
            <numerusform>Skedarë në disk që nuk u lexuan (të dëmtuar, jo dëftesa të këtij stacioni, ose jo skedarë të zakonshëm): %n — %1</numerusform>
            <numerusform>Skedarë në disk që nuk u lexuan (të dëmtuar, jo dëftesa të këtij stacioni, ose jo skedarë të zakonshëm): %n — %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Directory shipped with the program, protocol %1</source>
        <translation>Lista e shërbimeve që vjen me programin, protokolli %1</translation>
    </message>
    <message>
        <source>Directory of %1, protocol %2</source>
        <translation>Lista e shërbimeve e datës %1, protokolli %2</translation>
    </message>
    <message>
        <source>The central office&apos;s update %1 was applied.</source>
        <translation>Përditësimi %1 i zyrës qendrore u zbatua.</translation>
    </message>
    <message numerus="yes">
        <source>Cases of which the central office holds other content than this station: %n. They are kept here, are not marked sent and are not deleted; tell the central office.</source>
        <translation>
            <numerusform>Raste për të cilat zyra qendrore mban përmbajtje tjetër nga ajo e këtij stacioni: %n. Ruhen këtu, nuk shënohen si të dërguara dhe nuk fshihen; njoftoni zyrën qendrore.</numerusform>
            <numerusform>Raste për të cilat zyra qendrore mban përmbajtje tjetër nga ajo e këtij stacioni: %n. Ruhen këtu, nuk shënohen si të dërguara dhe nuk fshihen; njoftoni zyrën qendrore.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last bundle: %1 · last receipt: %2</source>
        <translation>Paketa e fundit: %1 · dëftesa e fundit: %2</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Zgjidhni një dosje</translation>
    </message>
    <message>
        <source>Choose the drive first.</source>
        <translation>Zgjidhni fillimisht diskun.</translation>
    </message>
    <message>
        <source>Nothing new to send.</source>
        <translation>Nuk ka asgjë të re për të dërguar.</translation>
    </message>
    <message>
        <source>Written and checked: %1</source>
        <translation>U shkrua dhe u kontrollua: %1</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <source>TRAINING WORKSTATION: every person and case here is fictitious.</source>
        <translation>STACION TRAJNIMI: çdo person dhe rast këtu është fiktiv.</translation>
    </message>
</context>
<context>
    <name>TrainingReadyPage</name>
    <message>
        <source>Role</source>
        <translation>Roli</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Emri i përdoruesit</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Fjalëkalimi</translation>
    </message>
    <message>
        <source>Continue to sign in</source>
        <translation>Vazhdoni për të hyrë</translation>
    </message>
    <message>
        <source>Go to the sign-in screen of the training workstation.</source>
        <translation>Shkoni te ekrani i identifikimit të stacionit të trajnimit.</translation>
    </message>
    <message>
        <source>The training workstation is ready</source>
        <translation>Stacioni i trajnimit është gati</translation>
    </message>
    <message numerus="yes">
        <source>Fictitious cases in it: %n. Write these practice accounts down: they are shown only now. To start again, leave training and open a new one.</source>
        <translation>
            <numerusform>Raste fiktive në të: %n. Shënojini këto llogari praktike: shfaqen vetëm tani. Për të filluar nga e para, dilni nga trajnimi dhe hapni një të ri.</numerusform>
            <numerusform>Raste fiktive në të: %n. Shënojini këto llogari praktike: shfaqen vetëm tani. Për të filluar nga e para, dilni nga trajnimi dhe hapni një të ri.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users of this workstation</source>
        <translation>Përdoruesit e këtij stacioni pune</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Përdoruesit</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Emri i plotë</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Emri i përdoruesit</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Roli</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Gjendja</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>Certifikata e nënshkrimit</translation>
    </message>
    <message>
        <source>One row per colleague: full name, username, role, state and until when they can sign. Choose a row to disable that user or issue them a certificate.</source>
        <translation>Një rresht për çdo koleg: emri i plotë, emri i përdoruesit, roli, gjendja dhe deri kur mund të nënshkruajë. Zgjidhni një rresht për ta çaktivizuar përdoruesin ose për t&apos;i lëshuar një certifikatë.</translation>
    </message>
    <message>
        <source>Add a user…</source>
        <translation>Shtoni një përdorues…</translation>
    </message>
    <message>
        <source>Give a new colleague their own username and password.</source>
        <translation>Jepini një kolegu të ri emrin e vet të përdoruesit dhe fjalëkalimin.</translation>
    </message>
    <message>
        <source>Disable user…</source>
        <translation>Çaktivizoni përdoruesin…</translation>
    </message>
    <message>
        <source>The user will no longer be able to sign in on this workstation.</source>
        <translation>Përdoruesi nuk do të mund të hyjë më në këtë stacion pune.</translation>
    </message>
    <message>
        <source>Issue signing certificate…</source>
        <translation>Lëshoni certifikatë nënshkrimi…</translation>
    </message>
    <message>
        <source>A new signing certificate for the chosen colleague, who types their password.</source>
        <translation>Një certifikatë e re nënshkrimi për kolegun e zgjedhur, i cili shkruan fjalëkalimin e tij.</translation>
    </message>
    <message>
        <source>Type the recovery key…</source>
        <translation>Shkruani çelësin e rikuperimit…</translation>
    </message>
    <message>
        <source>Check the recovery key from the safe and bring it up to date after an upgrade.</source>
        <translation>Kontrolloni çelësin e rikuperimit nga kasaforta dhe përditësojeni pas instalimit të një versioni të ri.</translation>
    </message>
    <message>
        <source>The recovery key has not been typed since this version was installed: until it is, a colleague who leaves keeps a way into the store. Bring it from the safe and choose “Type the recovery key…”.</source>
        <translation>Çelësi i rikuperimit nuk është shkruar që kur u instalua ky version: derisa të shkruhet, një koleg që largohet ruan një rrugë për në depo. Sillni çelësin nga kasaforta dhe zgjidhni “Shkruani çelësin e rikuperimit…”.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Mbyllni</translation>
    </message>
    <message>
        <source>Close the list of users.</source>
        <translation>Mbyllni listën e përdoruesve.</translation>
    </message>
    <message>
        <source>Revoked by the central office</source>
        <translation>Revokuar nga zyra qendrore</translation>
    </message>
    <message>
        <source>%1 is being disabled and the station&apos;s store is given a new key, so that a copy of their password opens nothing any more.</source>
        <translation>%1 po çaktivizohet dhe depoja e stacionit merr një çelës të ri, që një kopje e fjalëkalimit të tij ose të saj të mos hapë më asgjë.</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Çaktivizuar</translation>
    </message>
    <message>
        <source>None: cannot sign</source>
        <translation>Asnjë: nuk mund të nënshkruajë</translation>
    </message>
    <message>
        <source>Valid until %1</source>
        <translation>E vlefshme deri më %1</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Çelësi i rikuperimit</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>Çaktivizoni përdoruesin</translation>
    </message>
    <message>
        <source>Disable %1? Their password will no longer open this workstation.</source>
        <translation>Të çaktivizohet %1? Fjalëkalimi i këtij përdoruesi nuk do ta hapë më këtë stacion pune.</translation>
    </message>
</context>
<context>
    <name>VerificationDialog</name>
    <message>
        <source>Check a referral</source>
        <translation>Verifikoni një referim</translation>
    </message>
    <message>
        <source>This PDF has no digital signature.</source>
        <translation>Ky PDF nuk ka nënshkrim dixhital.</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>I vlefshëm</translation>
    </message>
    <message>
        <source>NOT valid</source>
        <translation>I PAVLEFSHËM</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Signed: %1</source>
        <translation>Nënshkruar: %1</translation>
    </message>
    <message>
        <source>The signature matches the document</source>
        <translation>Nënshkrimi përputhet me dokumentin</translation>
    </message>
    <message>
        <source>The document was changed after this signature</source>
        <translation>Dokumenti u ndryshua pas këtij nënshkrimi</translation>
    </message>
    <message>
        <source>The certificate chain reaches a trusted root</source>
        <translation>Zinxhiri i certifikatave arrin te një rrënjë e besuar</translation>
    </message>
    <message>
        <source>The certificate chain does not reach a trusted root</source>
        <translation>Zinxhiri i certifikatave nuk arrin te një rrënjë e besuar</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate was revoked</source>
        <translation>Certifikata e nënshkruesit është revokuar</translation>
    </message>
    <message>
        <source>After it, only a further signature was added</source>
        <translation>Pas tij u shtua vetëm një nënshkrim tjetër</translation>
    </message>
    <message>
        <source>After it, the content was changed</source>
        <translation>Pas tij përmbajtja u ndryshua</translation>
    </message>
    <message>
        <source>After it, only certificates and revocation lists were added</source>
        <translation>Pas tij u shtuan vetëm certifikata dhe lista revokimi</translation>
    </message>
    <message>
        <source>Complete and untouched: signed by the officer and the social worker</source>
        <translation>I plotë dhe i pandryshuar: nënshkruar nga oficeri dhe punonjësi social</translation>
    </message>
    <message>
        <source>Incomplete: a signature is missing</source>
        <translation>I paplotë: mungon një nënshkrim</translation>
    </message>
    <message>
        <source>NOT valid: do not rely on this referral</source>
        <translation>I PAVLEFSHËM: mos u mbështetni te ky referim</translation>
    </message>
    <message>
        <source>The border police officer has not signed.</source>
        <translation>Oficeri i Policisë Kufitare nuk ka nënshkruar.</translation>
    </message>
    <message>
        <source>The social worker has not signed yet.</source>
        <translation>Punonjësi social nuk ka nënshkruar ende.</translation>
    </message>
    <message>
        <source>The form&apos;s signature fields are not exactly the officer&apos;s and the social worker&apos;s.</source>
        <translation>Fushat e nënshkrimit në formular nuk janë pikërisht ato të oficerit dhe të punonjësit social.</translation>
    </message>
    <message>
        <source>The form has fields that a referral never has.</source>
        <translation>Formulari ka fusha që një referim nuk i ka kurrë.</translation>
    </message>
    <message>
        <source>The form carries a signature that is not part of a referral, or signatures in the wrong order.</source>
        <translation>Formulari mban një nënshkrim që nuk i përket referimit, ose nënshkrime në rend të gabuar.</translation>
    </message>
    <message>
        <source>The officer&apos;s signature does not certify the form.</source>
        <translation>Nënshkrimi i oficerit nuk e certifikon formularin.</translation>
    </message>
    <message>
        <source>The officer&apos;s field is signed with a certificate that is not a border police officer&apos;s.</source>
        <translation>Fusha e oficerit është nënshkruar me një certifikatë që nuk është e një oficeri të Policisë Kufitare.</translation>
    </message>
    <message>
        <source>The social worker&apos;s field is signed with a certificate that is not a social worker&apos;s.</source>
        <translation>Fusha e punonjësit social është nënshkruar me një certifikatë që nuk është e një punonjësi social.</translation>
    </message>
    <message>
        <source>A signature does not match the document: the signed content was altered.</source>
        <translation>Një nënshkrim nuk përputhet me dokumentin: përmbajtja e nënshkruar është ndryshuar.</translation>
    </message>
    <message>
        <source>A signer&apos;s certificate does not reach a trusted root.</source>
        <translation>Certifikata e një nënshkruesi nuk arrin te një rrënjë e besuar.</translation>
    </message>
    <message>
        <source>A signer&apos;s certificate has been revoked.</source>
        <translation>Certifikata e një nënshkruesi është revokuar.</translation>
    </message>
    <message>
        <source>The revocations from the central office held at this station cannot be read, so whether a signer has been revoked cannot be checked.</source>
        <translation>Revokimet nga zyra qendrore që mban ky stacion nuk mund të lexohen, prandaj nuk mund të kontrollohet nëse një nënshkrues është revokuar.</translation>
    </message>
    <message>
        <source>The document was changed after it was signed (fields, annotations, page content or pages).</source>
        <translation>Dokumenti u ndryshua pasi u nënshkrua (fusha, shënime, përmbajtje faqesh ose faqe).</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Mbyllni</translation>
    </message>
    <message>
        <source>Close the result of the check.</source>
        <translation>Mbyllni rezultatin e verifikimit.</translation>
    </message>
</context>
<context>
    <name>WholeScriptDialog</name>
    <message>
        <source>The rights, whole script</source>
        <translation>Të drejtat, i gjithë teksti</translation>
    </message>
    <message>
        <source>The whole text read to the person, in their language.</source>
        <translation>I gjithë teksti që i lexohet personit, në gjuhën e tij ose të saj.</translation>
    </message>
    <message>
        <source>In your language:</source>
        <translation>Në gjuhën tuaj:</translation>
    </message>
    <message>
        <source>The rights in your language</source>
        <translation>Të drejtat në gjuhën tuaj</translation>
    </message>
    <message>
        <source>The same text in the interviewer&apos;s language, to follow along.</source>
        <translation>I njëjti tekst në gjuhën e intervistuesit, për ta ndjekur.</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Printoni…</translation>
    </message>
    <message>
        <source>Print the whole script; with no printer, save it as a PDF to print elsewhere.</source>
        <translation>Printoni të gjithë tekstin; pa printer, ruajeni si PDF për ta printuar diku tjetër.</translation>
    </message>
    <message>
        <source>Close the whole script.</source>
        <translation>Mbyllni të gjithë tekstin.</translation>
    </message>
    <message>
        <source>No printer: save the rights as a PDF</source>
        <translation>Nuk ka printer: ruajini të drejtat si PDF</translation>
    </message>
    <message>
        <source>rights</source>
        <translation>te-drejtat</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Skedarë PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nuk u ruajt</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>U ruajt</translation>
    </message>
    <message>
        <source>The rights were saved to %1. Print the file there.</source>
        <translation>Të drejtat u ruajtën në %1. Printojeni skedarin prej andej.</translation>
    </message>
</context>
<context>
    <name>WithdrawChoice</name>
    <message>
        <source>Version to withdraw</source>
        <translation>Versioni për t&apos;u tërhequr</translation>
    </message>
    <message>
        <source>The protocol versions published for the stations and not withdrawn.</source>
        <translation>Versionet e protokollit të publikuara për stacionet dhe të patërhequra.</translation>
    </message>
    <message>
        <source>Stations stop offering it for new interviews; interviews begun with it keep their questions. A withdrawal is never taken back: a corrected protocol is published under a new version number.</source>
        <translation>Stacionet nuk e ofrojnë më për intervista të reja; intervistat e nisura me të i mbajnë pyetjet e tyre. Një tërheqje nuk kthehet mbrapsht: një protokoll i korrigjuar publikohet me një numër të ri versioni.</translation>
    </message>
    <message>
        <source>There is nothing to withdraw: the stations are offered no protocol version the central office published, only those shipped with the program, which a new release of the program replaces.</source>
        <translation>Nuk ka asgjë për t&apos;u tërhequr: stacionet nuk kanë asnjë version protokolli të publikuar nga zyra qendrore, vetëm ato që vijnë me programin, të cilat i zëvendëson një version i ri i programit.</translation>
    </message>
    <message>
        <source>%1, published on %2</source>
        <translation>%1, publikuar më %2</translation>
    </message>
    <message>
        <source>Protocol %1 can be withdrawn; nothing is withdrawn yet. Press “Withdraw it” to sign the next package for the stations with it withdrawn.</source>
        <translation>Protokolli %1 mund të tërhiqet; ende nuk është tërhequr asgjë. Shtypni “Tërhiqe” për të nënshkruar paketën e radhës për stacionet me të tërhequr.</translation>
    </message>
</context>
<context>
    <name>WizardPage</name>
    <message>
        <source>The child does not agree to the interview</source>
        <translation>Fëmija nuk e pranon intervistën</translation>
    </message>
    <message>
        <source>Person&apos;s language: %1</source>
        <translation>Gjuha e personit: %1</translation>
    </message>
    <message>
        <source>Here and now (F2)</source>
        <translation>Këtu dhe tani (F2)</translation>
    </message>
    <message>
        <source>A grounding prompt to read when the person is overwhelmed.</source>
        <translation>Një tekst për ta rikthyer vëmendjen te dhoma dhe te momenti i tanishëm, që lexohet kur personi ndihet i dërrmuar.</translation>
    </message>
    <message>
        <source>Break (F3)</source>
        <translation>Pushim (F3)</translation>
    </message>
    <message>
        <source>Pause the interview; the break is recorded with its time.</source>
        <translation>Bëni pushim nga intervista; pushimi regjistrohet me orën.</translation>
    </message>
    <message>
        <source>Stop the interview…</source>
        <translation>Ndërprisni intervistën…</translation>
    </message>
    <message>
        <source>End the interview now, at the person&apos;s request or yours; it is kept as incomplete.</source>
        <translation>Ndërpriteni intervistën tani, me kërkesë të personit ose tuajën; ajo ruhet si e paplotë.</translation>
    </message>
    <message>
        <source>Person&apos;s name…</source>
        <translation>Emri i personit…</translation>
    </message>
    <message>
        <source>Record the name as the person gives it. Asked only after the rights and the consent to the interview; never required.</source>
        <translation>Regjistroni emrin siç e jep personi. Pyetet vetëm pas të drejtave dhe pëlqimit për intervistën; nuk kërkohet kurrë.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Mbyllni</translation>
    </message>
    <message>
        <source>Back to the case list; everything answered is already saved.</source>
        <translation>Kthehuni te lista e rasteve; të gjitha përgjigjet janë ruajtur tashmë.</translation>
    </message>
    <message>
        <source>Smaller words for the person (Ctrl+minus)</source>
        <translation>Shkronja më të vogla për personin (Ctrl+minus)</translation>
    </message>
    <message>
        <source>Larger words for the person (Ctrl+plus)</source>
        <translation>Shkronja më të mëdha për personin (Ctrl+plus)</translation>
    </message>
    <message>
        <source>Smaller words for the person</source>
        <translation>Shkronja më të vogla për personin</translation>
    </message>
    <message>
        <source>Make the words read to the person smaller (Ctrl+minus).</source>
        <translation>Zvogëloni fjalët që i lexohen personit (Ctrl+minus).</translation>
    </message>
    <message>
        <source>Larger words for the person</source>
        <translation>Shkronja më të mëdha për personin</translation>
    </message>
    <message>
        <source>Make the words read to the person larger (Ctrl+plus).</source>
        <translation>Zmadhoni fjalët që i lexohen personit (Ctrl+plus).</translation>
    </message>
    <message>
        <source>Protocol %1 was withdrawn by the central office</source>
        <translation>Protokolli %1 u tërhoq nga zyra qendrore</translation>
    </message>
    <message>
        <source>This interview keeps the questions it began with and can be finished and read. New interviews use another version.</source>
        <translation>Kjo intervistë i mban pyetjet me të cilat nisi dhe mund të përfundohet e të lexohet. Intervistat e reja përdorin një version tjetër.</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Seksionet</translation>
    </message>
    <message>
        <source>The interview&apos;s sections: how many questions are answered and skipped in each. Arrow keys choose a section; Enter opens it.</source>
        <translation>Seksionet e intervistës: sa pyetje janë përgjigjur dhe anashkaluar në secilin. Shigjetat zgjedhin një seksion; Enter e hap.</translation>
    </message>
    <message>
        <source>The question</source>
        <translation>Pyetja</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← Prapa</translation>
    </message>
    <message>
        <source>The question before this one (Alt+Left). Answers stay saved.</source>
        <translation>Pyetja para kësaj (Alt+Majtas). Përgjigjet mbeten të ruajtura.</translation>
    </message>
    <message>
        <source>Skip this question</source>
        <translation>Anashkaloni këtë pyetje</translation>
    </message>
    <message>
        <source>Record that this question was not asked or not observed, on purpose, and go on. It stays apart from “prefers not to answer”.</source>
        <translation>Regjistroni që kjo pyetje nuk u bë ose nuk u vëzhgua, qëllimisht, dhe vazhdoni. Mbetet e ndarë nga “preferon të mos përgjigjet”.</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>Tjetra →</translation>
    </message>
    <message>
        <source>The next question (Alt+Right or Ctrl+Enter). Nothing is recorded for a question left without an answer.</source>
        <translation>Pyetja tjetër (Alt+Djathtas ose Ctrl+Enter). Për një pyetje pa përgjigje nuk regjistrohet asgjë.</translation>
    </message>
    <message>
        <source>In your language:</source>
        <translation>Në gjuhën tuaj:</translation>
    </message>
    <message>
        <source>The app fills this in when the interview begins, from what it knows (the date, who is signed in, this room, the social worker chosen). Correct it if it is wrong.</source>
        <translation>Këtë e plotëson aplikacioni kur nis intervista, nga ajo që di (data, kush ka hyrë, kjo dhomë, punonjësi/ja social/e i/e zgjedhur). Korrigjojeni nëse është gabim.</translation>
    </message>
    <message>
        <source>Section %1</source>
        <translation>Seksioni %1</translation>
    </message>
    <message>
        <source>Adult age given; until the doubt about it is answered: as a child</source>
        <translation>U dha moshë e rritur; derisa të përgjigjet pyetja për dyshimin: si fëmijë</translation>
    </message>
    <message>
        <source>%1 of %2 answered</source>
        <translation>%1 nga %2 të përgjigjura</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>anashkaluar: %1</translation>
    </message>
    <message>
        <source>Last step: record the decision on this page to finish.</source>
        <translation>Hapi i fundit: regjistroni vendimin në këtë faqe për të përfunduar.</translation>
    </message>
    <message>
        <source>Questions for a child wait until the guardian or the Child Protection Unit agrees. If they refused, end the interview; help does not depend on it.</source>
        <translation>Pyetjet për një fëmijë presin derisa kujdestari ose Njësia për Mbrojtjen e Fëmijës të japë pëlqimin. Nëse refuzuan, përfundojeni intervistën; ndihma nuk varet prej saj.</translation>
    </message>
    <message>
        <source>No record will be kept of this person: only the date, station, sex, age band, nationality, outcome and referrals made. What is said from now on stays only until you lock the screen or sign out.</source>
        <translation>Për këtë person nuk do të mbahet asnjë regjistrim: vetëm data, stacioni, gjinia, grupmosha, shtetësia, përfundimi dhe referimet e bëra. Ato që thuhen tani e tutje mbeten vetëm derisa të kyçni ekranin ose të dilni.</translation>
    </message>
    <message>
        <source>End the break and go back to the question you were at.</source>
        <translation>Mbyllni pushimin dhe kthehuni te pyetja ku ishit.</translation>
    </message>
    <message>
        <source>The guardian does not agree to the interview</source>
        <translation>Kujdestari nuk pranon intervistën</translation>
    </message>
    <message>
        <source>The person does not agree to the interview</source>
        <translation>Personi nuk pranon intervistën</translation>
    </message>
    <message>
        <source>Their choice is respected. Ending records it as final; help does not depend on the interview. If the answer was recorded by mistake, go back.</source>
        <translation>Zgjedhja e tij/saj respektohet. Përfundimi e regjistron si përfundimtare; ndihma nuk varet nga intervista. Nëse përgjigjja u regjistrua gabimisht, kthehuni prapa.</translation>
    </message>
    <message>
        <source>After ending, you can still record the immediate needs, give the information sheet, call for emergency help and make a shelter referral (for a child, the Child Protection Unit).</source>
        <translation>Pasi ta përfundoni, mund të regjistroni gjithsesi nevojat e menjëhershme, të jepni fletën informuese, të thërrisni ndihmën e urgjencës dhe të bëni referimin në strehëz (për një fëmijë, në Njësinë për Mbrojtjen e Fëmijës).</translation>
    </message>
    <message>
        <source>← Back to the consent questions</source>
        <translation>← Prapa te pyetjet e pëlqimit</translation>
    </message>
    <message>
        <source>Nothing is recorded; the answer can be corrected.</source>
        <translation>Nuk regjistrohet asgjë; përgjigjja mund të korrigjohet.</translation>
    </message>
    <message>
        <source>End the interview respectfully</source>
        <translation>Përfundoni intervistën me respekt</translation>
    </message>
    <message>
        <source>Record that the person did not agree, and end the interview.</source>
        <translation>Regjistroni që personi nuk pranoi dhe përfundoni intervistën.</translation>
    </message>
    <message>
        <source>Read to the person:</source>
        <translation>Lexojini personit:</translation>
    </message>
    <message>
        <source>question %1 of %2</source>
        <translation>pyetja %1 nga %2</translation>
    </message>
    <message>
        <source>Age not known yet: treated as a child</source>
        <translation>Mosha nuk dihet ende: trajtohet si fëmijë</translation>
    </message>
    <message>
        <source>Presumed child: child rules apply</source>
        <translation>Fëmijë i prezumuar: zbatohen rregullat për fëmijët</translation>
    </message>
    <message>
        <source>Questions about the journey wait for the person&apos;s consent.</source>
        <translation>Pyetjet për udhëtimin presin pëlqimin e personit.</translation>
    </message>
    <message>
        <source>A legal guardian or the Child Protection Unit must be present before questions. You can take a break while you wait.</source>
        <translation>Para pyetjeve duhet të jetë i pranishëm kujdestari ligjor ose Njësia për Mbrojtjen e Fëmijës. Mund të bëni pushim ndërsa prisni.</translation>
    </message>
    <message>
        <source>Not saved: this answer does not fit the question.</source>
        <translation>Nuk u ruajt: kjo përgjigje nuk i përshtatet pyetjes.</translation>
    </message>
    <message>
        <source>On a break</source>
        <translation>Në pushim</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>Që nga ora %1</translation>
    </message>
    <message>
        <source>Continue the interview</source>
        <translation>Vazhdoni intervistën</translation>
    </message>
    <message>
        <source>The Child Protection Unit worker does not agree to the interview</source>
        <translation>Punonjësi i Njësisë për Mbrojtjen e Fëmijës nuk pranon intervistën</translation>
    </message>
    <message>
        <source>The guardian and the Child Protection Unit worker do not agree to the interview</source>
        <translation>Kujdestari dhe punonjësi i Njësisë për Mbrojtjen e Fëmijës nuk pranojnë intervistën</translation>
    </message>
    <message>
        <source>The guardian or the Child Protection Unit worker does not agree to the interview</source>
        <translation>Kujdestari ose punonjësi i Njësisë për Mbrojtjen e Fëmijës nuk pranon intervistën</translation>
    </message>
    <message>
        <source>The person did not agree to the interview</source>
        <translation>Personi nuk dha pëlqimin për intervistën</translation>
    </message>
    <message>
        <source>The interview was stopped</source>
        <translation>Intervista u ndërpre</translation>
    </message>
    <message>
        <source>This outcome is recorded. Help does not depend on the interview.</source>
        <translation>Ky rezultat është regjistruar. Ndihma nuk varet nga intervista.</translation>
    </message>
    <message>
        <source>Help for the person now →</source>
        <translation>Ndihmë për personin tani →</translation>
    </message>
    <message>
        <source>Immediate needs, the information sheet, emergency numbers and a shelter referral, without the interview.</source>
        <translation>Nevojat e menjëhershme, fleta informuese, numrat e urgjencës dhe referimi në strehëz, pa intervistën.</translation>
    </message>
    <message>
        <source>Back to the case list</source>
        <translation>Kthehuni te lista e rasteve</translation>
    </message>
    <message>
        <source>The outcome is saved; go back to the list of cases.</source>
        <translation>Përfundimi është ruajtur; kthehuni te lista e rasteve.</translation>
    </message>
</context>
</TS>
