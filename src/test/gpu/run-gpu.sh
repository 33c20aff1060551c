#!/usr/bin/env bash
# run-gpu.sh CARRY [OUT]   (OUT defaults to $OUT, else ./gpu-out)
# On a machine with an NVIDIA GPU and no network: unpacks the GStreamer prefix
# that prepare-carry.sh put in CARRY, checks the GPU and the nvcodec elements,
# and measures, all within about 7.5 minutes:
#   A  decode fps at 4000x3000, H.265 and H.264, NVDEC and software (unpaced)
#   B  our pipeline shape paced at 25 fps, one stream: CPU per frame and
#      staleness (decoder input -> frame pulled from the appsink), p50/p99
#   C  how many paced 12 MP 25 fps H.265 streams keep real time (every stream
#      >= 24.5 fps), N = 1, 2, 4, 8, ... until one falls behind or time is up
# Writes OUT/results.tsv, OUT/results.jsonl, OUT/env.txt, OUT/summary.txt and
# always says what it could not measure, and why. Runs everything through the
# carried C library loader, so the host needs nothing but a kernel and, for
# NVDEC, the NVIDIA driver (libcuda.so.1, libnvcuvid.so.1).
set -uo pipefail
carry=${1:?usage: run-gpu.sh CARRY [OUT]}
out=${2:-${OUT:-gpu-out}}
carry=$(cd "$carry" && pwd) || { echo "run-gpu: carry folder $1 missing: run src/test/gpu/prepare-carry.sh first" >&2; exit 1; }
mkdir -p "$out"; out=$(cd "$out" && pwd)
budget=${GPU_RUN_BUDGET_S:-450}
t_start=$(date +%s)
elapsed() { echo $(( $(date +%s) - t_start )); }
left() { echo $(( budget - $(elapsed) )); }
summary=$out/summary.txt; : > "$summary"
say() { printf '[gpu %4ss] %s\n' "$(elapsed)" "$*" | tee -a "$summary"; }
not_measured=()

[ -s "$carry/gst-prefix.tar.xz" ] || { echo "run-gpu: $carry/gst-prefix.tar.xz missing: run src/test/gpu/prepare-carry.sh" >&2; exit 1; }
for t in tar xz timeout; do command -v $t >/dev/null || { echo "run-gpu: $t missing on this machine (needed to unpack)" >&2; exit 1; }; done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
P=$tmp/prefix; mkdir -p "$P"
tar -C "$P" -xJf "$carry/gst-prefix.tar.xz" || { echo "run-gpu: cannot unpack the GStreamer prefix" >&2; exit 1; }
say "unpacked GStreamer prefix ($(du -sh "$P" | cut -f1))"

# The carried loader + libraries first, then the host's (for the driver's
# libcuda/libnvcuvid, found through the host's ld.so.cache). No plugin
# scanner child: it would start with the host's loader.
LDSO=$P/lib64/ld-linux-x86-64.so.2
LIBP=$P/usr/lib/x86_64-linux-gnu:$P/stubs
# The driver's libraries: the carried loader finds them through the host's
# ld.so.cache, but containers often expose them only via LD_LIBRARY_PATH (e.g.
# /usr/local/nvidia/lib64), which --library-path would hide: add those dirs
# (after the carry's, so the carried libraries still win).
drv() { # drv SONAME: where the host has it, or nothing
  local d
  ldconfig -p 2>/dev/null | awk -v s="$1" '$1==s && /x86-64/ && !f {print $NF; f=1}' | grep . && return 0  # no early exit: SIGPIPE under pipefail
  for d in ${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH//:/ }} /usr/local/nvidia/lib64 /usr/lib64 /usr/lib/x86_64-linux-gnu; do
    [ -e "$d/$1" ] && { echo "$d/$1"; return 0; }
  done
  return 1
}
for l in libcuda.so.1 libnvcuvid.so.1; do
  f=$(drv $l) && case ":$LIBP:" in *":$(dirname "$f"):"*) ;; *) LIBP=$LIBP:$(dirname "$f") ;; esac
