@echo off
rem First run on an inspection PC: checks Java 17+ and GStreamer's MSVC x86_64 runtime, then runs
rem `java -jar dualstream.jar doctor` (places OpenCV's GStreamer plugin from the jar, opens a test
rem pipeline through it, and reports GStreamer's folder, version and hardware decoders).
rem   windows\check.cmd [doctor options, e.g. --config inspection.yaml]
setlocal
call "%~dp0dualstream-env.cmd"
if errorlevel 1 exit /b 1
echo [check] java %DUALSTREAM_JAVA_VERSION%, jar %DUALSTREAM_JAR%
call "%~dp0dualstream-gstreamer.cmd" [check]
if errorlevel 1 exit /b 1
echo [check] GStreamer found in %DUALSTREAM_GST_ROOT%; running doctor
java %DUALSTREAM_JAVA_OPTS% -jar "%DUALSTREAM_JAR%" doctor %*
exit /b %errorlevel%
