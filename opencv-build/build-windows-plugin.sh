#!/usr/bin/env bash
# Cross-build OpenCV's GStreamer videoio plugin for Windows x64 on Debian with mingw-w64:
#   opencv-build/out/plugins/windows-x86_64/opencv_videoio_gstreamer<MAJOR><MINOR><PATCH>_64.dll
# for bytedeco's MSVC-built opencv_videoio<ver>.dll (the OpenCV version comes from pom.xml).
#
# The plugin interface between OpenCV and its plugins is plain C (extern "C" structs of function
# pointers), so a mingw DLL serves an MSVC host; the plugin carries its own static OpenCV core and
# imports only GStreamer's and GLib's DLLs under the names of the official MSVC runtime
# (gstreamer-1.0-0.dll, glib-2.0-0.dll, ...), plus KERNEL32.dll and msvcrt.dll.
#
# Inputs, all from Debian or from what the Linux plugin already uses:
#   - the OpenCV source tree (same source order as build-plugin.sh: archive, Debian's source package,
#     official archive with SHA-256; --source-archive / --source-dir for offline machines)
#   - GLib/GStreamer headers and export lists: Debian's -dev and runtime .debs (apt-get download),
#     glibconfig.h for Windows x64 written from GLib's source (opencv-build/windows/glibconfig-win64.sh)
#   - zlib's source for the static OpenCV core (Debian's zlib source package)
# Caches, outside the clone (DUALSTREAM_CACHE, default ~/.cache/dualstream), each keyed by a hash of
# its inputs: debian-src/ and debian-debs/ (downloads), win-gst-sdk-<hash>/ (headers, import
# libraries), mingw-opencv-core-<hash>/ (static opencv_core + zlib), win-plugin-<hash>/ (the DLL).
# A warm run only copies the cached DLL and checks it again.
#
# The DLL is checked before it is installed: it must import exactly the DLLs listed in
# ALLOWED_IMPORTS and export exactly the two plugin entry points, and carry no build-machine path.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
PLATFORM=windows-x86_64
MINGW=x86_64-w64-mingw32
CACHE=${DUALSTREAM_CACHE:-$HOME/.cache/dualstream}
JOBS=${DUALSTREAM_JOBS:-2}

usage() {
  cat <<EOF
Usage: opencv-build/build-windows-plugin.sh [options]

Cross-builds opencv_videoio_gstreamer<ver>_64.dll for windows-x86_64 with mingw-w64 (Debian).
Output: opencv-build/out/plugins/windows-x86_64/ (packed into the fat JAR by Maven).

Options:
  --source-archive FILE  OpenCV source archive (offline machines), as for build-plugin.sh
  --source-dir DIR       an unpacked OpenCV source tree of pom.xml's version
  --no-debian            do not try Debian's OpenCV source package
  --offline              download nothing: OpenCV source, .debs and Debian sources must be cached
  --force                rebuild the DLL (the cached OpenCV core and GStreamer SDK are kept)
  -h, --help             this text
Environment: DUALSTREAM_CACHE (default ~/.cache/dualstream), DUALSTREAM_JOBS (default 2).
EOF
}

SOURCE_ARGS=()
OFFLINE=0
FORCE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --source-archive|--source-dir) SOURCE_ARGS+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --source-archive=*|--source-dir=*|--no-debian) SOURCE_ARGS+=("$1"); shift ;;
    --offline) OFFLINE=1; SOURCE_ARGS+=("$1"); shift ;;
    --force) FORCE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-windows-plugin.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

