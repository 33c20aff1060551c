@echo off
rem Removes a service that install-service.cmd installed: stops it (WinSW `stopwait`: Ctrl+C, the
rem clean stop, and waits until it is stopped), uninstalls it (WinSW `uninstall`), then deletes the
rem WinSW copy and its XML from windows\service\SERVICE_NAME\; the logs stay. From a prompt opened
rem with "Run as administrator":
rem   windows\uninstall-service.cmd [SERVICE_NAME]        (default DualStream)
setlocal
set "P=[uninstall-service]"
if "%~1"=="/?" goto help
if /i "%~1"=="-h" goto help
if /i "%~1"=="--help" goto help
set "NAME=DualStream"
if not "%~1"=="" set "NAME=%~1"
set "NAME_REST=#%NAME%"
for %%c in (a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9 - _) do call set "NAME_REST=%%NAME_REST:%%c=%%"
if not "%NAME_REST%"=="#" goto bad_name
set "SVC_DIR=%~dp0service\%NAME%"
set "SVC_EXE=%SVC_DIR%\%NAME%.exe"
set "SVC_XML=%SVC_DIR%\%NAME%.xml"
if not exist "%SVC_EXE%" goto not_installed
if not exist "%SVC_XML%" goto not_installed

echo %P% stopping service %NAME% (waits for its clean stop)
"%SVC_EXE%" stopwait
set "RC=%errorlevel%"
rem not running is fine; not installed any more shows again at uninstall
if not "%RC%"=="0" echo %P% WinSW stopwait ended with %RC%; uninstalling anyway
echo %P% uninstalling service %NAME%
"%SVC_EXE%" uninstall
set "RC=%errorlevel%"
if not "%RC%"=="0" goto uninstall_failed
del /q "%SVC_EXE%" "%SVC_XML%" >nul 2>&1
if exist "%SVC_EXE%" goto files_left
echo %P% OK: service %NAME% removed; its logs stay in %SVC_DIR%\logs
exit /b 0

:help
echo Usage: windows\uninstall-service.cmd [SERVICE_NAME]
echo   Stops and removes the service install-service.cmd installed (default DualStream); its logs stay.
exit /b 0
:bad_name
echo %P% FAILED: service name "%NAME%" may hold only letters, digits, - and _ -- fix: give the name used with install-service.cmd ^(default DualStream^)
exit /b 1
:not_installed
echo %P% FAILED: no service %NAME% installed by install-service.cmd ^(%SVC_EXE% and %NAME%.xml not both there^) -- fix: give the name used at install; the installed ones are the folders in %~dp0service
exit /b 1
:uninstall_failed
echo %P% FAILED: WinSW uninstall ended with %RC% ^(its message above^) -- fix: run this from a prompt opened with "Run as administrator", then again
exit /b 1
:files_left
echo %P% FAILED: service %NAME% is uninstalled but %SVC_EXE% could not be deleted ^(still running?^) -- fix: wait until services.msc no longer lists %NAME%, then delete %SVC_DIR% except logs
exit /b 1
