#!/usr/bin/env bash
# prepare-carry.sh [DEST]  (default: .gpu-carry at the repo root, git-ignored)
# One command that builds the folder carried to a GPU machine that has no
# network and maybe no GStreamer: Debian 12's GStreamer (with the nvcodec
# plugin, gst-libav for the software comparison) and every shared library
# they need down to the C library and its loader, two 12 MP clips, the
# dsbench helper and run-gpu.sh. Fails if the folder exceeds 60 MiB (the
# device tool copies at most 64 MiB).
# Needs here: Debian 12 with gstreamer1.0-{tools,plugins-base,good,bad,ugly,libav},
# libgstreamer-plugins-base1.0-dev, gcc, apt-get (to download the .debs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dest=${1:-$root/.gpu-carry}
limit_mib=60
cache=${XDG_CACHE_HOME:-$HOME/.cache}/dualstream
t_start=$(date +%s)
say() { printf '[prepare %4ss] %s\n' "$(( $(date +%s) - t_start ))" "$*"; }
die() { echo "prepare-carry: $*" >&2; exit 1; }

# --- what this machine must have, each with its fix -------------------------
for t in gst-launch-1.0:gstreamer1.0-tools gcc:gcc pkg-config:pkg-config apt-get:apt dpkg-deb:dpkg \
         readelf:binutils nm:binutils xz:xz-utils ldconfig:libc-bin dpkg-query:dpkg; do
  command -v "${t%%:*}" >/dev/null || die "${t%%:*} missing: apt-get install ${t##*:}"
done
pkg-config --exists gstreamer-app-1.0 || die "GStreamer headers missing: apt-get install libgstreamer-plugins-base1.0-dev"
for e in x264enc:gstreamer1.0-plugins-ugly x265enc:gstreamer1.0-plugins-bad compositor:gstreamer1.0-plugins-base \
         nvh265dec:gstreamer1.0-plugins-bad avdec_h265:gstreamer1.0-libav h265parse:gstreamer1.0-plugins-bad; do
  # nvh265dec only registers where a GPU is; here check for its plugin file
  if [ "${e%%:*}" = nvh265dec ]; then
    [ -e /usr/lib/x86_64-linux-gnu/gstreamer-1.0/libgstnvcodec.so ] || die "the nvcodec plugin is missing: apt-get install ${e##*:}"
    continue
  fi
  gst-inspect-1.0 "${e%%:*}" >/dev/null 2>&1 || die "GStreamer element ${e%%:*} missing: apt-get install ${e##*:}"
done
arch=x86_64-linux-gnu
gstdir=/usr/lib/$arch/gstreamer-1.0

# only ever replace a folder this script made (or an empty one): DEST is user-given
if [ -e "$dest" ] && [ -n "$(ls -A "$dest" 2>/dev/null)" ] && [ ! -e "$dest/gst-prefix.tar.xz" ] && [ ! -e "$dest/MANIFEST" ]; then
  die "$dest exists and is not a carry folder: give an empty or new folder"
fi
rm -rf "$dest"; mkdir -p "$dest/clips"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# --- clips: 4000x3000 25 fps, a moving ball under noise (not trivially
# compressible), 8-bit 4:2:0, ~12 Mbit/s, a keyframe a second, no B-frames
# (cameras send none; it also keeps decode order = display order for the
# staleness probe). Cached by their settings: x265 at 12 MP takes a minute.
frames=100 w=4000 h=3000 kbps=12000
key="w${w}h${h}f${frames}k${kbps}gop25nob-v1"
cdir=$cache/gpu-clips/$key; mkdir -p "$cdir"
src="compositor name=m sink_1::alpha=0.2 ! video/x-raw,format=I420,width=$w,height=$h"
inputs="videotestsrc num-buffers=$frames pattern=ball ! video/x-raw,width=$w,height=$h,framerate=25/1 ! m. \
 videotestsrc num-buffers=$frames pattern=snow ! video/x-raw,width=$w,height=$h,framerate=25/1 ! m."
