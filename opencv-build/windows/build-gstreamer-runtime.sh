#!/usr/bin/env bash
# Cross-build a small Windows x64 GStreamer runtime from Debian's sources with mingw-w64 and meson,
# for the Wine tests of the Windows plugin (not shipped): GLib, GStreamer core (coreelements),
# gst-plugins-base (app, videotestsrc, videoconvertscale, the libraries the plugin imports) and from
# gst-plugins-good what an RTSP client needs without a decoder (rtsp, rtp, rtpmanager, udp).
# Its DLLs carry the names of the official MSVC runtime (glib-2.0-0.dll, gstreamer-1.0-0.dll, ...,
# no "lib" prefix) in its bin/ folder, plugins in lib/gstreamer-1.0/, the official layout.
#
#   build-gstreamer-runtime.sh            prints the runtime's root folder (last line)
# Cached in $DUALSTREAM_CACHE/win-gst-runtime-<hash of sources, options, this script>.
# Needs: meson ninja-build pkg-config flex bison g++-mingw-w64-x86-64-posix python3 (and network once
# for Debian's source packages, cached in $DUALSTREAM_CACHE/debian-src).
# An interrupted build resumes: each finished step leaves a stamp in the work folder (same hash).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_DIR=$(cd "$HERE/.." && pwd)
CACHE=${DUALSTREAM_CACHE:-$HOME/.cache/dualstream}
JOBS=${DUALSTREAM_JOBS:-2}
MINGW=x86_64-w64-mingw32
SUITE=${DUALSTREAM_DEBIAN_SUITE:-bookworm}
DEBSRC="$CACHE/debian-src"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo "

T0=$(date +%s)
STEPS=7
step_t0=$T0
step() { step_t0=$(date +%s); echo "[win-gst] step $1/$STEPS: $2" >&2; }
done_step() { echo "[win-gst] step $1/$STEPS: ... $2 ($(( $(date +%s) - step_t0 )) s)" >&2; }
fail() { echo "[win-gst] FAILED: $1${2:+ -- fix: $2}" >&2; exit 1; }

for t in meson ninja pkg-config flex bison glib-mkenums python3 "$MINGW-gcc-posix" "$MINGW-objdump" "$MINGW-ar" tar xz; do
  command -v "$t" >/dev/null 2>&1 ||
    fail "$t not found" "${SUDO}apt-get install -y meson ninja-build pkg-config flex bison libglib2.0-dev-bin python3 g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 xz-utils"
done

# Debian source packages -> orig tarball
PACKAGES=(zlib pcre2 libffi glib2.0 gstreamer1.0 gst-plugins-base1.0 gst-plugins-good1.0)
declare -A TARBALL
mkdir -p "$DEBSRC"
for p in "${PACKAGES[@]}"; do
  f=$(ls "$DEBSRC/${p}_"*.orig.tar.* 2>/dev/null | grep -v -e '\.asc$' -e '\.orig-' | sort -V | tail -n 1 || true)
  if [ -z "$f" ]; then
    f=$(DEBIAN_SOURCE_PACKAGE=$p OPENCV_DEBIAN_SUITES=$SUITE bash "$BUILD_DIR/fetch-debian-source.sh" any \
          "$DEBSRC" "$DEBSRC/apt" 2>"$DEBSRC/$p.log" | tail -n 1) ||
      fail "downloading Debian's $p source (log: $DEBSRC/$p.log)" "check network access to the Debian mirror, then run again"
  fi
  TARBALL[$p]=$f
done

# meson options, part of the cache key
GLIB_OPTS=(-Dtests=false -Dinstalled_tests=false -Dnls=disabled -Dlibmount=disabled -Dselinux=disabled
           -Dxattr=false -Dman=false -Dgtk_doc=false -Ddtrace=false -Dsystemtap=false -Dsysprof=disabled
           -Dlibelf=disabled -Doss_fuzz=disabled)
