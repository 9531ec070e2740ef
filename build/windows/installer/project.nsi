; Supaconnect's Windows installer, compiled by makensis when
; `wails build -platform windows/ARCH -nsis` runs (see `make package-windows`).
;
; It installs for the current user only: no administrator rights, files
; under %LOCALAPPDATA%\Programs\Supaconnect, a Start menu shortcut and an
; "Apps & features" entry under HKCU. It installs the Microsoft Edge
; WebView2 Runtime with Microsoft's bootstrapper when the runtime is missing.
;
; Wails writes wails_tools.nsh next to this file on every build, from
; wails.json and the binaries it built. It contributes ARCH, the version
; and company defines, and the wails.checkArchitecture and wails.files
; macros. Its uninstaller and WebView2 macros are not used: they write to
; HKLM, which a per-user install cannot do.

Unicode true
SetCompressor /SOLID lzma

!define PRODUCT_EXECUTABLE "Supaconnect.exe"
!define UNINST_KEY_NAME "Supaconnect"
!define REQUEST_EXECUTION_LEVEL "user"
!include "wails_tools.nsh"

!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "MUI2.nsh"

; Signs the app before it is packed, and the uninstaller and the installer
; once written, when scripts/sign-windows.sh finds a key in its environment
; variables, and does nothing otherwise. makensis runs here from
; build/windows/installer. The script needs bash, so a makensis on Windows
; skips this step.
!ifndef NSIS_WIN32_MAKENSIS
    !define SIGN_IF_CONFIGURED "../../../scripts/sign-windows.sh --if-configured"
    !ifdef ARG_WAILS_AMD64_BINARY
        !system '${SIGN_IF_CONFIGURED} "${ARG_WAILS_AMD64_BINARY}"' = 0
    !endif
    !ifdef ARG_WAILS_ARM64_BINARY
        !system '${SIGN_IF_CONFIGURED} "${ARG_WAILS_ARM64_BINARY}"' = 0
    !endif
    !uninstfinalize '${SIGN_IF_CONFIGURED} "%1"' = 0
    !finalize '${SIGN_IF_CONFIGURED} "%1"' = 0
!endif

; Microsoft's client ID for the Evergreen WebView2 Runtime.
!define WEBVIEW2_CLIENT_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${INFO_PRODUCTNAME}"
BrandingText "${INFO_PRODUCTNAME} ${INFO_PRODUCTVERSION}"
OutFile "..\..\bin\supaconnect-${ARCH}-installer.exe"
InstallDir "$LOCALAPPDATA\Programs\${INFO_PRODUCTNAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show

; Windows wants four numeric parts, and wails.json holds three.
VIProductVersion "${INFO_PRODUCTVERSION}.0"
VIFileVersion "${INFO_PRODUCTVERSION}.0"
VIAddVersionKey "CompanyName" "${INFO_COMPANYNAME}"
VIAddVersionKey "FileDescription" "${INFO_PRODUCTNAME} Setup"
VIAddVersionKey "FileVersion" "${INFO_PRODUCTVERSION}"
VIAddVersionKey "LegalCopyright" "${INFO_COPYRIGHT}"
VIAddVersionKey "ProductName" "${INFO_PRODUCTNAME}"
VIAddVersionKey "ProductVersion" "${INFO_PRODUCTVERSION}"

ManifestDPIAware true

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${PRODUCT_EXECUTABLE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${INFO_PRODUCTNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Function .onInit
    !insertmacro wails.checkArchitecture
    SetShellVarContext current
FunctionEnd

Function un.onInit
    SetShellVarContext current
FunctionEnd

; Runs Microsoft's WebView2 bootstrapper, which Wails writes to
; tmp\MicrosoftEdgeWebview2Setup.exe, unless the runtime is installed for
; the machine or for this user. The bootstrapper downloads the runtime, so
; without a network the install goes on and the user is told what to do.
Function InstallWebView2
    SetRegView 64
    ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT_KEY}" "pv"
    ${If} $0 == ""
    ${OrIf} $0 == "0.0.0.0"
        ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT_KEY}" "pv"
    ${EndIf}
    ${If} $0 != ""
    ${AndIf} $0 != "0.0.0.0"
        DetailPrint "WebView2 Runtime $0 is installed."
        Return
    ${EndIf}

    DetailPrint "Installing the Microsoft Edge WebView2 Runtime..."
    InitPluginsDir
    File "/oname=$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" "tmp\MicrosoftEdgeWebview2Setup.exe"
    ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install' $1
    ${If} $1 != 0
        DetailPrint "The WebView2 Runtime setup failed with exit code $1."
        MessageBox MB_OK|MB_ICONEXCLAMATION "${INFO_PRODUCTNAME} needs the Microsoft Edge WebView2 Runtime, and installing it failed (exit code $1). Connect to the internet and run this setup again, or install the runtime from Microsoft's WebView2 page." /SD IDOK
    ${EndIf}
FunctionEnd

Section "Install"
    Call InstallWebView2

    SetOutPath "$INSTDIR"
    !insertmacro wails.files
    WriteUninstaller "$INSTDIR\uninstall.exe"

    CreateShortCut "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"

    WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${INFO_PRODUCTNAME}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${INFO_PRODUCTVERSION}"
    WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${INFO_COMPANYNAME}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_EXECUTABLE}"
    WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
    WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1

    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

; Removes only the files this setup wrote, so a folder the user chose that
; holds other files keeps them. The sign-in tokens are in the Windows
; Credential Manager and stay there; signing out removes them.
Section "Uninstall"
    Delete "$INSTDIR\${PRODUCT_EXECUTABLE}"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"

    Delete "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk"
    DeleteRegKey HKCU "${UNINST_KEY}"

    ; WebView2's cache and local storage, at the path Wails uses by default.
    RMDir /r "$APPDATA\${PRODUCT_EXECUTABLE}"
SectionEnd
