@echo off
rem Installs `java -jar dualstream.jar run --config FILE` as a Windows service through WinSW v2.12.0
rem (github.com/winsw/winsw, MIT): automatic (delayed) start with the PC, restart on failure (10 s,
rem 10 s, then 60 s; failure count reset after a day), stdout/stderr logs rolled by size, a clean stop
rem (WinSW sends Ctrl+C, waits up to 30 s). From a prompt opened with "Run as administrator":
rem   windows\install-service.cmd WINSW_EXE CONFIG [SERVICE_NAME] [ACCOUNT]
rem WINSW_EXE     WinSW-x64.exe from https://github.com/winsw/winsw/releases/tag/v2.12.0 (SHA-256 printed)
rem CONFIG        the config file for `run --config` (`run --config CONFIG --dry-run` must accept it)
rem SERVICE_NAME  letters, digits, - and _ (default DualStream)
rem ACCOUNT       default LocalSystem; or NT AUTHORITY\LocalService, NT AUTHORITY\NetworkService, a
rem               gMSA (DOMAIN\name$), or DOMAIN\user / .\user: WinSW then asks for its password
rem Checks Java 17 and GStreamer as check.cmd does. Writes windows\service\SERVICE_NAME\:
rem SERVICE_NAME.exe (the WinSW copy), SERVICE_NAME.xml (WinSW v2.12.0 XML syntax), logs\.
rem JVM options: set DUALSTREAM_JAVA_OPTS first (they are written into the XML).
rem Remove with windows\uninstall-service.cmd [SERVICE_NAME].
setlocal
set "P=[install-service]"
set "USAGE=windows\install-service.cmd C:\path\to\WinSW-x64.exe C:\path\to\inspection.yaml [service name] [account]"
set "WINSW_URL=https://github.com/winsw/winsw/releases/tag/v2.12.0"
if "%~1"=="/?" goto help
if /i "%~1"=="-h" goto help
if /i "%~1"=="--help" goto help
if "%~1"=="" goto no_winsw_given
if "%~2"=="" goto no_config_given

rem --- the WinSW exe ---
set "WINSW=%~f1"
set "WINSW_ATTR=%~a1"
if not exist "%WINSW%" goto no_winsw
if /i "%WINSW_ATTR:~0,1%"=="d" goto winsw_is_folder
if /i not "%~x1"==".exe" goto winsw_not_exe

rem --- the config file ---
set "CONFIG=%~f2"
set "CONFIG_DIR=%~dp2"
set "CONFIG_ATTR=%~a2"
if not exist "%CONFIG%" goto no_config
if /i "%CONFIG_ATTR:~0,1%"=="d" goto config_is_folder

rem --- the service name: WinSW's <id>, the name of its exe and XML ---
set "NAME=DualStream"
if not "%~3"=="" set "NAME=%~3"
rem every allowed character removed must leave only the "#" ("#" first: an emptied variable
rem would make the next substitution expand to its own text)
set "NAME_REST=#%NAME%"
for %%c in (a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9 - _) do call set "NAME_REST=%%NAME_REST:%%c=%%"
if not "%NAME_REST%"=="#" goto bad_name
set "SVC_DIR=%~dp0service\%NAME%"
set "SVC_EXE=%SVC_DIR%\%NAME%.exe"
set "SVC_XML=%SVC_DIR%\%NAME%.xml"

rem --- the account: none (LocalSystem), a built-in one, a gMSA, or a user WinSW asks the password of ---
set "ACCOUNT=%~4"
set "ACCOUNT_DOMAIN="
set "ACCOUNT_USER="
set "ACCOUNT_PASSWORD=no"
set "WINSW_INSTALL=install"
if "%ACCOUNT%"=="" goto account_done
if /i "%ACCOUNT%"=="LocalSystem" goto account_done
for /f "tokens=1,* delims=\" %%a in ("%ACCOUNT%") do set "ACCOUNT_DOMAIN=%%a"
for /f "tokens=1,* delims=\" %%a in ("%ACCOUNT%") do set "ACCOUNT_USER=%%b"
if defined ACCOUNT_USER goto account_split
set "ACCOUNT_USER=%ACCOUNT_DOMAIN%"
set "ACCOUNT_DOMAIN="
:account_split
if "%ACCOUNT_USER%"=="" goto bad_account
if not "%ACCOUNT_USER:\=%"=="%ACCOUNT_USER%" goto bad_account
if /i "%ACCOUNT_DOMAIN%"=="NT AUTHORITY" goto account_done
if "%ACCOUNT_USER:~-1%"=="$" goto account_done
set "ACCOUNT_PASSWORD=yes"
set "WINSW_INSTALL=install /p"
:account_done

