@echo off
rem Windows entry point for full OpenCV builds (profiles world, javacpp). Thin on purpose: the
rem arguments go unchanged to the portable CMake driver opencv-build\build-opencv.cmake, which is
rem the tested part (the same driver runs in CI on Linux). Not run on real Windows in this project.
setlocal
if "%~1"=="" goto usage
if /i "%~1"=="--help" goto usage
if /i "%~1"=="-h" goto usage
if /i "%~1"=="/?" goto usage

where cmake >nul 2>nul
if errorlevel 1 (
  echo [opencv] FAILED: cmake not found -- fix: install CMake 3.21+ ^(or use a "x64 Native Tools Command Prompt for VS 2022"^)
  exit /b 1
)
rem GStreamer MSVC x86_64: the installer's variable, else its default folders (the driver checks again).
if not defined GSTREAMER_1_0_ROOT_MSVC_X86_64 if exist "%ProgramFiles%\gstreamer\1.0\msvc_x86_64\bin\gstreamer-1.0-0.dll" set "GSTREAMER_1_0_ROOT_MSVC_X86_64=%ProgramFiles%\gstreamer\1.0\msvc_x86_64\"
if not defined GSTREAMER_1_0_ROOT_MSVC_X86_64 if exist "%SystemDrive%\gstreamer\1.0\msvc_x86_64\bin\gstreamer-1.0-0.dll" set "GSTREAMER_1_0_ROOT_MSVC_X86_64=%SystemDrive%\gstreamer\1.0\msvc_x86_64\"

cmake "-DGENERATOR=Visual Studio 17 2022" %* -P "%~dp0..\opencv-build\build-opencv.cmake"
exit /b %errorlevel%

:usage
echo Usage: windows\build-opencv.cmd -DPROFILE=world^|javacpp [-DNAME=VALUE ...]
echo.
echo Builds OpenCV (+ opencv_contrib for world) with GStreamer built in, with Visual Studio 17 2022, x64.
echo Every argument goes to opencv-build\build-opencv.cmake (read its header for all options):
echo   -DPROFILE=world            OpenCV + contrib as opencv_world, the article's offline disables
echo   -DPROFILE=javacpp          per-module DLLs for JavaCPP (the version of pom.xml)
echo   -DOFFLINE=ON               no network; configure-time downloads off or from the cache
echo   -DDOWNLOAD_CACHE=DIR       OPENCV_DOWNLOAD_PATH (filled online with -DFILL_DOWNLOAD_CACHE=ON)
echo   -DOFFLINE_KEEP=ippicv;ade  offline items present in the cache
echo   -DOPENCV_SOURCE_ARCHIVE=C:\path\opencv-4.10.0.zip  -DCONTRIB_SOURCE_ARCHIVE=C:\path\opencv_contrib-4.10.0.zip
echo   -DCUDA=ON -DCUDA_ARCH=8.6  WITH_CUDA, WITH_NVCUVID, cudacodec
echo   -DCONFIGURE_ONLY=ON  -DFORCE=ON  -DJOBS=N  -DBUILD_ROOT=DIR  -DGSTREAMER_DIR=DIR
echo.
echo GStreamer: %%GSTREAMER_1_0_ROOT_MSVC_X86_64%% (set by GStreamer's MSVC installer), else
echo "%%ProgramFiles%%\gstreamer\1.0\msvc_x86_64" or "%%SystemDrive%%\gstreamer\1.0\msvc_x86_64".
echo Install both the runtime and the development MSVC x86_64 packages.
echo The last line printed on success is INSTALL_DIR=...; the app finds the DLLs when started with
echo   java -Ddualstream.opencv.bin=^<INSTALL_DIR^>\x64\vc17\bin -Dorg.bytedeco.javacpp.pathsFirst=true ...
exit /b 0
