#!/usr/bin/env bash
# make-stub.sh REAL_LIB OUT_DIR CONSUMER...
# Builds a stand-in for REAL_LIB with the same SONAME that defines exactly the
# symbols (with their versions) the CONSUMERs import from it: functions return
# 0/NULL (gst-libav's plugin init walks av_demuxer_iterate() etc.: NULL ends
# the walk, so no demuxer/muxer/filter elements register), data objects are
# zeroed storage of the real size. Why: gst-libav links
# libavformat/libavfilter and libavcodec links every encoder library; with the
# real ones the carried folder is ~75 MB compressed, far over the 60 MiB the
# device tool carries, while H.264/H.265 *decoding* never calls them.
set -euo pipefail
real=$1; out=$2; shift 2
soname=$(readelf -d "$real" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# what the consumers import: "name@VERSION" or plain "name"
for c in "$@"; do nm -D --undefined-only "$c" | awk '{print $NF}'; done | sort -u > "$work/imports"
# what the real library exports: name version type size
nm -D --defined-only -S "$real" | awk 'NF>=3 {sym=$NF; type=$(NF-1); size=(NF==4?$2:"0");
  n=sym; v="-"; if (index(sym,"@")) { n=substr(sym,1,index(sym,"@")-1); v=sym; sub(/^[^@]*@+/,"",v) }
  print n, v, type, size}' > "$work/exports"
awk 'NR==FNR { imp[$1]=1; next }
     { key=($2=="-" ? $1 : $1 "@" $2); if ((key in imp) || ($1 in imp)) print }' "$work/imports" "$work/exports" | sort -u > "$work/syms"
{
  awk 'function hex(h,  i,n,c) { n=0; h=tolower(h); for (i=1;i<=length(h);i++) { c=index("0123456789abcdef", substr(h,i,1))-1; n=n*16+c } return n }
       $3 ~ /^[TtWwi]$/ { if (!seen[$1]++) printf "long %s(void) { return 0; }\n", $1 }
       $3 ~ /^[DdBbRrVvG]$/ { if (!seen[$1]++) { s=hex($4); if (s<1) s=8; printf "char %s[%d] __attribute__((aligned(16)));\n", $1, s } }' "$work/syms"
} > "$work/stub.c"
# one version node per version name the consumers bind to; unversioned names stay global
{
  awk '$2!="-" { v[$2]=v[$2] "  " $1 ";\n" } END { for (k in v) printf "%s {\n global:\n%s};\n", k, v[k] }' "$work/syms"
} > "$work/vers"
if [ -s "$work/vers" ]; then vflag=(-Wl,--version-script="$work/vers"); else vflag=(); fi
gcc -shared -fPIC -O0 -w -o "$out/$soname" -Wl,-soname,"$soname" "${vflag[@]}" "$work/stub.c"
echo "$soname $(wc -l < "$work/syms")"
