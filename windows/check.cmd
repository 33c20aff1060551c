@echo off
rem First run on an inspection PC: checks Java 17+ and GStreamer's MSVC x86_64 runtime, then runs
rem `java -jar dualstream.jar doctor` (places OpenCV's GStreamer plugin from the jar, opens a test
rem pipeline through it, and reports GStreamer's folder, version and hardware decoders).
rem   windows\check.cmd [doctor options, e.g. --config inspection.yaml]
setlocal
call "%~dp0dualstream-env.cmd"
if errorlevel 1 exit /b 1
echo [check] java %DUALSTREAM_JAVA_VERSION%, jar %DUALSTREAM_JAR%
set "GST_SEARCHED=%ProgramFiles%\gstreamer\1.0\msvc_x86_64\bin; %SystemDrive%\gstreamer\1.0\msvc_x86_64\bin"
if defined GSTREAMER_1_0_ROOT_MSVC_X86_64 set "GST_SEARCHED=%GSTREAMER_1_0_ROOT_MSVC_X86_64%\bin; %GST_SEARCHED%"
if defined GSTREAMER_1_0_ROOT_MSVC_X86_64 if exist "%GSTREAMER_1_0_ROOT_MSVC_X86_64%\bin\gstreamer-1.0-0.dll" goto gstreamer_found
if exist "%ProgramFiles%\gstreamer\1.0\msvc_x86_64\bin\gstreamer-1.0-0.dll" goto gstreamer_found
if exist "%SystemDrive%\gstreamer\1.0\msvc_x86_64\bin\gstreamer-1.0-0.dll" goto gstreamer_found
echo [check] FAILED: GStreamer's MSVC x86_64 runtime not found (gstreamer-1.0-0.dll; searched: %GST_SEARCHED%) -- fix: install gstreamer-1.0-msvc-x86_64-^<version^>.msi from gstreamer.freedesktop.org ^(1.22 or newer, "Complete"^), then open a new window
exit /b 1
:gstreamer_found
echo [check] GStreamer found; running doctor
java %DUALSTREAM_JAVA_OPTS% -jar "%DUALSTREAM_JAR%" doctor %*
exit /b %errorlevel%