rem --- Java 17 and dualstream.jar (dualstream-env.cmd), GStreamer (dualstream-gstreamer.cmd) ---
call "%~dp0dualstream-env.cmd"
if errorlevel 1 exit /b 1
set "JAVA_EXE="
for %%j in (java.exe) do set "JAVA_EXE=%%~$PATH:j"
if not defined JAVA_EXE goto no_java_exe
for %%f in ("%DUALSTREAM_JAR%") do set "JAR=%%~ff"
call "%~dp0dualstream-gstreamer.cmd" %P%
if errorlevel 1 exit /b 1

rem --- what the XML cannot carry: & (XML) and ^ (cmd's echo) in a path ---
if not "%WINSW:&=%%CONFIG:&=%%JAR:&=%%JAVA_EXE:&=%%SVC_DIR:&=%%DUALSTREAM_GST_ROOT:&=%"=="%WINSW%%CONFIG%%JAR%%JAVA_EXE%%SVC_DIR%%DUALSTREAM_GST_ROOT%" goto special_path
if not "%WINSW:^=%%CONFIG:^=%%JAR:^=%%JAVA_EXE:^=%%SVC_DIR:^=%%DUALSTREAM_GST_ROOT:^=%"=="%WINSW%%CONFIG%%JAR%%JAVA_EXE%%SVC_DIR%%DUALSTREAM_GST_ROOT%" goto special_path

rem --- one service per folder: uninstall first ---
if exist "%SVC_XML%" goto already_there
if exist "%SVC_EXE%" goto already_there

rem --- the config must load, as `run` will load it ---
echo %P% java %DUALSTREAM_JAVA_VERSION% (%JAVA_EXE%), jar %JAR%, GStreamer %DUALSTREAM_GST_ROOT%
echo %P% checking the config: run --config "%CONFIG%" --dry-run
"%JAVA_EXE%" %DUALSTREAM_JAVA_OPTS% -jar "%JAR%" run --config "%CONFIG%" --dry-run
set "RC=%errorlevel%"
if not "%RC%"=="0" goto bad_config

rem --- the WinSW copy, its SHA-256 for the operator to compare ---
echo %P% SHA-256 of %WINSW% (compare it with the digest of WinSW-x64.exe on %WINSW_URL%):
certutil -hashfile "%WINSW%" SHA256
if errorlevel 1 echo %P% certutil could not hash it: compare the file another way before relying on it
if not exist "%SVC_DIR%\logs" mkdir "%SVC_DIR%\logs"
if not exist "%SVC_DIR%\logs" goto cannot_write
copy /y "%WINSW%" "%SVC_EXE%" >nul
if errorlevel 1 goto cannot_write

rem --- the XML, WinSW v2.12.0 syntax; UTF-8 (code page 65001 while it is written, so that a path
rem with non-ASCII letters arrives as the declaration says) ---
set "OLD_CP="
for /f "tokens=2 delims=:." %%c in ('chcp') do set "OLD_CP=%%c"
if defined OLD_CP set "OLD_CP=%OLD_CP: =%"
chcp 65001 >nul 2>&1
set "ARGS=-XX:+ExitOnOutOfMemoryError"
if defined DUALSTREAM_JAVA_OPTS set "ARGS=%ARGS% %DUALSTREAM_JAVA_OPTS%"
>"%SVC_XML%" echo ^<?xml version="1.0" encoding="UTF-8"?^>
>>"%SVC_XML%" echo ^<!-- Written by windows\install-service.cmd for WinSW v2.12.0 (XML syntax of the v2 line). To change it: windows\uninstall-service.cmd %NAME%, then install-service.cmd again. --^>
>>"%SVC_XML%" echo ^<service^>
>>"%SVC_XML%" echo   ^<id^>%NAME%^</id^>
>>"%SVC_XML%" echo   ^<name^>%NAME%^</name^>
>>"%SVC_XML%" echo   ^<description^>DualStream inspection station: java -jar dualstream.jar run --config %CONFIG%^</description^>
>>"%SVC_XML%" echo   ^<!-- The Java found on PATH at install time (a service does not see the installing user's PATH). --^>
>>"%SVC_XML%" echo   ^<executable^>%JAVA_EXE%^</executable^>
>>"%SVC_XML%" echo   ^<!-- ExitOnOutOfMemoryError: a JVM out of memory ends with a failure code, so the service restarts. --^>
>>"%SVC_XML%" echo   ^<arguments^>%ARGS% -jar "%JAR%" run --config "%CONFIG%"^</arguments^>
>>"%SVC_XML%" echo   ^<workingdirectory^>%CONFIG_DIR%^</workingdirectory^>
>>"%SVC_XML%" echo   ^<env name="GSTREAMER_1_0_ROOT_MSVC_X86_64" value="%DUALSTREAM_GST_ROOT%"/^>
if defined DUALSTREAM_OPENCV_BIN >>"%SVC_XML%" echo   ^<env name="DUALSTREAM_OPENCV_BIN" value="%DUALSTREAM_OPENCV_BIN%"/^>
>>"%SVC_XML%" echo   ^<startmode^>Automatic^</startmode^>
>>"%SVC_XML%" echo   ^<delayedAutoStart/^>
>>"%SVC_XML%" echo   ^<!-- run never exits by itself: when java.exe ends with a non-zero code (a crash, out of memory), Windows restarts the service after 10 s, 10 s, then 60 s each time; the count resets after a day. --^>
>>"%SVC_XML%" echo   ^<onfailure action="restart" delay="10 sec"/^>
>>"%SVC_XML%" echo   ^<onfailure action="restart" delay="10 sec"/^>
>>"%SVC_XML%" echo   ^<onfailure action="restart" delay="60 sec"/^>
>>"%SVC_XML%" echo   ^<resetfailure^>1 day^</resetfailure^>
>>"%SVC_XML%" echo   ^<!-- Stop: Ctrl+C to java.exe (its console; so no hidewindow), then up to 30 s for run's clean stop (it waits up to 20 s for snapshots in hand), then TerminateProcess. --^>
>>"%SVC_XML%" echo   ^<stoptimeout^>30 sec^</stoptimeout^>
>>"%SVC_XML%" echo   ^<stopparentprocessfirst^>true^</stopparentprocessfirst^>
>>"%SVC_XML%" echo   ^<!-- stdout and stderr of java.exe: logs\%NAME%.out.log and .err.log, rolled at 10 MiB, 8 kept; WinSW's own: logs\%NAME%.wrapper.log. --^>
>>"%SVC_XML%" echo   ^<logpath^>%%BASE%%\logs^</logpath^>
>>"%SVC_XML%" echo   ^<log mode="roll-by-size"^>
>>"%SVC_XML%" echo     ^<sizeThreshold^>10240^</sizeThreshold^>
>>"%SVC_XML%" echo     ^<keepFiles^>8^</keepFiles^>
>>"%SVC_XML%" echo   ^</log^>
if not defined ACCOUNT_USER goto xml_end
>>"%SVC_XML%" echo   ^<serviceaccount^>
if defined ACCOUNT_DOMAIN >>"%SVC_XML%" echo     ^<domain^>%ACCOUNT_DOMAIN%^</domain^>
>>"%SVC_XML%" echo     ^<user^>%ACCOUNT_USER%^</user^>
if /i not "%ACCOUNT_DOMAIN%"=="NT AUTHORITY" >>"%SVC_XML%" echo     ^<allowservicelogon^>true^</allowservicelogon^>
>>"%SVC_XML%" echo   ^</serviceaccount^>
:xml_end
>>"%SVC_XML%" echo ^</service^>
if defined OLD_CP chcp %OLD_CP% >nul 2>&1

rem --- WinSW v2 only: the XML above is v2 syntax ---
set "WINSW_VERSION="
for /f "tokens=1,2" %%a in ('call "%SVC_EXE%" version') do if /i "%%a"=="WinSW" set "WINSW_VERSION=%%b"
if not defined WINSW_VERSION set "WINSW_VERSION=nothing"
if not "%WINSW_VERSION:~0,2%"=="2." goto not_winsw2
echo %P% WinSW %WINSW_VERSION%, service folder %SVC_DIR%

rem --- install, start ---
if "%ACCOUNT_PASSWORD%"=="yes" echo %P% WinSW now asks for the account: type %ACCOUNT%, then its password, then y ^(log on as a service^)
echo %P% installing service %NAME%
"%SVC_EXE%" %WINSW_INSTALL%
set "RC=%errorlevel%"
if not "%RC%"=="0" goto install_failed
echo %P% starting service %NAME%
"%SVC_EXE%" start
set "RC=%errorlevel%"
if not "%RC%"=="0" goto start_failed
echo %P% OK: service %NAME% installed and started; it starts with the PC and restarts on failure. Logs: %SVC_DIR%\logs (%NAME%.err.log first). Stop/start: services.msc or "%SVC_EXE%" stop / start. Remove: windows\uninstall-service.cmd %NAME%
exit /b 0

:help
echo Usage: %USAGE%
echo   Installs java -jar dualstream.jar run --config CONFIG as the Windows service SERVICE_NAME (default DualStream)
echo   with WinSW v2.12.0 (WinSW-x64.exe from %WINSW_URL%). Account: default LocalSystem; NT AUTHORITY\LocalService,
echo   NT AUTHORITY\NetworkService, DOMAIN\gmsa$, or DOMAIN\user / .\user (WinSW asks for its password).
echo   Run it from a prompt opened with "Run as administrator". Remove: windows\uninstall-service.cmd [SERVICE_NAME]
exit /b 0
:no_winsw_given
echo %P% FAILED: no WinSW exe given -- fix: download WinSW-x64.exe from %WINSW_URL%, then: %USAGE%
exit /b 1
:no_config_given
echo %P% FAILED: no config file given -- fix: %USAGE%
exit /b 1
:no_winsw
echo %P% FAILED: WinSW not found: %WINSW% -- fix: download WinSW-x64.exe from %WINSW_URL% and give its path as the first argument
exit /b 1
:winsw_is_folder
echo %P% FAILED: %WINSW% is a folder, not WinSW -- fix: give the path of WinSW-x64.exe itself ^(from %WINSW_URL%^)
exit /b 1
:winsw_not_exe
echo %P% FAILED: %WINSW% is not an .exe -- fix: give the path of WinSW-x64.exe ^(from %WINSW_URL%^), not of its XML or a zip
exit /b 1
:no_config
echo %P% FAILED: config file not found: %CONFIG% -- fix: give the path of the config file that `run --config` takes ^(see README "Config file"^) as the second argument
exit /b 1
:config_is_folder
echo %P% FAILED: %CONFIG% is a folder -- fix: give the path of the config file itself, e.g. %CONFIG%\inspection.yaml
exit /b 1
:bad_name
echo %P% FAILED: service name "%NAME%" may hold only letters, digits, - and _ -- fix: e.g. DualStream or DualStream-Line2
exit /b 1
:bad_account
echo %P% FAILED: account "%ACCOUNT%" is not DOMAIN\user, .\user or user -- fix: e.g. .\inspector, NT AUTHORITY\LocalService, or leave it out for LocalSystem
exit /b 1
:no_java_exe
echo %P% FAILED: java.exe not found in a PATH folder (java -version answered, e.g. from the current folder) -- fix: put the Java 17 bin folder on the system PATH, then open a new window
exit /b 1
:special_path
echo %P% FAILED: a path holds ^& or ^^ ^(the service's XML cannot carry them^): "%WINSW%" "%CONFIG%" "%JAR%" "%JAVA_EXE%" "%SVC_DIR%" "%DUALSTREAM_GST_ROOT%" -- fix: move that file or folder to a path without them
exit /b 1
:already_there
echo %P% FAILED: %SVC_DIR% already holds service %NAME% -- fix: windows\uninstall-service.cmd %NAME% first, or give another service name
exit /b 1
:bad_config
echo %P% FAILED: run --dry-run refused the config (exit %RC%, its message above) -- fix: correct %CONFIG% until windows\run.cmd run --config "%CONFIG%" --dry-run accepts it, then install again
exit /b 1
:cannot_write
echo %P% FAILED: cannot write %SVC_DIR% -- fix: run this from a prompt opened with "Run as administrator", or copy the windows folder where you may write
exit /b 1
:not_winsw2
del /q "%SVC_EXE%" "%SVC_XML%" >nul 2>&1
echo %P% FAILED: %WINSW% is not WinSW v2 ^(its version command says: %WINSW_VERSION%^); the XML is written for v2.12.0 -- fix: download WinSW-x64.exe from %WINSW_URL%
exit /b 1
:install_failed
del /q "%SVC_EXE%" "%SVC_XML%" >nul 2>&1
echo %P% FAILED: WinSW install ended with %RC% ^(its message above; 1073 = a service named %NAME% exists^) -- fix: run this from a prompt opened with "Run as administrator"; for an existing service: windows\uninstall-service.cmd %NAME%, or another name
exit /b 1
:start_failed
echo %P% FAILED: service %NAME% is installed but did not start ^(WinSW start ended with %RC%^) -- fix: read %SVC_DIR%\logs\%NAME%.wrapper.log and %NAME%.err.log and the Application log in Event Viewer, then "%SVC_EXE%" start
exit /b 1
