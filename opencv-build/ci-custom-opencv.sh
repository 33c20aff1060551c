#!/usr/bin/env bash
# CI proof for issue 3 (also runnable by hand on Debian, as root or with sudo):
#   1. the network namespace tool works and really cuts the network (else fail loudly);
#   2. offline configure of the full world + contrib build, with the network cut: must succeed,
#      report "GStreamer: YES" and attempt zero downloads (checked by build-opencv.cmake);
#   3. the offline guard is live: asking for a download item that is not cached fails the configure
#      before any network access;
#   4. the javacpp profile (core, imgproc, imgcodecs, videoio; GStreamer built in) built with the
#      network cut; cached in ${XDG_CACHE_HOME:-~/.cache}/dualstream/opencv-build between runs;
#   5. the RTSP integration tests through it: mvn -Popencv-custom (JavaCPP pathsFirst, no plugin).
# Needs the OpenCV + contrib tarballs in opencv-build/downloads (setup-debian.sh fetches both).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
cd "$REPO"

T0=$(date +%s)
step_t0=$T0
step() { step_t0=$(date +%s); echo "[ci-opencv] step $1: $2"; }
done_step() { echo "[ci-opencv]   ... $1 ($(( $(date +%s) - step_t0 )) s)"; }
fail() { echo "[ci-opencv] FAILED: $1${2:+ -- fix: $2}" >&2; exit 1; }

SUDO=()
[ "$(id -u)" = 0 ] || SUDO=(sudo -n)
# unshare -n needs CAP_SYS_ADMIN: root, or sudo. Without it there is no proof, so no pretending.
netcut() { "${SUDO[@]}" unshare -n -- "$@"; }

step 1/5 "network cut with unshare -n"
command -v unshare >/dev/null 2>&1 || fail "unshare not found" "apt-get install -y util-linux"
# /proc/net/dev lists the interfaces of the caller's own network namespace (sysfs would show the host's).
IFACES=$(netcut awk -F: 'NR > 2 { gsub(/ /, "", $1); print $1 }' /proc/net/dev 2>&1) || fail "unshare -n does not work here: $IFACES" "run as root (or with sudo) on a machine that allows network namespaces"
[ "$IFACES" = lo ] || fail "unshare -n left network interfaces other than lo: $IFACES"
# The loopback interface is down too: nothing at all is reachable.
if netcut bash -c 'exec 3<>/dev/tcp/127.0.0.1/22' 2>/dev/null; then fail "a TCP connection succeeded inside unshare -n"; fi
done_step "inside the namespace the only interface is lo (down); connections fail"

"$HERE/setup-opencv-deps.sh"

# --force: configure from scratch every time, even when a cached build folder matches (a skipped
# configure would prove nothing about the network).
step 2/5 "offline configure of world + contrib, network cut"
OUT=$(netcut nice -n 10 "$HERE/build-opencv.sh" --profile world --offline --configure-only --force 2>&1) || { echo "$OUT"; fail "offline configure of the world profile"; }
echo "$OUT" | sed -n '/\[opencv\]/p'
echo "$OUT" | grep -q "GStreamer: YES" || fail "the configure summary does not say GStreamer: YES"
echo "$OUT" | grep -q "configure-time downloads attempted: 0" || fail "downloads were attempted or not counted"
echo "$OUT" | grep -q "To be built:.* world" || fail "opencv_world is not in the build list"
done_step "GStreamer: YES, opencv_world, 0 downloads"

step 3/5 "the offline guard refuses an uncached download (face model), network cut"
GUARD_ROOT=$(mktemp -d)
trap 'rm -rf "$GUARD_ROOT"' EXIT
if OUT=$(netcut nice -n 10 "$HERE/build-opencv.sh" --profile world --offline --keep face -D BUILD_opencv_face=ON --configure-only \
    --build-root "$GUARD_ROOT" --download-cache "$GUARD_ROOT/empty-cache" 2>&1); then
  echo "$OUT"; fail "the offline configure with an uncached item succeeded: the guard is not active"
fi
echo "$OUT" | grep -q "offline configure: OpenCV wants to download face_landmark_model.dat.*not in the download cache" || { echo "$OUT"; fail "unexpected failure (not the guard)"; }
echo "$OUT" | grep -o "offline configure: OpenCV wants[^(]*" | head -n 1
done_step "refused before any download"

step 4/5 "javacpp profile (core, imgproc, imgcodecs, videoio), network cut"
OUT_FILE=$(mktemp)
# Progress: the driver's step lines, and every 10th of Ninja's "[percent done/total seconds]" lines.
show_progress() {
  local line n=0
  while IFS= read -r line; do
    case "$line" in
      *"[opencv]"*) printf '%s\n' "$line" ;;
      "["*%*) n=$((n + 1)); [ $((n % 10)) != 1 ] || printf '%s\n' "${line:0:110}" ;;
    esac
  done
}
netcut nice -n 10 "$HERE/build-opencv.sh" --profile javacpp --offline 2>&1 | tee "$OUT_FILE" | show_progress || true
grep -q '^LIB_DIR=' "$OUT_FILE" || { tail -n 30 "$OUT_FILE"; fail "javacpp build"; }
LIB_DIR=$(sed -n 's/^LIB_DIR=//p' "$OUT_FILE" | tail -n 1)
rm -f "$OUT_FILE"
done_step "LIB_DIR=$LIB_DIR"

step 5/5 "RTSP integration tests through the custom build (pathsFirst, no plugin)"
MVN_LOG=$(mktemp)
rc=0
mvn -B -Popencv-custom "-Dopencv.custom.lib=$LIB_DIR" verify </dev/null >"$MVN_LOG" 2>&1 || rc=$?
sed 's/\x1b\[[0-9;]*m//g' "$MVN_LOG" | grep -E 'Tests run:|FAIL|BUILD' || true
if [ $rc != 0 ]; then
  sed 's/\x1b\[[0-9;]*m//g' "$MVN_LOG" | tail -n 60
  fail "mvn -Popencv-custom verify (exit $rc)" "mvn -B -Popencv-custom -Dopencv.custom.lib=$LIB_DIR verify"
fi
rm -f "$MVN_LOG"
done_step "passed"

echo "[ci-opencv] done in $(( $(date +%s) - T0 )) s"
