#!/usr/bin/env bash
# Linux entry point: build OpenCV's GStreamer videoio plugin for the bytedeco OpenCV jar in pom.xml.
# The work itself is done by the portable CMake driver next to this file (build-plugin.cmake).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
POM="$REPO/pom.xml"

usage() {
  cat <<EOF
Usage: opencv-build/build-plugin.sh [options]

Builds OpenCV's standalone GStreamer videoio plugin (modules/videoio/misc/plugin_gstreamer) for the
OpenCV / JavaCPP versions in pom.xml (properties opencv.version, javacpp.version), against the
headers and CMake package inside the bytedeco jar org.bytedeco:opencv:<opencv>-<javacpp>:<platform>.

Output: opencv-build/out/plugins/<platform>/libopencv_videoio_gstreamer.so
        (packed by Maven into the fat JAR as io/dualstream/natives/<platform>/)

Options:
  --source-archive FILE  OpenCV source archive to use (offline servers): the official
                         opencv-<ver>.tar.gz / .zip (GitHub: archive/refs/tags/<ver>.tar.gz) or
                         Debian's opencv_<ver>+dfsg.orig.tar.xz. Env: OPENCV_SOURCE_ARCHIVE.
  --source-dir DIR       an already unpacked OpenCV source tree of the same version.
                         Env: OPENCV_SOURCE_DIR.
  --sha256 HEX           expected SHA-256 of the official archive when its version is not in the
                         driver's table of known hashes. Env: OPENCV_SOURCE_SHA256.
  --source-url URL       where to download the official archive from (a mirror of
                         archive/refs/tags/<ver>.tar.gz; default: GitHub). Env: OPENCV_SOURCE_URL.
  --jar FILE             the bytedeco platform jar (default: found in the local Maven repository,
                         else fetched with mvn dependency:copy into opencv-build/downloads).
  --platform P           linux-x86_64 (default, from uname -m)
  --generator G          CMake generator for the plugin build (default: CMake's default).
  --no-debian            do not try Debian's source package.
  --offline              do not download anything (archive, source dir or cached files only).
  --force                rebuild even if the output is up to date.
  --source-only          only obtain and unpack the OpenCV source (any --platform, on any host);
                         prints "source tree: DIR" (used by build-windows-plugin.sh).
  -h, --help             this text.

Where the OpenCV source comes from, first match wins:
  1. --source-dir DIR
  2. --source-archive FILE                (an error if FILE does not exist)
  3. opencv-build/sources/opencv-<ver>    (unpacked by an earlier run)
  4. an archive already in opencv-build/downloads/
  5. Debian's source package opencv=<ver>+dfsg-*: on Debian hosts, through a private deb-src
     entry (suite: \$OPENCV_DEBIAN_SUITES, default trixie) on this machine's own Debian mirror;
     the system's apt configuration is not touched
  6. the official release archive from GitHub, checked against a known SHA-256

Offline server: copy opencv-<ver>.tar.gz (or opencv_<ver>+dfsg.orig.tar.xz) over, then
  opencv-build/build-plugin.sh --source-archive /path/to/opencv-<ver>.tar.gz
EOF
}

SOURCE_ARCHIVE=${OPENCV_SOURCE_ARCHIVE:-}
SOURCE_DIR=${OPENCV_SOURCE_DIR:-}
SOURCE_SHA256=${OPENCV_SOURCE_SHA256:-}
SOURCE_URL=${OPENCV_SOURCE_URL:-}
JAR=""
PLATFORM=""
GENERATOR=""
FORCE=OFF
SOURCE_ONLY=OFF
DEBIAN=ON
DOWNLOAD=ON
while [ $# -gt 0 ]; do
  case "$1" in
    --source-archive) SOURCE_ARCHIVE=${2:?--source-archive needs a file}; shift 2 ;;
    --source-archive=*) SOURCE_ARCHIVE=${1#*=}; shift ;;
    --source-dir) SOURCE_DIR=${2:?--source-dir needs a folder}; shift 2 ;;
    --source-dir=*) SOURCE_DIR=${1#*=}; shift ;;
    --sha256) SOURCE_SHA256=${2:?--sha256 needs a value}; shift 2 ;;
    --sha256=*) SOURCE_SHA256=${1#*=}; shift ;;
    --source-url) SOURCE_URL=${2:?--source-url needs a URL}; shift 2 ;;
    --source-url=*) SOURCE_URL=${1#*=}; shift ;;
    --jar) JAR=${2:?--jar needs a file}; shift 2 ;;
    --jar=*) JAR=${1#*=}; shift ;;
    --platform) PLATFORM=${2:?--platform needs a value}; shift 2 ;;
    --platform=*) PLATFORM=${1#*=}; shift ;;
    --generator) GENERATOR=${2:?--generator needs a value}; shift 2 ;;
    --generator=*) GENERATOR=${1#*=}; shift ;;
    --no-debian) DEBIAN=OFF; shift ;;
    --offline) DEBIAN=OFF; DOWNLOAD=OFF; shift ;;
    --force) FORCE=ON; shift ;;
    --source-only) SOURCE_ONLY=ON; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-plugin.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "[build-plugin] FAILED: $1${2:+ -- fix: $2}" >&2; exit 1; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo "

