@echo off
rem Windows entry point for OpenCV's standalone GStreamer plugin (profile "plugin"). Thin on purpose:
rem the arguments go unchanged to opencv-build\build-plugin.cmake. Not run on real Windows here.
setlocal
if "%~1"=="" goto usage
if /i "%~1"=="--help" goto usage
if /i "%~1"=="-h" goto usage
if /i "%~1"=="/?" goto usage
where cmake >nul 2>nul
if errorlevel 1 (
  echo [plugin] FAILED: cmake not found -- fix: install CMake 3.21+
  exit /b 1
)
cmake "-DGENERATOR=Visual Studio 17 2022" -DPLATFORM=windows-x86_64 %* -P "%~dp0..\opencv-build\build-plugin.cmake"
exit /b %errorlevel%

:usage
echo Usage: windows\build-plugin.cmd -DOPENCV_VERSION=^<opencv.version^> -DJAVACPP_VERSION=^<javacpp.version^>
echo          -DBYTEDECO_JAR=^<...\opencv-^<opencv^>-^<javacpp^>-windows-x86_64.jar^> -DOPENCV_SOURCE_ARCHIVE=^<opencv-^<ver^>.zip^> [-DNAME=VALUE ...]
echo.
echo Builds opencv_videoio_gstreamer^<MAJOR^>^<MINOR^>^<PATCH^>_64.dll for the bytedeco jar, with Visual Studio 17 2022, x64.
echo The versions are those of pom.xml; the jar is in %%USERPROFILE%%\.m2\repository\org\bytedeco\opencv\.
echo GStreamer: -DGSTREAMER_DIR=DIR, default %%GSTREAMER_1_0_ROOT_MSVC_X86_64%%. See opencv-build\README.md.
exit /b 0