if [ ! -s "$cdir/clip.h265" ]; then
  say "encoding the H.265 clip (${w}x${h}, $frames frames; about a minute on 2 cores)"
  # shellcheck disable=SC2086
  timeout 600 gst-launch-1.0 -q $src ! x265enc speed-preset=ultrafast bitrate=$kbps key-int-max=25 \
    option-string="bframes=0:repeat-headers=1" ! video/x-h265,stream-format=byte-stream,alignment=au \
    ! filesink location="$cdir/clip.h265.part" $inputs && mv "$cdir/clip.h265.part" "$cdir/clip.h265"
fi
if [ ! -s "$cdir/clip.h264" ]; then
  say "encoding the H.264 clip"
  # shellcheck disable=SC2086
  timeout 600 gst-launch-1.0 -q $src ! x264enc speed-preset=ultrafast bitrate=$kbps key-int-max=25 bframes=0 \
    byte-stream=true ! video/x-h264,stream-format=byte-stream,alignment=au,profile=high \
    ! filesink location="$cdir/clip.h264.part" $inputs && mv "$cdir/clip.h264.part" "$cdir/clip.h264"
fi
[ -s "$cdir/clip.h265" ] && [ -s "$cdir/clip.h264" ] || die "clip encoding failed (see the lines above)"
cp "$cdir/clip.h265" "$cdir/clip.h264" "$dest/clips/"
say "clips: $(du -sh "$dest/clips" | cut -f1)"

# --- the helper, compiled here (the GPU machine may have no compiler) against
# the same GStreamer that is carried ---------------------------------------
gcc -O2 -Wall -o "$work/dsbench" "$here/dsbench.c" $(pkg-config --cflags --libs gstreamer-1.0 gstreamer-app-1.0)
say "dsbench compiled"