STEPS=6
T0=$(date +%s)
step_t0=$T0
step() { step_t0=$(date +%s); echo "[win-plugin] step $1/$STEPS: $2"; }
done_step() { echo "[win-plugin] step $1/$STEPS: ... $2 ($(( $(date +%s) - step_t0 )) s)"; }
say() { echo "[win-plugin]   $*"; }
fail() { echo "[win-plugin] FAILED: $1${2:+ -- fix: $2}" >&2; exit 1; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo "
hash_of() { sha256sum | cut -c1-16; }   # stdin -> short key

# ---------------------------------------------------------------------------------------------
step 1 "tools"
TOOLS_FIX="${SUDO}apt-get install -y g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 mingw-w64-tools cmake ninja-build binutils bzip2 xz-utils"
CC=$MINGW-gcc-posix
CXX=$MINGW-g++-posix
for t in "$CC" "$CXX" "$MINGW-dlltool" "$MINGW-objdump" "$MINGW-ar" "$MINGW-ranlib" cmake ninja nm bzip2 xz dpkg-deb sha256sum; do
  command -v "$t" >/dev/null 2>&1 || fail "$t not found" "$TOOLS_FIX"
done
COMPILER_ID=$("$CXX" --version | head -n 1)
done_step 1 "$COMPILER_ID"

# ---------------------------------------------------------------------------------------------
step 2 "OpenCV source (build-plugin.sh --source-only: same source order as the Linux plugin)"
SRC_LOG=$(mktemp)
trap 'rm -f "$SRC_LOG"' EXIT
if ! "$HERE/build-plugin.sh" --platform "$PLATFORM" --source-only ${SOURCE_ARGS[@]+"${SOURCE_ARGS[@]}"} >"$SRC_LOG" 2>&1; then
  sed 's/^/    | /' "$SRC_LOG" | tail -n 15 >&2
  fail "obtaining the OpenCV source (see above)"
fi
sed -n 's/^-- \[plugin\] \(step [12]\/2: [a-z]*: .*\)/    \1/p' "$SRC_LOG"
TREE=$(sed -n 's/^-- \[plugin\] source tree: //p' "$SRC_LOG" | tail -n 1)
BYTEDECO_JAR=$(sed -n 's/^-- \[plugin\] jar: //p' "$SRC_LOG" | tail -n 1)
read -r OPENCV_VERSION JAVACPP_VERSION < <(sed -n 's/^-- \[plugin\] OpenCV \([0-9.]*\) \/ JavaCPP \([0-9.]*\) \/ .*/\1 \2/p' "$SRC_LOG" | tail -n 1)
[ -d "$TREE/modules/videoio/src" ] && [ -n "${OPENCV_VERSION:-}" ] && [ -f "$BYTEDECO_JAR" ] ||
  fail "build-plugin.sh --source-only did not report the source tree, versions and jar (log above)"
IFS=. read -r CV_MAJOR CV_MINOR CV_PATCH <<<"$OPENCV_VERSION"
DLL_NAME="opencv_videoio_gstreamer${CV_MAJOR}${CV_MINOR}${CV_PATCH}_64.dll"
HOST_DLL="opencv_videoio${CV_MAJOR}${CV_MINOR}${CV_PATCH}.dll"
cmake -E tar tf "$BYTEDECO_JAR" 2>/dev/null | grep -c "/$HOST_DLL\$" >/dev/null ||
  fail "$BYTEDECO_JAR has no $HOST_DLL (not the windows-x86_64 jar?)"
# content of what the static core is compiled from (not the unpack time), and of the plugin's own
# sources (videoio's src: cap_gstreamer.cpp and the keyframe gate it includes), kept apart so that a
# change to the plugin does not rebuild the core
SOURCE_KEY=$(cd "$TREE" && find CMakeLists.txt cmake include modules/core modules/videoio \
  modules/imgproc/include modules/imgcodecs/include -type f -not -path 'modules/videoio/src/*' -print0 |
  LC_ALL=C sort -z | xargs -0 sha256sum | hash_of)
VIDEOIO_SRC_KEY=$(cd "$TREE" && find modules/videoio/src -type f -print0 | LC_ALL=C sort -z |
  xargs -0 sha256sum | hash_of)
done_step 2 "OpenCV $OPENCV_VERSION in ${TREE#"$REPO"/} (content $SOURCE_KEY); host: $HOST_DLL in $(basename "$BYTEDECO_JAR")"

# ---------------------------------------------------------------------------------------------
# Debian inputs: a source package's orig tarball (cached in $CACHE/debian-src) and binary .debs
# (cached in $CACHE/debian-debs).
DEBSRC="$CACHE/debian-src"
DEBS="$CACHE/debian-debs"
mkdir -p "$DEBSRC" "$DEBS"
debian_suite() {  # this machine's Debian release (its packages' sources are there), e.g. bookworm
  ( . /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-bookworm}" ) || echo bookworm
}
debian_orig() {  # package upstream-version|any -> path of the orig tarball
  local pkg=$1 ver=$2 f prefix="${1}_${2}"
  [ "$ver" != any ] || prefix="${pkg}_"
  for f in "$DEBSRC/$prefix"*.orig.tar.*; do
    case "$f" in *'*'*|*.asc|*.orig-*) continue ;; esac
    printf '%s\n' "$f"; return 0
  done
  [ $OFFLINE = 0 ] || fail "Debian's $pkg source is not cached in $DEBSRC and --offline was given" \
    "run this script once with network, or copy ${pkg}_<version>.orig.tar.* into $DEBSRC"
  DEBIAN_SOURCE_PACKAGE=$pkg OPENCV_DEBIAN_SUITES=${DUALSTREAM_DEBIAN_SUITE:-$(debian_suite)} \
    bash "$HERE/fetch-debian-source.sh" "$ver" "$DEBSRC" "$DEBSRC/apt" 2>"$DEBSRC/$pkg.log" | tail -n 1 ||
    fail "downloading Debian's $pkg source (log: $DEBSRC/$pkg.log)" "${SUDO}apt-get update, then run this script again"
}
candidate_version() {  # package -> its installed version (the Linux plugin's headers), else apt's candidate
  local v
  v=$(dpkg-query -W -f='${Status} ${Version}\n' "$1" 2>/dev/null | sed -n 's/^install ok installed //p')
  [ -n "$v" ] || v=$(apt-cache show --no-all-versions "$1" 2>/dev/null | sed -n 's/^Version: //p' | head -n 1)
  printf '%s\n' "$v"
}
debian_deb() {  # package version -> path of the .deb
  local pkg=$1 ver=$2 f
  f=$(ls "$DEBS/${pkg}_${ver#*:}_"*.deb 2>/dev/null | head -n 1 || true)
  if [ -z "$f" ]; then
    [ $OFFLINE = 0 ] || fail "$pkg $ver is not cached in $DEBS and --offline was given" "run this script once with network"
    (cd "$DEBS" && apt-get -q download "$pkg=$ver" >/dev/null 2>"$DEBS/$pkg.log") ||
      fail "apt-get download $pkg=$ver (log: $DEBS/$pkg.log)" "${SUDO}apt-get update, then run this script again"
    f=$(ls "$DEBS/${pkg}_${ver#*:}_"*.deb | head -n 1)
  fi
  printf '%s\n' "$f"
}

