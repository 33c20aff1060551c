#!/usr/bin/env bash
# Linux entry point for full OpenCV builds (profiles world, javacpp) and, for one command to learn,
# the plugin (passed on to build-plugin.sh). The work is done by the portable CMake driver
# build-opencv.cmake, which windows\build-opencv.cmd calls the same way.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
POM="$REPO/pom.xml"

usage() {
  cat <<'USAGE'
Usage: opencv-build/build-opencv.sh --profile world|javacpp|plugin [options]

Profiles:
  world     OpenCV + opencv_contrib as one library (BUILD_opencv_world=ON), GStreamer built in, the
            article's offline disables (xfeatures2d, wechat_qrcode, face). cmake/opencv-world.cmake
  javacpp   OpenCV <opencv.version of pom.xml> as per-module shared libraries named like bytedeco's
            (libopencv_core.so.410 ...), GStreamer built in; JavaCPP loads them instead of the jar's
            with -Dorg.bytedeco.javacpp.pathsFirst=true -Djava.library.path=<LIB_DIR>.
            cmake/opencv-javacpp.cmake
  plugin    OpenCV's standalone GStreamer plugin for the bytedeco jar: runs build-plugin.sh with the
            other options (see build-plugin.sh --help).

Options:
  --offline                no network: no source download; every configure-time download of
                           OpenCV/contrib is switched off or taken from the download cache
                           (cmake/opencv-offline.cmake); a missing file stops the configure
  --download-cache DIR     OpenCV's download cache, OPENCV_DOWNLOAD_PATH
                           (default opencv-build/downloads/opencv-cache)
  --keep ITEMS             offline: items whose files are in the cache, comma-separated
                           (ippicv,ade,ffmpeg,tbb,timvx,orbbec,nvidia_optical_flow,face,wechat_qrcode,xfeatures2d)
  --fill-download-cache DIR  online machine: configure only, so OpenCV downloads into DIR; copy DIR
                           to the offline machine and pass --download-cache DIR --keep ...
  --source-archive FILE    OpenCV source (opencv-<ver>.tar.gz/.zip or Debian's opencv_<ver>+dfsg.orig.tar.xz)
  --source-dir DIR         unpacked OpenCV source tree
  --contrib-archive FILE   contrib source (opencv_contrib-<ver>.tar.gz/.zip or opencv_<ver>+dfsg.orig-contrib.tar.xz)
  --contrib-dir DIR        unpacked opencv_contrib tree
  --modules LIST           BUILD_LIST, comma-separated (javacpp default: core,imgproc,imgcodecs,videoio)
  --cuda ARCH              WITH_CUDA, WITH_NVCUVID, cudacodec for compute capability ARCH (e.g. 8.6)
  --configure-only         stop after configure and print the summary lines that matter
  --build-root DIR         where cached build folders live (default ${XDG_CACHE_HOME:-~/.cache}/dualstream/opencv-build)
  --generator G            CMake generator (default Ninja when installed)
  --jobs N                 parallel compile jobs (default: all cores)
  --force                  configure again from an empty build folder
  -D NAME=VALUE            extra cmake argument for OpenCV's configure (repeatable)
  -h, --help               this text

Sources, first match wins: --source-dir/--contrib-dir; --source-archive/--contrib-archive;
opencv-build/sources/opencv-<ver> and opencv-build/contrib/opencv_contrib-<ver>; an archive in
opencv-build/downloads/; on Debian (not --offline): Debian's source package (both tarballs).

Last lines on success: INSTALL_DIR=... and LIB_DIR=... (configure only: BUILD_DIR=...).
Install what the build needs first: opencv-build/setup-opencv-deps.sh
USAGE
}

fail() { echo "[opencv] FAILED: $1${2:+ -- fix: $2}" >&2; exit 1; }

PROFILE=""
ARGS=()
EXTRA=()
PLUGIN_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --profile) PROFILE=${2:?--profile needs world, javacpp or plugin}; shift 2 ;;
    --profile=*) PROFILE=${1#*=}; shift ;;
    --offline) ARGS+=(-DOFFLINE=ON); PLUGIN_ARGS+=(--offline); shift ;;
    --download-cache) ARGS+=("-DDOWNLOAD_CACHE=${2:?--download-cache needs a folder}"); shift 2 ;;
    --keep) ARGS+=("-DOFFLINE_KEEP=${2//,/;}"); shift 2 ;;
    --fill-download-cache) ARGS+=(-DFILL_DOWNLOAD_CACHE=ON "-DDOWNLOAD_CACHE=${2:?--fill-download-cache needs a folder}"); shift 2 ;;
    --source-archive) ARGS+=("-DOPENCV_SOURCE_ARCHIVE=$(realpath -m "${2:?}")"); PLUGIN_ARGS+=(--source-archive "$2"); shift 2 ;;
    --source-dir) ARGS+=("-DOPENCV_SOURCE_DIR=$(realpath -m "${2:?}")"); PLUGIN_ARGS+=(--source-dir "$2"); shift 2 ;;
    --contrib-archive) ARGS+=("-DCONTRIB_SOURCE_ARCHIVE=$(realpath -m "${2:?}")"); shift 2 ;;
    --contrib-dir) ARGS+=("-DCONTRIB_SOURCE_DIR=$(realpath -m "${2:?}")"); shift 2 ;;
    --modules) ARGS+=("-DMODULES=${2:?--modules needs a list}"); shift 2 ;;
    --cuda) ARGS+=(-DCUDA=ON "-DCUDA_ARCH=${2:?--cuda needs the compute capability, e.g. 8.6}"); shift 2 ;;
    --configure-only) ARGS+=(-DCONFIGURE_ONLY=ON); shift ;;
    --build-root) ARGS+=("-DBUILD_ROOT=$(realpath -m "${2:?}")"); shift 2 ;;
    --generator) ARGS+=("-DGENERATOR=${2:?}"); PLUGIN_ARGS+=(--generator "$2"); shift 2 ;;
    --jobs) ARGS+=("-DJOBS=${2:?}"); shift 2 ;;
    --force) ARGS+=(-DFORCE=ON); PLUGIN_ARGS+=(--force); shift ;;
    -D) EXTRA+=("-D${2:?-D needs NAME=VALUE}"); shift 2 ;;
    -D*) EXTRA+=("$1"); shift ;;
    *) if [ "$PROFILE" = plugin ]; then PLUGIN_ARGS+=("$1"); shift; else fail "unknown option '$1'" "opencv-build/build-opencv.sh --help"; fi ;;
  esac
