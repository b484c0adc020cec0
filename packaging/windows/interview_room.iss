; Inno Setup 6 script for Interview Room (Windows, per-machine).
;
; Build the frozen folder first (see packaging/README.md), then from the repository root:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\interview_room.iss
; or with another version / source folder:
;   ISCC.exe /DAppVersion=0.2.0 /DSourceDir=..\..\dist\interview-room packaging\windows\interview_room.iss
;
; The installer writes only program files into Program Files. The station's data (encrypted store,
; keys, exports) lives in each user's data folder (%LOCALAPPDATA%\InterviewRoom, via platformdirs),
; is never created here, and is NOT removed on uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  ; Relative to this .iss file: the PyInstaller one-folder output.
  #define SourceDir "..\..\dist\interview-room"
#endif

#define AppName "Interview Room"
#define AppExe "interview-room.exe"

[Setup]
; A fixed AppId keeps upgrades in place; never change it once released.
AppId={{6F1C7E1A-3B2D-4C8E-9A51-2D7B0E4F9C13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Interview Room
DefaultDirName={autopf}\Interview Room
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-machine: install for all users into Program Files (needs administrator rights).
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=InterviewRoom-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships no Albanian messages file; add "Albanian.isl" from the Inno Setup translations
; page here if the installer itself should speak Albanian.

[Files]
; The whole PyInstaller folder: interview-room.exe (GUI, no console), interview-room-cli.exe
; (console: --self-test, audit, demo) and _internal\ with Python, Qt and the shipped resources.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"

[Run]
; The self-test is run by hand from a console (see packaging/README.md): its output matters.
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: postinstall skipifsilent nowait unchecked runasoriginaluser

[UninstallDelete]
; Only what Python may have left in the program folder. User data is never touched.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