# ---------------------------------------------------------------------------------------------
step 3 "GLib/GStreamer headers and import libraries for Windows"
# DLL of the official MSVC runtime <- Debian library whose exports it stands for
IMPORTS=(
  "gstreamer-1.0-0.dll:libgstreamer-1.0.so.0:libgstreamer1.0-0"
  "gstbase-1.0-0.dll:libgstbase-1.0.so.0:libgstreamer1.0-0"
  "gstapp-1.0-0.dll:libgstapp-1.0.so.0:libgstreamer-plugins-base1.0-0"
  "gstvideo-1.0-0.dll:libgstvideo-1.0.so.0:libgstreamer-plugins-base1.0-0"
  "gstaudio-1.0-0.dll:libgstaudio-1.0.so.0:libgstreamer-plugins-base1.0-0"
  "gstpbutils-1.0-0.dll:libgstpbutils-1.0.so.0:libgstreamer-plugins-base1.0-0"
  "gstriff-1.0-0.dll:libgstriff-1.0.so.0:libgstreamer-plugins-base1.0-0"
  "glib-2.0-0.dll:libglib-2.0.so.0:libglib2.0-0"
  "gobject-2.0-0.dll:libgobject-2.0.so.0:libglib2.0-0"
)
SDK_DEBS=(libglib2.0-0 libglib2.0-dev libgstreamer1.0-0 libgstreamer1.0-dev
          libgstreamer-plugins-base1.0-0 libgstreamer-plugins-base1.0-dev)
SDK_VERSIONS=()
for p in "${SDK_DEBS[@]}"; do
  v=$(candidate_version "$p")
  [ -n "$v" ] || fail "apt knows no package $p" "${SUDO}apt-get update"
  SDK_VERSIONS+=("$p=$v")
