#!/usr/bin/env bash
# One-stop setup on Debian/Ubuntu (README quick start, CI):
#   1. system packages (GStreamer runtime + plugins, RTSP server bindings for tests, GStreamer dev
#      files, cmake, g++, make, xz-utils, dpkg-dev)
#   2. JDK 17 + Maven, only when java/mvn are missing or java is older than 17
#   3. the OpenCV GStreamer plugin (opencv-build/build-plugin.sh; options are passed through,
#      e.g. --source-archive FILE on offline servers)
#   4. the same plugin for Windows x64, cross-built with mingw-w64
#      (opencv-build/build-windows-plugin.sh; cached in ~/.cache/dualstream; --skip-windows skips it)
#   5. mvn -B -q -DskipTests package  ->  target/dualstream.jar (both plugins inside)
# Idempotent: a second run installs nothing, finds the plugin up to date and skips Maven when
# target/dualstream.jar is newer than its inputs. Non-interactive (works without stdin).
#
# Usage: opencv-build/setup-debian.sh [--skip-packages] [--skip-windows] [--skip-jar] [build-plugin.sh options...]
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)

SKIP_PACKAGES=0
SKIP_JAR=0
SKIP_WINDOWS=0
PLUGIN_ARGS=()
WINDOWS_ARGS=()
for a in "$@"; do
  case "$a" in
    --skip-packages) SKIP_PACKAGES=1 ;;
    --skip-jar) SKIP_JAR=1 ;;
    --skip-windows) SKIP_WINDOWS=1 ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) PLUGIN_ARGS+=("$a") ;;
  esac
done

# the source options also apply to the Windows build (same OpenCV source)
prev=""
for a in ${PLUGIN_ARGS[@]+"${PLUGIN_ARGS[@]}"}; do
  case "$prev" in --source-archive|--source-dir) WINDOWS_ARGS+=("$prev" "$a") ;; esac
  case "$a" in --source-archive=*|--source-dir=*|--no-debian|--offline) WINDOWS_ARGS+=("$a") ;; esac
  prev=$a
done

STEPS=5
T0=$(date +%s)
step_t0=$T0
step() { step_t0=$(date +%s); echo "[setup] step $1/$STEPS: $2"; }
done_step() { echo "[setup]   ... $1 ($(( $(date +%s) - step_t0 )) s)"; }
fail() { echo "[setup] FAILED: $1${2:+ -- fix: $2}" >&2; exit 1; }

SUDO=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "not root and sudo is missing" "run this script as root"
  SUDO=(sudo -n env DEBIAN_FRONTEND=noninteractive)
fi
apt_install() {  # packages...
  "${SUDO[@]}" apt-get -q update || fail "apt-get update" "check the machine's apt sources and network"
  "${SUDO[@]}" apt-get -q -y install --no-install-recommends "$@" </dev/null ||
    fail "apt-get install $*" "${SUDO[*]:+sudo }apt-get install -y $*"
}
missing_packages() {  # prints the packages of "$@" that are not installed
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || printf '%s\n' "$p"
  done
}

# ---------------------------------------------------------------------------------------------
step 1 "system packages"
PACKAGES=(
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-plugins-ugly gstreamer1.0-libav gir1.2-gst-rtsp-server-1.0 python3-gi
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev cmake g++ make xz-utils dpkg-dev
  mosquitto mosquitto-clients curl openssl
)
# mosquitto: the MQTT broker the station tests start on 127.0.0.1 (their own process and port; a
# mosquitto service the package may start is left alone; openssl makes their TLS certificates);
# mosquitto_sub and curl for config/try-events.sh.
# the Windows plugin's cross build
[ $SKIP_WINDOWS = 1 ] || PACKAGES+=(g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 mingw-w64-tools ninja-build bzip2)
if [ $SKIP_PACKAGES = 1 ]; then
  done_step "skipped (--skip-packages)"