done

case "$PROFILE" in
  world|javacpp) ;;
  plugin) exec "$HERE/build-plugin.sh" ${PLUGIN_ARGS[@]+"${PLUGIN_ARGS[@]}"} ;;
  "") fail "no profile given" "opencv-build/build-opencv.sh --profile javacpp   (or world, plugin; --help)" ;;
  *) fail "unknown profile '$PROFILE'" "use --profile world, javacpp or plugin" ;;
esac

command -v cmake >/dev/null 2>&1 || fail "cmake not found" "opencv-build/setup-opencv-deps.sh"
[ -r "$POM" ] || fail "pom.xml not found at $POM"
OPENCV_VERSION=$(sed -n '/<properties>/,/<\/properties>/p' "$POM" |
  sed -n 's:.*<opencv.version>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</opencv.version>.*:\1:p' | head -n 1)
[ -n "$OPENCV_VERSION" ] || fail "could not read opencv.version from $POM"

if [ ${#EXTRA[@]} -gt 0 ]; then
  IFS=';'; ARGS+=("-DEXTRA_ARGS=${EXTRA[*]}"); unset IFS
fi
exec cmake -DPROFILE="$PROFILE" -DOPENCV_VERSION="$OPENCV_VERSION" ${ARGS[@]+"${ARGS[@]}"} -P "$HERE/build-opencv.cmake"