done
GLIB_UPSTREAM=$(v=${SDK_VERSIONS[1]#*=}; v=${v#*:}; echo "${v%%[-+~]*}")
SDK_KEY=$(printf '%s\n' "${SDK_VERSIONS[@]}" "${IMPORTS[@]}" "$(sha256sum < "$HERE/windows/glibconfig-win64.sh")" | hash_of)
SDK="$CACHE/win-gst-sdk-$SDK_KEY"
if [ -f "$SDK/.complete" ]; then
  done_step 3 "cached: $SDK"
else
  tmp="$SDK.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$tmp/deb-tree" "$tmp/include" "$tmp/lib" "$tmp/def"
  for pv in "${SDK_VERSIONS[@]}"; do
    deb=$(debian_deb "${pv%%=*}" "${pv#*=}") || exit 1   # (it said why)
    dpkg-deb -x "$deb" "$tmp/deb-tree"
  done
  cp -r "$tmp/deb-tree/usr/include/glib-2.0" "$tmp/deb-tree/usr/include/gstreamer-1.0" "$tmp/include/"
  glib_src=$(debian_orig glib2.0 "$GLIB_UPSTREAM")
  mkdir -p "$tmp/glib-src"
  tar -xf "$glib_src" -C "$tmp/glib-src" --strip-components=1 --wildcards '*/meson.build' '*/glib/glibconfig.h.in'
  bash "$HERE/windows/glibconfig-win64.sh" "$tmp/glib-src" "$tmp/include/glib-2.0/glibconfig.h" ||
    fail "writing glibconfig.h for Windows from $glib_src"
  for entry in "${IMPORTS[@]}"; do
    IFS=: read -r dll so _ <<<"$entry"
    base=${dll%-0.dll}; base=${base%.dll}
    lib=$(find "$tmp/deb-tree" -name "$so" | head -n 1)
    [ -n "$lib" ] || fail "$so is not in the downloaded .debs"
    { echo "LIBRARY \"$dll\""; echo "EXPORTS"
      # functions as they are; initialised data, bss and read-only data marked DATA
      nm -D --defined-only "$lib" | awk '$2 ~ /^[TtWiV]$/ { sub(/@.*/, "", $3); print "  " $3 }
                                         $2 ~ /^[DdBbRrGgSs]$/ { sub(/@.*/, "", $3); print "  " $3 " DATA" }' | LC_ALL=C sort -u
    } > "$tmp/def/$base.def"
    # named lib<name>.a so that a -static link still takes it
    "$MINGW-dlltool" -d "$tmp/def/$base.def" -D "$dll" -l "$tmp/lib/lib$base.a" ||
      fail "dlltool for $dll"
  done
  rm -rf "$tmp/deb-tree" "$tmp/glib-src"
  printf '%s\n' "${SDK_VERSIONS[@]}" > "$tmp/versions.txt"
  touch "$tmp/.complete"
  rm -rf "$SDK"; mv "$tmp" "$SDK"
  done_step 3 "headers of ${SDK_VERSIONS[*]}; ${#IMPORTS[@]} import libraries in $SDK"
fi

# ---------------------------------------------------------------------------------------------
step 4 "static OpenCV core and zlib with mingw-w64"
CORE_OPTIONS=(
  -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DBUILD_LIST=core
  -DCPU_BASELINE=SSE3 -DCPU_DISPATCH= -DBUILD_ZLIB=OFF -DBUILD_TESTS=OFF -DBUILD_PERF_TESTS=OFF
  -DBUILD_EXAMPLES=OFF -DBUILD_opencv_apps=OFF -DBUILD_JAVA=OFF -DBUILD_opencv_python3=OFF
  -DBUILD_DOCS=OFF -DBUILD_PACKAGE=OFF -DBUILD_WITH_STATIC_CRT=OFF -DOPENCV_GENERATE_PKGCONFIG=OFF
  -DWITH_IPP=OFF -DWITH_ITT=OFF -DWITH_OPENCL=OFF -DWITH_LAPACK=OFF -DWITH_EIGEN=OFF
  -DWITH_OPENMP=OFF -DWITH_TBB=OFF -DWITH_CUDA=OFF -DWITH_VA=OFF -DWITH_VA_INTEL=OFF
  -DWITH_DIRECTX=OFF -DWITH_OPENCL_D3D11_NV=OFF -DWITH_PROTOBUF=OFF -DWITH_ADE=OFF
  -DWITH_QUIRC=OFF -DWITH_FLATBUFFERS=OFF -DWITH_KLEIDICV=OFF -DWITH_HAL_RVV=OFF
  -DOPENCV_ENABLE_NONFREE=OFF -DENABLE_PRECOMPILED_HEADERS=OFF -DCV_TRACE=OFF
  # image codecs and video backends are configured even for BUILD_LIST=core (Debian's source has
  # no 3rdparty/ folder to build them from)
  -DWITH_JPEG=OFF -DWITH_PNG=OFF -DWITH_TIFF=OFF -DWITH_WEBP=OFF -DWITH_OPENJPEG=OFF -DWITH_JASPER=OFF
  -DWITH_OPENEXR=OFF -DWITH_IMGCODEC_HDR=OFF -DWITH_AVIF=OFF -DWITH_SPNG=OFF -DWITH_FFMPEG=OFF
  -DWITH_GSTREAMER=OFF -DWITH_MSMF=OFF -DWITH_DSHOW=OFF -DWITH_OBSENSOR=OFF -DWITH_WIN32UI=OFF
  -DWITH_1394=OFF -DWITH_V4L=OFF -DVIDEOIO_ENABLE_PLUGINS=OFF -DWITH_OPENVINO=OFF -DWITH_VTK=OFF
)
ZLIB_SRC=$(debian_orig zlib any)
ZLIB_SRC_NAME=$(basename "$ZLIB_SRC")
CORE_RECIPE=4   # bump when the steps below change what is built
CORE_KEY=$(printf '%s\n' "$CORE_RECIPE" "$SOURCE_KEY" "$COMPILER_ID" "$ZLIB_SRC_NAME" "${CORE_OPTIONS[@]}" \
  "$(cat "$REPO/cmake/mingw-w64-x86_64.cmake" "$HERE/windows/build-zlib.sh" | sha256sum)" | hash_of)
CORE="$CACHE/mingw-opencv-core-$CORE_KEY"
if [ -f "$CORE/.complete" ]; then
  done_step 4 "cached: $CORE"
else
  tmp="$CORE.tmp"
  rm -rf "$tmp"; mkdir -p "$tmp/build"
  "$HERE/windows/build-zlib.sh" "$DEBSRC/$ZLIB_SRC_NAME" "$tmp/zlib" || fail "building zlib with $CC"
  say "zlib: $tmp/zlib/lib/libz.a (from $ZLIB_SRC_NAME); configuring OpenCV core"
  # reproducible: CMake's timestamps follow SOURCE_DATE_EPOCH (here: the source's version.hpp); the
  # "version control" line is the version, not `git describe` of whatever repository holds the tree
  SOURCE_DATE_EPOCH=$(stat -c %Y "$TREE/modules/core/include/opencv2/core/version.hpp") \
  cmake -G Ninja -S "$TREE" -B "$tmp/build" "-DCMAKE_TOOLCHAIN_FILE=$REPO/cmake/mingw-w64-x86_64.cmake" \
    "${CORE_OPTIONS[@]}" "-DZLIB_LIBRARY=$tmp/zlib/lib/libz.a" "-DZLIB_INCLUDE_DIR=$tmp/zlib/include" \
    "-DCMAKE_CXX_FLAGS=-ffile-prefix-map=$TREE=opencv-$OPENCV_VERSION -ffile-prefix-map=$tmp=." \
    "-DCMAKE_C_FLAGS=-ffile-prefix-map=$TREE=opencv-$OPENCV_VERSION -ffile-prefix-map=$tmp=." \
    "-DOPENCV_VCSVERSION=$OPENCV_VERSION" "-DCMAKE_INSTALL_PREFIX=$tmp/install" >"$tmp/configure.log" 2>&1 || {
      tail -n 20 "$tmp/configure.log" | sed 's/^/    | /' >&2
      fail "configuring OpenCV core for mingw (log: $tmp/configure.log)" "$TOOLS_FIX"; }
  # generated text compiled into the core (getBuildInformation(), findDataFile()'s folders):
  # no build-machine paths or kernel version
  for gen in "$tmp/build/modules/core/version_string.inc" "$tmp/build/opencv_data_config.hpp"; do
    [ -f "$gen" ] || fail "OpenCV's configure wrote no $gen"
    sed -i -e "/OPENCV_DATA_BUILD_DIR_SEARCH_PATHS/{n;s|\"[^\"]*\"|\"opencv-$OPENCV_VERSION/\"|;}" -e "s|$TREE|opencv-$OPENCV_VERSION|g" \
           -e "s|$tmp|.|g" -e "s|$CACHE|<cache>|g" -e "s|$HOME|~|g" \
           -e 's|\(Host: *\)[^"\\]*|\1(cross build on Debian)|' "$gen"
  done
  say "configured in $(( $(date +%s) - step_t0 )) s; building opencv_core with $JOBS jobs"
  ninja -C "$tmp/build" -j "$JOBS" opencv_core >"$tmp/build.log" 2>&1 || {
    grep -m 5 -B2 -A6 'error' "$tmp/build.log" | sed 's/^/    | /' >&2
    fail "building OpenCV core for mingw (log: $tmp/build.log)"; }
  mkdir -p "$tmp/lib" "$tmp/include/opencv2"
  find "$tmp/build" -name "libopencv_core*.a" -exec cp {} "$tmp/lib/" \;
  cp "$tmp/zlib/lib/libz.a" "$tmp/lib/"
  # generated headers the plugin's sources include (cvconfig.h, cv_cpu_config.h, opencv_modules.hpp, ...)
  cp "$tmp/build"/*.h "$tmp/build"/*.hpp "$tmp/include/" 2>/dev/null || true
  cp "$tmp/build/opencv2/"*.hpp "$tmp/include/opencv2/"
  ls "$tmp/lib"/libopencv_core*.a >/dev/null 2>&1 || fail "the OpenCV core build produced no libopencv_core*.a (log: $tmp/build.log)"
  rm -rf "$tmp/build" "$tmp/zlib"
  touch "$tmp/.complete"
  rm -rf "$CORE"; mv "$tmp" "$CORE"
  done_step 4 "$(ls "$CORE/lib" | tr '\n' ' ')in $CORE"
fi

# ---------------------------------------------------------------------------------------------
step 5 "compile and link $DLL_NAME"
CXXFLAGS=(
  -std=c++11 -O2 -DNDEBUG -DBUILD_PLUGIN=1 -msse3 -fvisibility=hidden -fvisibility-inlines-hidden
  -ffunction-sections -fdata-sections
  "-ffile-prefix-map=$TREE=opencv-$OPENCV_VERSION" "-ffile-prefix-map=$SDK=gstreamer-sdk" "-ffile-prefix-map=$CORE=opencv-core"
)
PLUGIN_SOURCES=(modules/videoio/src/cap_gstreamer.cpp modules/videoio/src/videoio_c.cpp)
LDFLAGS=(-shared -static -static-libgcc -static-libstdc++ -s
         -Wl,--gc-sections,--exclude-libs,ALL,--no-insert-timestamp,--disable-auto-image-base)
LIBS=(-lopencv_core${CV_MAJOR}${CV_MINOR}${CV_PATCH} -lz -lgstapp-1.0 -lgstriff-1.0 -lgstpbutils-1.0
      -lgstvideo-1.0 -lgstaudio-1.0 -lgstbase-1.0 -lgstreamer-1.0 -lgobject-2.0 -lglib-2.0)
PLUGIN_KEY=$(printf '%s\n' "$CORE_KEY" "$VIDEOIO_SRC_KEY" "$SDK_KEY" "$COMPILER_ID" "${CXXFLAGS[@]}" "${LDFLAGS[@]}" "${LIBS[@]}" \
  "${PLUGIN_SOURCES[@]}" | hash_of)
CACHED="$CACHE/win-plugin-$PLUGIN_KEY"
OUT_DIR="$HERE/out/plugins/$PLATFORM"
if [ -f "$CACHED/$DLL_NAME" ] && [ $FORCE = 0 ]; then
  done_step 5 "cached: $CACHED/$DLL_NAME"
else
  work="$HERE/build/$PLATFORM-mingw"
  rm -rf "$work"; mkdir -p "$work"
  INCLUDES=(-I"$CORE/include" -I"$TREE/modules/core/include" -I"$TREE/modules/videoio/include"
            -I"$TREE/modules/imgproc/include" -I"$TREE/modules/imgcodecs/include" -I"$TREE/modules/videoio/src"
            -I"$SDK/include/gstreamer-1.0" -I"$SDK/include/glib-2.0")
  objs=()
  for s in "${PLUGIN_SOURCES[@]}"; do
    o="$work/$(basename "$s" .cpp).o"
    "$CXX" "${CXXFLAGS[@]}" "${INCLUDES[@]}" -c "$TREE/$s" -o "$o" 2>"$work/compile.log" || {
      grep -m 10 -A4 'error' "$work/compile.log" | sed 's/^/    | /' >&2
      fail "compiling $s (log: $work/compile.log)"; }
    objs+=("$o")
  done
  "$CXX" "${LDFLAGS[@]}" -o "$work/$DLL_NAME" "${objs[@]}" -L"$CORE/lib" -L"$SDK/lib" "${LIBS[@]}" 2>"$work/link.log" || {
    head -n 20 "$work/link.log" | sed 's/^/    | /' >&2
    fail "linking $DLL_NAME (log: $work/link.log)"; }
  mkdir -p "$CACHED.tmp.$$"
  cp "$work/$DLL_NAME" "$CACHED.tmp.$$/"
  rm -rf "$CACHED"; mv "$CACHED.tmp.$$" "$CACHED"
  done_step 5 "$(stat -c %s "$CACHED/$DLL_NAME") bytes"
fi

# ---------------------------------------------------------------------------------------------
step 6 "check imports and exports, install"
DLL="$CACHED/$DLL_NAME"
ALLOWED_IMPORTS=$(printf '%s\n' "${IMPORTS[@]%%:*}" KERNEL32.dll msvcrt.dll | LC_ALL=C sort)
PE=$("$MINGW-objdump" -p "$DLL")
IMPORTED=$(sed -n 's/^[[:space:]]*DLL Name: //p' <<<"$PE" | LC_ALL=C sort -u)
if [ "$IMPORTED" != "$ALLOWED_IMPORTS" ]; then
  fail "$DLL_NAME imports [$(echo $IMPORTED)], expected exactly [$(echo $ALLOWED_IMPORTS)]" \
       "read the link flags in opencv-build/build-windows-plugin.sh (a new DLL dependency must be shipped and allowed on purpose)"
fi
EXPORTED=$(awk '/\[Ordinal\/Name Pointer\] Table/ {t = 1; next} t && /^[[:space:]]*\[/ {print $NF; next} t {t = 0}' <<<"$PE" | LC_ALL=C sort)
EXPECTED_EXPORTS=$(printf '%s\n' opencv_videoio_capture_plugin_init_v1 opencv_videoio_writer_plugin_init_v1)
[ "$EXPORTED" = "$EXPECTED_EXPORTS" ] ||
  fail "$DLL_NAME exports [$(echo $EXPORTED)], expected exactly [$(echo $EXPECTED_EXPORTS)]" "check -fvisibility/--exclude-libs in this script"
grep -q "^Magic[[:space:]]*020b" <<<"$PE" || fail "$DLL_NAME is not a PE32+ (x64) DLL"
for p in "$REPO" "$CACHE" "$HOME"; do
  if grep -qaF "$p" "$DLL"; then fail "$DLL_NAME contains the build-machine path $p" "add a -ffile-prefix-map for it"; fi
done
mkdir -p "$OUT_DIR"
if ! cmp -s "$DLL" "$OUT_DIR/$DLL_NAME"; then   # unchanged: keep its time, so the jar is not rebuilt
  cp "$DLL" "$OUT_DIR/.$DLL_NAME.part"
  mv "$OUT_DIR/.$DLL_NAME.part" "$OUT_DIR/$DLL_NAME"
fi
SHA=$(sha256sum "$OUT_DIR/$DLL_NAME" | cut -d' ' -f1)
done_step 6 "imports: $(echo $IMPORTED); exports: $(echo $EXPORTED)"
say "sha256 $SHA"
echo "[win-plugin] done in $(( $(date +%s) - T0 )) s: ${OUT_DIR#"$REPO"/}/$DLL_NAME"
