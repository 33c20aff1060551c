#!/usr/bin/env bash
# CI: what the Wine tests of the Windows plugin need (WindowsPluginWineTest), on Debian:
#   1. packages: Debian's Wine (wine, wine64), meson, pkg-config, flex, bison, python3, mingw-w64
#      (already there after setup-debian.sh)
#   2. a Windows x64 GStreamer runtime cross-built from Debian's sources
#      (opencv-build/windows/build-gstreamer-runtime.sh; cached in ~/.cache/dualstream)
#   3. a Wine prefix (created once, kept in ~/.cache/dualstream/wine-prefix)
# Prints the runtime's root folder on its last line, for
#   mvn verify -Ddualstream.wine.required=true -Ddualstream.wine.gstreamer=<root>
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${DUALSTREAM_CACHE:-$HOME/.cache/dualstream}
T0=$(date +%s)
step_t0=$T0
step() { step_t0=$(date +%s); echo "[ci-wine] step $1/3: $2" >&2; }
done_step() { echo "[ci-wine] step $1/3: ... $2 ($(( $(date +%s) - step_t0 )) s)" >&2; }
fail() { echo "[ci-wine] FAILED: $1${2:+ -- fix: $2}" >&2; exit 1; }
SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo -n env DEBIAN_FRONTEND=noninteractive)

step 1 "packages"
PACKAGES=(wine wine64 meson ninja-build pkg-config flex bison libglib2.0-dev-bin python3 g++-mingw-w64-x86-64-posix
          binutils-mingw-w64-x86-64 xz-utils)
MISSING=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || MISSING+=("$p")
done
if [ ${#MISSING[@]} -gt 0 ]; then
  echo "[ci-wine]   installing: ${MISSING[*]}" >&2
  { "${SUDO[@]}" apt-get -q update && "${SUDO[@]}" apt-get -q -y install --no-install-recommends "${MISSING[@]}"; } </dev/null >&2 ||
    fail "apt-get install ${MISSING[*]}" "${SUDO[*]:+sudo }apt-get install -y ${MISSING[*]}"
  done_step 1 "installed ${#MISSING[@]} package(s)"
else
  done_step 1 "all ${#PACKAGES[@]} packages already installed"
fi
command -v wine >/dev/null 2>&1 || fail "wine is not on PATH after installing it" "apt-get install -y wine wine64"

step 2 "GStreamer runtime for Windows x64 (cross-built from Debian's sources)"
ROOT=$("$HERE/windows/build-gstreamer-runtime.sh" | tail -n 1)
[ -f "$ROOT/bin/gstreamer-1.0-0.dll" ] || fail "the runtime build gave no $ROOT/bin/gstreamer-1.0-0.dll"
done_step 2 "$ROOT"

step 3 "Wine prefix"
export WINEPREFIX="$CACHE/wine-prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
if [ -f "$WINEPREFIX/system.reg" ]; then
  done_step 3 "already there: $WINEPREFIX"
else
  mkdir -p "$WINEPREFIX"
  wine wineboot -i </dev/null >/dev/null 2>&1 || fail "wineboot -i in $WINEPREFIX" "rm -rf $WINEPREFIX and run again"
  wineserver -w   # the registry files are written when the prefix's wineserver ends
  done_step 3 "created $WINEPREFIX ($(wine --version))"
fi
echo "[ci-wine] done in $(( $(date +%s) - T0 )) s" >&2
echo "$ROOT"
