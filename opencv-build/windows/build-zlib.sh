#!/usr/bin/env bash
# Static zlib for Windows x64 with mingw-w64, from a zlib source tarball (Debian's zlib source
# package: its +dfsg tarball has the library's C files at the top).
#   build-zlib.sh <zlib source tarball> <prefix>   ->  <prefix>/lib/libz.a, <prefix>/include/zlib.h, zconf.h
set -euo pipefail
TARBALL=$1 PREFIX=$2
MINGW=x86_64-w64-mingw32
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
tar -xf "$TARBALL" -C "$src" --strip-components=1
mkdir -p "$PREFIX/lib" "$PREFIX/include"
objs=()
for c in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast inflate inftrees trees uncompr zutil; do
  "$MINGW-gcc-posix" -O2 -DNDEBUG -D_LARGEFILE64_SOURCE=1 -c "$src/$c.c" -o "$src/$c.o" "-ffile-prefix-map=$src=zlib" ||
    { echo "build-zlib: compiling $c.c failed" >&2; exit 1; }
  objs+=("$src/$c.o")
done
rm -f "$PREFIX/lib/libz.a"
"$MINGW-ar" rcsD "$PREFIX/lib/libz.a" "${objs[@]}"
cp "$src/zlib.h" "$src/zconf.h" "$PREFIX/include/"
