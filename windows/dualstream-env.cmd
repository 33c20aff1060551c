@echo off
rem Shared by check.cmd, run.cmd and install-service.cmd (call it, do not run it alone): finds dualstream.jar and a
rem Java 17+ "java.exe", and sets DUALSTREAM_JAR. Exit code 1 with one line saying what to install.
rem The jar: %DUALSTREAM_JAR% if set, else dualstream.jar next to these scripts, else ..\target\dualstream.jar.
if defined DUALSTREAM_JAR if exist "%DUALSTREAM_JAR%" goto have_jar
set "DUALSTREAM_JAR=%~dp0dualstream.jar"
if exist "%DUALSTREAM_JAR%" goto have_jar
set "DUALSTREAM_JAR=%~dp0..\target\dualstream.jar"
if exist "%DUALSTREAM_JAR%" goto have_jar
echo [dualstream] FAILED: dualstream.jar not found (looked in %%DUALSTREAM_JAR%%, %~dp0 and %~dp0..\target) -- fix: copy dualstream.jar next to this script or set DUALSTREAM_JAR to its full path
exit /b 1
:have_jar
rem "java -version" prints e.g.: openjdk version "17.0.12" 2024-07-16 (on stderr)
set "DUALSTREAM_JAVA_VERSION="
set "DUALSTREAM_JAVA_MAJOR="
for /f "tokens=3" %%v in ('java -version 2^>^&1 ^| findstr /i /c:" version "') do if not defined DUALSTREAM_JAVA_VERSION set "DUALSTREAM_JAVA_VERSION=%%~v"
for /f "delims=." %%m in ("%DUALSTREAM_JAVA_VERSION%") do set "DUALSTREAM_JAVA_MAJOR=%%m"
if "%DUALSTREAM_JAVA_MAJOR%"=="" goto no_java
rem digits only, else what was read is not a version (e.g. the shell's "not recognized" message)
rem ("x" first: an emptied variable would make the next substitution expand to its own text)
set "DUALSTREAM_REST=x%DUALSTREAM_JAVA_MAJOR%"
for %%d in (0 1 2 3 4 5 6 7 8 9) do call set "DUALSTREAM_REST=%%DUALSTREAM_REST:%%d=%%"
if not "%DUALSTREAM_REST%"=="x" goto no_java
if %DUALSTREAM_JAVA_MAJOR% LSS 17 goto old_java
exit /b 0
:no_java
echo [dualstream] FAILED: java not found on PATH (java -version gave no version) -- fix: install a Java 17 x64 runtime (e.g. Eclipse Temurin 17 JRE, .msi with "Add to PATH"), then open a new window
exit /b 1
:old_java
echo [dualstream] FAILED: java on PATH is version %DUALSTREAM_JAVA_VERSION%, Java 17 or newer is needed -- fix: install a Java 17 x64 runtime (e.g. Eclipse Temurin 17 JRE) and put it first on PATH
exit /b 1