done
export GST_PLUGIN_SYSTEM_PATH_1_0=$P/usr/lib/x86_64-linux-gnu/gstreamer-1.0
export GST_PLUGIN_PATH_1_0= GST_PLUGIN_PATH= GST_REGISTRY_1_0=$tmp/registry.bin GST_REGISTRY_FORK=no
unset GST_PLUGIN_SYSTEM_PATH GST_DEBUG
# gx TOOL ARGS: a carried tool through the carried loader (a plain command,
# so that timeout can run it)
cat > "$tmp/gx" <<GX
#!/bin/sh
b=\$1; shift
exec "$LDSO" --library-path "$LIBP" "$P/usr/bin/\$b" "\$@"
GX
chmod +x "$tmp/gx"; gx() { "$tmp/gx" "$@"; }

# --- environment -------------------------------------------------------------
env_txt=$out/env.txt
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(uname -srm), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) memory"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "gstreamer: $(gx gst-launch-1.0 --version 2>&1 | sed -n 's/^GStreamer //p' | head -1) (carried)"
  if command -v nvidia-smi >/dev/null; then
    echo "gpu: $(timeout 20 nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -4 | tr '\n' ';')"
  else
    echo "gpu: nvidia-smi not found"
  fi
  echo "devices: $(ls /dev/nvidia* 2>/dev/null | tr '\n' ' ' || true)"
  echo "libcuda: $(drv libcuda.so.1 || echo 'not found')"
  echo "libnvcuvid: $(drv libnvcuvid.so.1 || echo 'not found')"
} > "$env_txt" 2>&1
sed 's/^/  /' "$env_txt" | tee -a "$summary"

have() { timeout 60 "$tmp/gx" gst-inspect-1.0 "$1" >/dev/null 2>&1; }
nv=()
for e in nvh265dec nvh264dec; do have $e && nv+=("$e"); done
sw=()
for e in avdec_h265 avdec_h264; do have $e && sw+=("$e"); done
say "elements: NVDEC: ${nv[*]:-none}; software: ${sw[*]:-none}"
# Which libraries come from the host rather than the carry: on a GPU machine
# only the driver's should (libcuda, libnvcuvid and what they pull in).
# (LD_DEBUG set by env for the loader alone, not for timeout or a shell; the
# loader names itself by the program's interpreter path, so it is left out)
hostlibs=$(for e in nvcodec avdec_h265; do
    timeout 60 env LD_DEBUG=libs "$LDSO" --library-path "$LIBP" "$P/usr/bin/gst-inspect-1.0" $e 2>&1 >/dev/null; done \
  | sed -n 's/.*calling init: //p' | grep -v -e "^$P/" -e 'ld-linux' | sort -u | tr '\n' ' ')