else
  command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: this script is for Debian/Ubuntu" "install the packages listed in opencv-build/README.md by hand"
  mapfile -t MISSING < <(missing_packages "${PACKAGES[@]}")
  if [ ${#MISSING[@]} -eq 0 ]; then
    done_step "all ${#PACKAGES[@]} packages already installed"
  else
    echo "[setup]   installing: ${MISSING[*]}"
    apt_install "${MISSING[@]}"
    done_step "installed ${#MISSING[@]} package(s)"
  fi
fi

# ---------------------------------------------------------------------------------------------
step 2 "JDK 17+ and Maven"
java_major() {
  command -v java >/dev/null 2>&1 || { echo 0; return; }
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' |
    sed 's/^1\.//; s/\..*//' | head -n 1
}
JAVA_MAJOR=$(java_major); JAVA_MAJOR=${JAVA_MAJOR:-0}
NEED=()
if [ "$JAVA_MAJOR" -lt 17 ] || ! command -v javac >/dev/null 2>&1; then NEED+=(openjdk-17-jdk-headless); fi
command -v mvn >/dev/null 2>&1 || NEED+=(maven)
if [ ${#NEED[@]} -eq 0 ]; then
  done_step "java $JAVA_MAJOR and $(mvn -B -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g; s/ (.*//') already there"
elif [ $SKIP_PACKAGES = 1 ]; then
  fail "missing: ${NEED[*]} (java major version found: $JAVA_MAJOR)" "${SUDO[*]:+sudo }apt-get install -y ${NEED[*]}"
else
  echo "[setup]   installing: ${NEED[*]} (java major version found: $JAVA_MAJOR)"
  apt_install "${NEED[@]}"
  if [ "$(java_major)" -lt 17 ] 2>/dev/null && [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
    export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
    export PATH="$JAVA_HOME/bin:$PATH"
    echo "[setup]   an older java is first on PATH; using JAVA_HOME=$JAVA_HOME for this run"
  fi
  done_step "installed"
fi

# ---------------------------------------------------------------------------------------------
step 3 "OpenCV GStreamer plugin (opencv-build/build-plugin.sh ${PLUGIN_ARGS[*]-})"
"$HERE/build-plugin.sh" ${PLUGIN_ARGS[@]+"${PLUGIN_ARGS[@]}"} </dev/null || fail "building the plugin (see above)"
done_step "ok"

# ---------------------------------------------------------------------------------------------
step 4 "OpenCV GStreamer plugin for Windows x64 (opencv-build/build-windows-plugin.sh ${WINDOWS_ARGS[*]-})"
if [ $SKIP_WINDOWS = 1 ]; then
  done_step "skipped (--skip-windows): the jar carries no Windows plugin built now"
else
  "$HERE/build-windows-plugin.sh" ${WINDOWS_ARGS[@]+"${WINDOWS_ARGS[@]}"} </dev/null || fail "building the Windows plugin (see above)" "fix it, or run with --skip-windows for a Linux-only jar"
  done_step "ok"
fi

# ---------------------------------------------------------------------------------------------
step 5 "mvn -B -q -DskipTests package (target/dualstream.jar)"
JAR="$REPO/target/dualstream.jar"
if [ $SKIP_JAR = 1 ]; then
  done_step "skipped (--skip-jar)"
elif [ -f "$JAR" ] && [ -z "$(cd "$REPO" && find pom.xml .mvn src opencv-build/out/plugins -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  done_step "target/dualstream.jar is newer than pom.xml, .mvn/, src/ and the plugin: skipped"
else
  # (Debian's Maven 3.8 prints bare colour-reset codes even in batch mode: strip them)
  (cd "$REPO" && mvn -B -q -DskipTests package </dev/null 2>&1 | sed 's/\x1b\[[0-9;]*m//g') || fail "mvn package" "cd $REPO && mvn -B -DskipTests package   (and read the error)"
  [ -f "$JAR" ] || fail "mvn package did not produce target/dualstream.jar"
  done_step "$(du -h "$JAR" | cut -f1) target/dualstream.jar"
fi

echo "[setup] done in $(( $(date +%s) - T0 )) s"