GST_OPTS=(-Dtests=disabled -Dexamples=disabled -Dbenchmarks=disabled -Dtools=enabled -Dintrospection=disabled
          -Ddoc=disabled -Dnls=disabled -Dlibunwind=disabled -Dlibdw=disabled -Dbash-completion=disabled
          -Dcheck=disabled -Dptp-helper-permissions=none -Ddbghelp=disabled)
BASE_OPTS=(-Dauto_features=disabled -Dapp=enabled -Dvideotestsrc=enabled -Dvideoconvertscale=enabled
           -Dtypefind=enabled -Dtests=disabled -Dexamples=disabled -Dtools=disabled -Dintrospection=disabled
           -Dorc=disabled -Ddoc=disabled -Dnls=disabled)
GOOD_OPTS=(-Dauto_features=disabled -Drtsp=enabled -Drtp=enabled -Drtpmanager=enabled -Dudp=enabled
           -Dtests=disabled -Dexamples=disabled -Dorc=disabled -Ddoc=disabled -Dnls=disabled)
KEY=$( { for p in "${PACKAGES[@]}"; do basename "${TARBALL[$p]}"; done
         printf '%s\n' "${GLIB_OPTS[@]}" "${GST_OPTS[@]}" "${BASE_OPTS[@]}" "${GOOD_OPTS[@]}"
         "$MINGW-gcc-posix" --version | head -n 1; meson --version
         cat "${BASH_SOURCE[0]}" "$HERE/rename-dll-imports.py" "$HERE/build-zlib.sh"; } | sha256sum | cut -c1-16)
ROOT="$CACHE/win-gst-runtime-$KEY"
if [ -f "$ROOT/.complete" ]; then
  echo "[win-gst] cached: $ROOT" >&2
  echo "$ROOT"
  exit 0
fi

WORK="$ROOT.work"
PREFIX="$WORK/prefix"
mkdir -p "$WORK/src" "$PREFIX/include" "$PREFIX/lib/pkgconfig"
trap 'echo "[win-gst] work folder kept for inspection: $WORK" >&2' ERR
# a step already done by an interrupted run of the same inputs is skipped
resume() { [ -f "$WORK/.done-$1" ] && { echo "[win-gst]   (done by an earlier run: $1)" >&2; return 0; }; return 1; }
finished() { touch "$WORK/.done-$1"; }
unpack() { rm -rf "$WORK/src/$1"; mkdir -p "$WORK/src/$1"; tar -xf "${TARBALL[$1]}" -C "$WORK/src/$1" --strip-components=1; }
LOG="$WORK/logs"; mkdir -p "$LOG"
run_logged() {  # name command...
  local name=$1; shift
  "$@" >"$LOG/$name.log" 2>&1 || { tail -n 25 "$LOG/$name.log" | sed 's/^/    | /' >&2; fail "$name (log: $LOG/$name.log)"; }
}
CC="$MINGW-gcc-posix"

cat > "$WORK/cross.ini" <<EOF
[binaries]
c = '$MINGW-gcc-posix'
cpp = '$MINGW-g++-posix'
ar = '$MINGW-ar'
strip = '$MINGW-strip'
windres = '$MINGW-windres'
pkgconfig = 'pkg-config'

[properties]
pkg_config_libdir = '$PREFIX/lib/pkgconfig'

[built-in options]
c_args = ['-I$PREFIX/include', '-Wno-error=format-nonliteral', '-ffile-prefix-map=$WORK=.']
c_link_args = ['-L$PREFIX/lib', '-static-libgcc']
cpp_args = ['-I$PREFIX/include', '-ffile-prefix-map=$WORK=.']
cpp_link_args = ['-L$PREFIX/lib', '-static-libgcc', '-static-libstdc++']

