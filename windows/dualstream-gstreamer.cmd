@echo off
rem Shared by check.cmd and install-service.cmd (call it, do not run it alone): finds GStreamer's
rem MSVC x86_64 runtime as the app does and sets DUALSTREAM_GST_ROOT (the folder whose bin holds
rem gstreamer-1.0-0.dll). Exit code 1 with one line, prefixed by the first argument (e.g. [check]),
rem naming the installer and every folder searched.
set "DUALSTREAM_GST_ROOT="
set "GST_SEARCHED=%ProgramFiles%\gstreamer\1.0\msvc_x86_64\bin; %SystemDrive%\gstreamer\1.0\msvc_x86_64\bin"
if defined GSTREAMER_1_0_ROOT_MSVC_X86_64 set "GST_SEARCHED=%GSTREAMER_1_0_ROOT_MSVC_X86_64%\bin; %GST_SEARCHED%"
if defined GSTREAMER_1_0_ROOT_MSVC_X86_64 if exist "%GSTREAMER_1_0_ROOT_MSVC_X86_64%\bin\gstreamer-1.0-0.dll" set "DUALSTREAM_GST_ROOT=%GSTREAMER_1_0_ROOT_MSVC_X86_64%"
if defined DUALSTREAM_GST_ROOT exit /b 0
if exist "%ProgramFiles%\gstreamer\1.0\msvc_x86_64\bin\gstreamer-1.0-0.dll" set "DUALSTREAM_GST_ROOT=%ProgramFiles%\gstreamer\1.0\msvc_x86_64"
if defined DUALSTREAM_GST_ROOT exit /b 0
if exist "%SystemDrive%\gstreamer\1.0\msvc_x86_64\bin\gstreamer-1.0-0.dll" set "DUALSTREAM_GST_ROOT=%SystemDrive%\gstreamer\1.0\msvc_x86_64"
if defined DUALSTREAM_GST_ROOT exit /b 0
echo %~1 FAILED: GStreamer's MSVC x86_64 runtime not found (gstreamer-1.0-0.dll; searched: %GST_SEARCHED%) -- fix: install gstreamer-1.0-msvc-x86_64-^<version^>.msi from gstreamer.freedesktop.org ^(1.22 or newer, "Complete"^), then open a new window
exit /b 1
