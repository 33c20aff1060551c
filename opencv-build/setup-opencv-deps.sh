#!/usr/bin/env bash
# System packages for full OpenCV builds (build-opencv.sh, profiles world and javacpp) on
# Debian/Ubuntu, beyond what setup-debian.sh installs: Ninja, ccache, and the -dev packages of the
# image libraries and protobuf that a build from Debian's +dfsg source (no 3rdparty/) links against.
# Idempotent; --no-install-recommends; sudo when not root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PACKAGES=(cmake g++ make ninja-build ccache pkg-config xz-utils dpkg-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  zlib1g-dev libjpeg-dev libpng-dev libtiff-dev libwebp-dev libprotobuf-dev protobuf-compiler)
case "${1:-}" in -h|--help) sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; printf '  %s\n' "${PACKAGES[*]}"; exit 0 ;; esac
SUDO=()
[ "$(id -u)" = 0 ] || SUDO=(sudo -n env DEBIAN_FRONTEND=noninteractive)
MISSING=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || MISSING+=("$p")
done
if [ ${#MISSING[@]} -eq 0 ]; then
  echo "[opencv-deps] all ${#PACKAGES[@]} packages already installed"
  exit 0
fi
T0=$(date +%s)
echo "[opencv-deps] installing: ${MISSING[*]}"
"${SUDO[@]}" apt-get -q update >/dev/null || { echo "[opencv-deps] FAILED: apt-get update -- fix: check the machine's apt sources" >&2; exit 1; }
"${SUDO[@]}" apt-get -q -y install --no-install-recommends "${MISSING[@]}" </dev/null >/dev/null ||
  { echo "[opencv-deps] FAILED: apt-get install ${MISSING[*]} -- fix: ${SUDO[*]:+sudo }apt-get install -y ${MISSING[*]}" >&2; exit 1; }
echo "[opencv-deps] installed ${#MISSING[@]} package(s) in $(( $(date +%s) - T0 )) s"