say "libraries loaded from the host: ${hostlibs:-none}"
echo "host libraries: ${hostlibs:-none}" >> "$env_txt"
if [ ${#nv[@]} -lt 2 ]; then
  # Why: the nvcodec plugin loads, then registers decoders only if it can open
  # the driver's libraries and a CUDA device; its own log says which failed.
  reason=""
  command -v nvidia-smi >/dev/null || reason="nvidia-smi not found; "
  ls /dev/nvidia0 >/dev/null 2>&1 || reason+="no /dev/nvidia0; "
  drv libcuda.so.1 >/dev/null || reason+="libcuda.so.1 not found (ld.so.cache, LD_LIBRARY_PATH, /usr/local/nvidia/lib64): the NVIDIA driver's CUDA library; "
  drv libnvcuvid.so.1 >/dev/null || reason+="libnvcuvid.so.1 not found: the driver's video decode library (e.g. package libnvidia-decode; in a container NVIDIA_DRIVER_CAPABILITIES must include video); "
  GST_REGISTRY_1_0=$tmp/reg-debug.bin GST_DEBUG=2,nvcodec:6,cudaloader:6,cudacontext:6,nvdec:6,GST_PLUGIN_LOADING:4 GST_DEBUG_NO_COLOR=1 \
    timeout 60 "$tmp/gx" gst-inspect-1.0 nvcodec > "$out/nvcodec-inspect.log" 2>&1
  log=$(grep -iE 'cuda|nvcuvid|nvdec|nvcodec' "$out/nvcodec-inspect.log" | grep -iE 'fail|could not|cannot|error|no |not |unable' | sed 's/^.*\.c:[0-9]*:[^:]*: *//' | sort -u | head -6)
  blk=$(timeout 60 "$tmp/gx" gst-inspect-1.0 -b 2>&1 | grep -v '^$' | head -5)
  say "no NVIDIA GPU / nvcodec elements not usable: ${reason:-driver found, see log}"
  [ -n "$log" ] && printf '%s\n' "$log" | sed 's/^/    nvcodec log: /' | tee -a "$summary"
  [ -n "$blk" ] && printf '%s\n' "$blk" | sed 's/^/    gst-inspect -b: /' | tee -a "$summary"
  not_measured+=("NVDEC decode fps, NVDEC CPU per stream and staleness, streams per GPU: no usable nvh264dec/nvh265dec (${reason:-see nvcodec-inspect.log})")
fi

# --- measuring ---------------------------------------------------------------
tsv=$out/results.tsv; jsonl=$out/results.jsonl
printf 'step\tcodec\tdecoder\tstreams\tstream\tend\tframes\tseconds\tfps\tcpu_ms_per_frame\tcpu_cores\tstale_p50_ms\tstale_p99_ms\n' > "$tsv"
: > "$jsonl"
field() { sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^,\"}]*\\).*/\\1/p" <<< "$2"; }
# pipe STEP CODEC DEC PACED: the pipeline dsbench runs. Paced = our capture
# shape (parse -> decoder -> queue -> videoconvert -> appsink in the decoder's
# own format, leaky queue and appsink drop=true max-buffers=1 sync=false as
# src/main renders them) fed at 25 fps as a camera would.
pipe() {
  local codec=$2 dec=$3 paced=$4 fmt=I420
  case $dec in nv*) fmt=NV12 ;; esac
  local head="multifilesrc location=$carry/clips/clip.$codec loop=true ! ${codec}parse ! video/x-$codec,framerate=25/1"
  if [ "$paced" = 1 ]; then
    # the tail PipelineRenderer writes (decoder's own format: videoconvert passes through)
    echo "$head ! identity sync=true ! $dec name=dec ! queue max-size-buffers=1 leaky=downstream ! videoconvert ! video/x-raw,format=$fmt ! appsink name=sink drop=true max-buffers=1 sync=false"
  else
    # video/x-raw: system memory, as our pipeline gets it; an ANY-caps appsink
    # would let nvcodec pick CUDA or GL memory (GL needs a display).
    echo "$head ! $dec name=dec ! video/x-raw ! appsink name=sink sync=false max-buffers=2"
  fi
}
# bench STEP CODEC DEC PACED N SECONDS: N dsbench processes at once; one row each
bench() {
  local step=$1 codec=$2 dec=$3 paced=$4 n=$5 secs=$6 i pids=() p
  p=$(pipe "$step" "$codec" "$dec" "$paced")
  for ((i = 1; i <= n; i++)); do
    timeout $((secs + 40)) "$tmp/gx" dsbench "$secs" "$p" \
      > "$tmp/b.$i.json" 2> "$tmp/b.$i.err" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  for ((i = 1; i <= n; i++)); do
    local j; j=$(tail -1 "$tmp/b.$i.json")
    if [ -z "$j" ] || [ "${j#\{\"end\"}" = "$j" ]; then
      j="{\"end\":\"failed\",\"frames\":0,\"fps\":0}"
      sed "s/^/    $dec stream $i: /" "$tmp/b.$i.err" | tail -3 | tee -a "$summary"
    fi
    echo "{\"step\":\"$step\",\"codec\":\"$codec\",\"decoder\":\"$dec\",\"streams\":$n,\"stream\":$i,${j#\{}" >> "$jsonl"
    printf '%s\t%s\t%s\t%s\t%s' "$step" "$codec" "$dec" "$n" "$i" >> "$tsv"
    for k in end frames seconds fps cpu_ms_per_frame cpu_cores stale_p50_ms stale_p99_ms; do printf '\t%s' "$(field $k "$j")" >> "$tsv"; done
    printf '\n' >> "$tsv"
  done
}
row() { awk -F'\t' -v s="$1" -v d="$2" -v c="$3" '$1==s && $3==d && $2==c' "$tsv" | tail -1; }

decs=("${nv[@]}" "${sw[@]}")
[ ${#sw[@]} -eq 0 ] && not_measured+=("software decode: avdec_h264/avdec_h265 not loadable from the carried prefix")

say "A: decode fps at 4000x3000, unpaced, 12 s each"
for dec in "${decs[@]}"; do
  codec=h265; case $dec in *264*) codec=h264 ;; esac
  [ "$(left)" -gt 60 ] || { not_measured+=("A $dec: out of time"); continue; }
  bench A $codec "$dec" 0 1 12
  r=$(row A "$dec" $codec); say "  $codec $dec: $(cut -f9 <<< "$r") fps ($(cut -f10 <<< "$r") ms CPU/frame)"
done

say "B: one paced 25 fps stream, our pipeline shape, 20 s each"
for dec in "${decs[@]}"; do
  codec=h265; case $dec in *264*) codec=h264 ;; esac
  [ "$(left)" -gt 60 ] || { not_measured+=("B $dec: out of time"); continue; }
  bench B $codec "$dec" 1 1 20
  r=$(row B "$dec" $codec)
  say "  $codec $dec: $(cut -f9 <<< "$r") fps, $(cut -f10 <<< "$r") ms CPU/frame ($(cut -f11 <<< "$r") cores), staleness p50 $(cut -f12 <<< "$r") ms p99 $(cut -f13 <<< "$r") ms"
done

# C: on the GPU the NVDEC H.265 decoder; without one the software decoder,
# so that the flow is exercised (and the CPU-only figure is there too).
ladder_dec=${nv[0]:-${sw[0]:-}}
best=0 rounds=0
if [ -n "$ladder_dec" ]; then
  say "C: parallel paced H.265 streams with $ladder_dec, 15 s a round, until one stream < 24.5 fps"
  for n in 1 2 4 8 12 16 24 32 48 64; do
    [ "$(left)" -gt 75 ] || { say "  stopping: time budget"; not_measured+=("C: out of time after $rounds round(s), $best stream(s) held"); break; }
    bench C h265 "$ladder_dec" 1 "$n" 15; rounds=$((rounds + 1))
    stats=$(awk -F'\t' -v n="$n" -v d="$ladder_dec" '$1=="C" && $3==d && $4==n {k++; f=$9+0; if (k==1||f<mn) mn=f; s+=f; c+=$11; p=($13+0>p?$13+0:p)} END {printf "%.2f %.2f %.2f %.1f", mn, s, c, p}' "$tsv")
    read -r mn tot cores p99 <<< "$stats"
    say "  N=$n: slowest stream $mn fps, total $tot fps, $cores CPU cores, worst staleness p99 $p99 ms"
    if awk -v m="$mn" 'BEGIN {exit !(m >= 24.5)}'; then best=$n; else break; fi
  done
  if [ "$rounds" -gt 0 ]; then
    say "C: $ladder_dec keeps $best stream(s) of 12 MP 25 fps H.265 in real time on this machine"
    echo "{\"step\":\"C-result\",\"decoder\":\"$ladder_dec\",\"max_realtime_streams\":$best,\"rounds\":$rounds}" >> "$jsonl"
  fi
else
  not_measured+=("C: no decoder available")
fi

say "done in $(elapsed) s; results: $tsv"
if [ ${#not_measured[@]} -gt 0 ]; then
  say "NOT measured:"
  for m in "${not_measured[@]}"; do say "  - $m"; done
fi
exit 0
