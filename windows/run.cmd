@echo off
rem Runs DualStream on Windows: java -jar dualstream.jar with the arguments given, e.g.
rem   windows\run.cmd run --config inspection.yaml
rem JVM options: set DUALSTREAM_JAVA_OPTS (e.g. -Xmx2g). First time on a PC: windows\check.cmd.
setlocal
call "%~dp0dualstream-env.cmd"
if errorlevel 1 exit /b 1
java %DUALSTREAM_JAVA_OPTS% -jar "%DUALSTREAM_JAR%" %*
exit /b %errorlevel%