command -v cmake >/dev/null 2>&1 || fail "cmake not found" "${SUDO}apt-get install -y cmake"

# --- versions from pom.xml (the <properties> block) ------------------------------------------
[ -r "$POM" ] || fail "pom.xml not found at $POM"
pom_property() {
  sed -n '/<properties>/,/<\/properties>/p' "$POM" |
    sed -n "s:.*<$1>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</$1>.*:\1:p" | head -n 1
}
OPENCV_VERSION=$(pom_property opencv.version)
JAVACPP_VERSION=$(pom_property javacpp.version)
if [[ ! "$OPENCV_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ || ! "$JAVACPP_VERSION" =~ ^[0-9][0-9.]*$ ]]; then
  # not literal values: let Maven evaluate them
  command -v mvn >/dev/null 2>&1 || fail "cannot read opencv.version/javacpp.version from $POM and mvn is missing" "${SUDO}apt-get install -y maven"
  OPENCV_VERSION=$(cd "$REPO" && mvn -N -q help:evaluate -Dexpression=opencv.version -DforceStdout)
  JAVACPP_VERSION=$(cd "$REPO" && mvn -N -q help:evaluate -Dexpression=javacpp.version -DforceStdout)
fi
[ -n "$OPENCV_VERSION" ] && [ -n "$JAVACPP_VERSION" ] || fail "could not read the versions from $POM"

# --- platform --------------------------------------------------------------------------------
if [ -z "$PLATFORM" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) PLATFORM=linux-x86_64 ;;
    Linux-aarch64) PLATFORM=linux-arm64 ;;
    *) fail "unsupported host $(uname -s)-$(uname -m)" ;;
  esac
fi

# --- the bytedeco platform jar ---------------------------------------------------------------
TAG="$OPENCV_VERSION-$JAVACPP_VERSION"
JAR_NAME="opencv-$TAG-$PLATFORM.jar"
if [ -z "$JAR" ]; then
  for d in "${MAVEN_REPO_LOCAL:-}" "$HOME/.m2/repository"; do
    [ -n "$d" ] || continue
    if [ -f "$d/org/bytedeco/opencv/$TAG/$JAR_NAME" ]; then JAR="$d/org/bytedeco/opencv/$TAG/$JAR_NAME"; break; fi
  done
fi
if [ -z "$JAR" ] && [ -f "$HERE/downloads/$JAR_NAME" ]; then
  JAR="$HERE/downloads/$JAR_NAME"
fi
if [ -z "$JAR" ]; then
  command -v mvn >/dev/null 2>&1 || fail "$JAR_NAME not in the local Maven repository and mvn is missing" "${SUDO}apt-get install -y maven"
  echo "[build-plugin] fetching org.bytedeco:opencv:$TAG:jar:$PLATFORM with Maven"
  (cd "$REPO" && mvn -N -B -q dependency:copy "-Dartifact=org.bytedeco:opencv:$TAG:jar:$PLATFORM" \
      "-DoutputDirectory=$HERE/downloads") ||
    fail "mvn dependency:copy of org.bytedeco:opencv:$TAG:jar:$PLATFORM" \
         "mvn -N -B dependency:copy -Dartifact=org.bytedeco:opencv:$TAG:jar:$PLATFORM -DoutputDirectory=opencv-build/downloads"
  JAR="$HERE/downloads/$JAR_NAME"
  [ -f "$JAR" ] || fail "Maven did not deliver $JAR"
fi

abspath() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }

ARGS=(
  "-DOPENCV_VERSION=$OPENCV_VERSION"
  "-DJAVACPP_VERSION=$JAVACPP_VERSION"
  "-DBYTEDECO_JAR=$(abspath "$JAR")"
  "-DPLATFORM=$PLATFORM"
  "-DFORCE=$FORCE"
  "-DSOURCE_ONLY=$SOURCE_ONLY"
  "-DOPENCV_SOURCE_DEBIAN=$DEBIAN"
  "-DOPENCV_SOURCE_DOWNLOAD=$DOWNLOAD"
)
[ -n "$SOURCE_ARCHIVE" ] && ARGS+=("-DOPENCV_SOURCE_ARCHIVE=$(abspath "$SOURCE_ARCHIVE")")
[ -n "$SOURCE_DIR" ] && ARGS+=("-DOPENCV_SOURCE_DIR=$(abspath "$SOURCE_DIR")")
[ -n "$SOURCE_SHA256" ] && ARGS+=("-DOPENCV_SOURCE_SHA256=$SOURCE_SHA256")
[ -n "$SOURCE_URL" ] && ARGS+=("-DOPENCV_SOURCE_URL=$SOURCE_URL")
[ -n "$GENERATOR" ] && ARGS+=("-DGENERATOR=$GENERATOR")

exec cmake "${ARGS[@]}" -P "$HERE/build-plugin.cmake"