[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
EOF
meson_build() {  # name srcdir options...
  local name=$1 src=$2; shift 2
  rm -rf "$WORK/build-$name"
  run_logged "$name-configure" meson setup "$WORK/build-$name" "$src" --cross-file "$WORK/cross.ini" \
    --prefix "$PREFIX" --libdir lib --buildtype release -Ddefault_library=shared -Dwrap_mode=nodownload "$@"
  run_logged "$name-build" ninja -C "$WORK/build-$name" -j "$JOBS"
  run_logged "$name-install" ninja -C "$WORK/build-$name" install
}

step 1 "static zlib, pcre2, libffi and a stub libintl"
if ! resume deps; then
"$HERE/build-zlib.sh" "${TARBALL[zlib]}" "$PREFIX" || fail "building zlib"
printf 'prefix=%s\nName: zlib\nDescription: zlib\nVersion: 1.2.13\nLibs: -L${prefix}/lib -lz\nCflags: -I${prefix}/include\n' \
  "$PREFIX" > "$PREFIX/lib/pkgconfig/zlib.pc"
# GLib and GStreamer only need gettext's functions to exist: translations are off (-Dnls=disabled).
cat > "$WORK/src/intl.c" <<'EOF'
#include <stddef.h>
char *gettext(const char *m) { return (char *) m; }
char *dgettext(const char *d, const char *m) { (void) d; return (char *) m; }
char *dcgettext(const char *d, const char *m, int c) { (void) d; (void) c; return (char *) m; }
char *ngettext(const char *s, const char *p, unsigned long n) { return (char *) (n == 1 ? s : p); }
char *dngettext(const char *d, const char *s, const char *p, unsigned long n) { (void) d; return (char *) (n == 1 ? s : p); }
char *dcngettext(const char *d, const char *s, const char *p, unsigned long n, int c) { (void) d; (void) c; return (char *) (n == 1 ? s : p); }
char *textdomain(const char *d) { return (char *) (d ? d : "messages"); }
char *bindtextdomain(const char *d, const char *dir) { (void) d; return (char *) dir; }
char *bind_textdomain_codeset(const char *d, const char *c) { (void) d; return (char *) c; }
EOF
cat > "$PREFIX/include/libintl.h" <<'EOF'
#ifndef DUALSTREAM_STUB_LIBINTL_H
#define DUALSTREAM_STUB_LIBINTL_H
#ifdef __cplusplus
extern "C" {
#endif
char *gettext(const char *m);
char *dgettext(const char *d, const char *m);
char *dcgettext(const char *d, const char *m, int c);
char *ngettext(const char *s, const char *p, unsigned long n);
char *dngettext(const char *d, const char *s, const char *p, unsigned long n);
char *dcngettext(const char *d, const char *s, const char *p, unsigned long n, int c);
char *textdomain(const char *d);
char *bindtextdomain(const char *d, const char *dir);
char *bind_textdomain_codeset(const char *d, const char *c);
#ifdef __cplusplus
}
#endif
#endif
EOF
"$CC" -O2 -c "$WORK/src/intl.c" -o "$WORK/src/intl.o"
"$MINGW-ar" rcsD "$PREFIX/lib/libintl.a" "$WORK/src/intl.o"
unpack pcre2
run_logged pcre2-configure cmake -S "$WORK/src/pcre2" -B "$WORK/build-pcre2" -G Ninja \
  "-DCMAKE_TOOLCHAIN_FILE=$BUILD_DIR/../cmake/mingw-w64-x86_64.cmake" -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_SHARED_LIBS=OFF -DPCRE2_BUILD_PCRE2GREP=OFF -DPCRE2_BUILD_TESTS=OFF -DPCRE2_SUPPORT_JIT=OFF \
  "-DCMAKE_INSTALL_PREFIX=$PREFIX" -DCMAKE_INSTALL_LIBDIR=lib
run_logged pcre2-build ninja -C "$WORK/build-pcre2" -j "$JOBS" install
unpack libffi
mkdir -p "$WORK/build-libffi"
run_logged libffi-configure sh -c "cd '$WORK/build-libffi' && '$WORK/src/libffi/configure' --host=$MINGW \
  CC=$MINGW-gcc-posix --prefix='$PREFIX' --libdir='$PREFIX/lib' --disable-shared --enable-static --disable-docs \
  --disable-multi-os-directory"
run_logged libffi-build make -C "$WORK/build-libffi" -j "$JOBS" install
finished deps
fi
done_step 1 "$(ls "$PREFIX/lib"/*.a | xargs -n1 basename | tr '\n' ' ')"

step 2 "GLib $(basename "${TARBALL[glib2.0]}")"
resume glib || { unpack glib2.0; meson_build glib "$WORK/src/glib2.0" "${GLIB_OPTS[@]}"; finished glib; }
done_step 2 "installed"

step 3 "GStreamer core $(basename "${TARBALL[gstreamer1.0]}")"
resume gstreamer || { unpack gstreamer1.0; meson_build gstreamer "$WORK/src/gstreamer1.0" "${GST_OPTS[@]}"; finished gstreamer; }
done_step 3 "installed"

step 4 "gst-plugins-base $(basename "${TARBALL[gst-plugins-base1.0]}")"
resume base || { unpack gst-plugins-base1.0; meson_build base "$WORK/src/gst-plugins-base1.0" "${BASE_OPTS[@]}"; finished base; }
done_step 4 "installed"

step 5 "gst-plugins-good (rtsp, rtp, rtpmanager, udp) $(basename "${TARBALL[gst-plugins-good1.0]}")"
resume good || { unpack gst-plugins-good1.0; meson_build good "$WORK/src/gst-plugins-good1.0" "${GOOD_OPTS[@]}"; finished good; }
done_step 5 "installed"

step 6 "official MSVC runtime names (no lib prefix), layout bin/ + lib/gstreamer-1.0/"
OUTROOT="$WORK/runtime"
rm -rf "$OUTROOT"
mkdir -p "$OUTROOT/bin" "$OUTROOT/lib/gstreamer-1.0" "$OUTROOT/libexec/gstreamer-1.0"
for f in "$PREFIX"/bin/lib*.dll; do
  n=$(basename "$f"); cp "$f" "$OUTROOT/bin/${n#lib}"
done
cp "$PREFIX"/bin/*.exe "$OUTROOT/bin/" 2>/dev/null || true
cp "$PREFIX"/lib/gstreamer-1.0/*.dll "$OUTROOT/lib/gstreamer-1.0/"
cp "$PREFIX"/libexec/gstreamer-1.0/*.exe "$OUTROOT/libexec/gstreamer-1.0/" 2>/dev/null || true
python3 "$HERE/rename-dll-imports.py" "$OUTROOT" || fail "renaming the DLL imports"
# a winpthread or other mingw runtime DLL a library may still need
for dll in $("$MINGW-objdump" -p "$OUTROOT"/bin/*.dll "$OUTROOT"/lib/gstreamer-1.0/*.dll | sed -n 's/^[[:space:]]*DLL Name: //p' | sort -u); do
  [ -f "$OUTROOT/bin/$dll" ] && continue
  for d in /usr/lib/gcc/$MINGW/*-posix /usr/$MINGW/lib; do
    if [ -f "$d/$dll" ]; then cp "$d/$dll" "$OUTROOT/bin/"; echo "[win-gst]   + $dll (mingw runtime)" >&2; break; fi
  done
done
done_step 6 "$(ls "$OUTROOT/bin" | wc -l) files in bin/, $(ls "$OUTROOT/lib/gstreamer-1.0" | wc -l) plugins"

step 7 "cache"
touch "$OUTROOT/.complete"
rm -rf "$ROOT"; mv "$OUTROOT" "$ROOT"
trap - ERR
rm -rf "$WORK"
done_step 7 "$ROOT"
echo "[win-gst] done in $(( $(date +%s) - T0 )) s" >&2
echo "$ROOT"
