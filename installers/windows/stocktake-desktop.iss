; Inno Setup 6 script for Stocktake Desktop (https://jrsoftware.org/isinfo.php).
;
; Built by `py run.py build` on Windows after PyInstaller, when iscc is installed:
;   iscc /DAppVersion=0.1.0 /DSourceDir=build\pyinstaller\dist\stocktake-desktop
;        /DIconFile=resources\icons\stocktake-desktop.ico /Odist
;        /Fstocktake-desktop-0.1.0-setup installers\windows\stocktake-desktop.iss
;
; One installer, two routes (installers/README.md):
;   per user (default, no admin rights): double-click; installs into
;     %LOCALAPPDATA%\Programs\Stocktake Desktop, association under HKCU\Software\Classes
;   per machine (IT, silently, into Program Files; association under HKLM\Software\Classes):
;     stocktake-desktop-0.1.0-setup.exe /ALLUSERS /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;       /LOG="%TEMP%\stocktake-setup.log"
;   uninstall silently: "<install folder>\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Other switches: /CURRENTUSER (force per user), /SILENT (progress only), /DIR="x:\folder",
; /NOICONS, /TASKS="desktopicon", /MERGETASKS="!associate" (skip the .stocktake association).
;
; The uninstaller removes only what the installer put in the install folder, the shortcuts and
; the association. Returns (.stocktake files, wherever users saved them) and the app's data
; (%LOCALAPPDATA%\StocktakeDesktop: working copies, backups, settings, logs) are left alone.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\build\pyinstaller\dist\stocktake-desktop"
#endif
#ifndef IconFile
  #define IconFile "..\..\resources\icons\stocktake-desktop.ico"
#endif
#define AppName "Stocktake Desktop"
#define AppExe "StocktakeDesktop.exe"
#define ProgId "StocktakeDesktop.Return"

[Setup]
; Never change AppId: upgrades and the uninstaller find the installed copy by it.
AppId={{6B1D6F0E-3C55-4C4B-9E43-5F0A9E7C2D11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Stocktake Desktop
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installer
; Per user unless the person (dialog) or IT (/ALLUSERS) chooses all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
; {autopf}: %LOCALAPPDATA%\Programs per user, %ProgramFiles% per machine.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; The app keeps running returns open: ask to close it rather than replace files under it.
CloseApplications=yes
RestartApplications=no
OutputBaseFilename=stocktake-desktop-{#AppVersion}-setup
; Signing (installers/README.md): with a certificate, add
;   SignTool=signtool sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /a $f
; and sign the PyInstaller executables before running iscc.

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "associate"; Description: "Open .stocktake returns with {#AppName}"; GroupDescription: "File types:"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The one-folder build, as PyInstaller made it (never a one-file build: antivirus).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the previous build's library folder whole (no stale DLLs mixed in).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Comment: "Complete the Winterbourne View stocktake return"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; HKA is HKCU\Software\Classes per user and HKLM\Software\Classes per machine.
Root: HKA; Subkey: "Software\Classes\.stocktake"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.stocktake"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-stocktake"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.stocktake\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Stocktake return"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".stocktake"; ValueData: ""; Flags: uninsdeletekey; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only the files it installed. Users' returns and
; %LOCALAPPDATA%\StocktakeDesktop stay (a reinstall finds settings, backups and recent files).