# --- the files to carry: the tools, the plugins the measurements use, and the
# closure of their shared libraries (down to libc and its loader, so a host
# with an older C library can still run them) ---------------------------------
plugins="coreelements coretracers multifile videoparsersbad nvcodec videoconvertscale app libav"
roots=("/usr/bin/gst-launch-1.0" "/usr/bin/gst-inspect-1.0" "$work/dsbench")
for p in $plugins; do roots+=("$gstdir/libgst$p.so"); done
# never carried as real libraries: what H.264/H.265 decode does not call
stubbed=" libavformat.so.59 libavfilter.so.8 libx265.so.199 libx264.so.164 libcodec2.so.1.0 libSvtAv1Enc.so.1 librav1e.so.0 libaom.so.3 libvpx.so.7 "
declare -A seen=()
queue=("${roots[@]}"); real=()
ldconfig -p > "$work/ldcache"   # read once: an early-exiting reader would SIGPIPE ldconfig under pipefail
resolve() { awk -v s="$1" '$1==s && /x86-64/ {print $NF; exit}' "$work/ldcache"; }
while [ ${#queue[@]} -gt 0 ]; do
  f=${queue[0]}; queue=("${queue[@]:1}")
  for n in $(readelf -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    [ -n "${seen[$n]:-}" ] && continue; seen[$n]=1
    case "$stubbed" in *" $n "*) continue ;; esac
    r=$(resolve "$n"); [ -n "$r" ] || die "library $n (needed by $f) not found here"
    real+=("$r"); queue+=("$r")
  done
done
real+=("/lib64/ld-linux-x86-64.so.2")
say "closure: ${#real[@]} libraries (+ ${#roots[@]} tools/plugins), stubbing:$stubbed"

# --- which Debian packages hold them; download those .debs (cached) and take
# the files from the .debs, not from this machine's file system ---------------
owner() { # dpkg knows the path as packaged: try as given, resolved, and /usr-merged
  local p
  for p in "$1" "$(readlink -f "$1")" "/usr$1" "/usr$(readlink -f "$1")" "${1#/usr}"; do
    local o; o=$(dpkg -S "$p" 2>/dev/null | awk -F: 'NR==1 {print $1}') && [ -n "$o" ] && { echo "$o"; return 0; }
  done
  return 1
}
: > "$work/pkgs"
for f in "${roots[@]:0:2}" "${roots[@]:3}" "${real[@]}"; do
  o=$(owner "$f") || die "no Debian package owns $f (dpkg -S); install it from Debian's archive"
  echo "$o" >> "$work/pkgs"
done
sort -u "$work/pkgs" -o "$work/pkgs"
debs=$cache/gpu-debs; mkdir -p "$debs"
# The archive's current version of each package (an installed version may
# already have been superseded there); the same Debian release keeps the ABI.
deb_of() { ls -t "$debs/${1}_"*"_$(dpkg-query -W -f='${Architecture}' "$1").deb" 2>/dev/null | awk 'NR==1'; }
need=()
while read -r p; do [ -n "$(deb_of "$p")" ] || need+=("$p"); done < "$work/pkgs"
if [ ${#need[@]} -gt 0 ]; then
  say "downloading ${#need[@]} of $(wc -l < "$work/pkgs") .debs"
  # (apt warns that root downloads unsandboxed into a root-owned cache: harmless)
  (cd "$debs" && apt-get download -q "${need[@]}" 2>&1 >/dev/null | { grep -v 'unsandboxed' >&2 || true; }; exit "${PIPESTATUS[0]}") \
    || die "apt-get download failed: this step needs Debian's package archive (or a filled $debs)"
fi
stage=$work/stage; mkdir -p "$stage"
while read -r p; do dpkg-deb -x "$(deb_of "$p")" "$stage"; done < "$work/pkgs"
say "unpacked $(wc -l < "$work/pkgs") packages"

# the carried prefix: the same paths as on Debian, only the files needed
pre=$work/prefix
take() { # copy a file from the unpacked .debs, keeping its path (usr-merged)
  local f=$1 s c
  for c in "$f" "/usr$f" "$(readlink -f "$f")" "/usr$(readlink -f "$f")"; do
    s=$stage$c
    if [ -e "$s" ]; then mkdir -p "$pre/usr/lib/$arch"; cp -L "$s" "$pre/usr/lib/$arch/$(basename "$f")"; return 0; fi
  done
  die "$f is not in the downloaded .debs (package versions differ from this machine?)"
}
mkdir -p "$pre/usr/bin" "$pre/usr/lib/$arch/gstreamer-1.0" "$pre/stubs" "$pre/lib64"
cp "$stage/usr/bin/gst-launch-1.0" "$stage/usr/bin/gst-inspect-1.0" "$pre/usr/bin/"
for p in $plugins; do cp "$stage$gstdir/libgst$p.so" "$pre/usr/lib/$arch/gstreamer-1.0/"; done
for f in "${real[@]}"; do take "$f"; done
mv "$pre/usr/lib/$arch/ld-linux-x86-64.so.2" "$pre/lib64/"
cp "$work/dsbench" "$pre/usr/bin/"
# the stand-ins, built for the imports of the carried consumers (the real
# library here only gives the data sizes and versions)
for n in $stubbed; do
  "$here/make-stub.sh" "$(resolve "$n")" "$pre/stubs" "$pre$gstdir/libgstlibav.so" "$pre/usr/lib/$arch/libavcodec.so.59" >/dev/null
done
{
  echo "# carried by prepare-carry.sh on $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "# debian packages (files taken from their .debs):"
  while read -r p; do echo "$p $(dpkg-deb -f "$(deb_of "$p")" Version)"; done < "$work/pkgs"
  echo "# stand-in libraries (functions return 0, data zeroed; H.264/H.265 decode never calls them):$stubbed"
} > "$pre/MANIFEST"
say "compressing the prefix ($(du -sh "$pre" | cut -f1) unpacked)"
tar -C "$pre" -cf - . | xz -T0 -6 > "$dest/gst-prefix.tar.xz"
cp "$here/run-gpu.sh" "$dest/"
cp "$pre/MANIFEST" "$dest/"
total=$(du -sb "$dest" | cut -f1)
mib=$(( (total + 1048575) / 1048576 ))
say "carry folder $dest: $mib MiB ($(du -sh "$dest/gst-prefix.tar.xz" | cut -f1) GStreamer prefix, $(du -sh "$dest/clips" | cut -f1) clips)"
[ "$mib" -le "$limit_mib" ] || die "the carry folder is $mib MiB, over the $limit_mib MiB limit"
say "done. On the GPU machine: src/test/gpu/run-gpu.sh .gpu-carry \"\$OUT\""
