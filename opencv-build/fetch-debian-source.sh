#!/usr/bin/env bash
# Fetch the OpenCV source tarball from Debian's source pool (Debian only; called by build-plugin.cmake).
#
#   fetch-debian-source.sh OPENCV_VERSION DEST_DIR STATE_DIR [PREFERRED_DEBIAN_VERSION]
#
# Other source packages (the Windows build's zlib, GLib, GStreamer): DEBIAN_SOURCE_PACKAGE=<name>,
# OPENCV_DEBIAN_SUITES=bookworm and OPENCV_VERSION "any" (the newest version in those suites).
#
# Debian bookworm ships OpenCV 4.6 only, newer releases (e.g. trixie) have 4.10. This script adds a
# deb-src entry for the suites in $OPENCV_DEBIAN_SUITES (default: trixie) pointing at the SAME mirror
# as this machine's existing Debian entry, read at run time from /etc/apt/sources.list and
# /etc/apt/sources.list.d/* (one-line .list and deb822 .sources formats). It does NOT touch the
# system's apt configuration: the entry lives in a private sources file and a private lists/cache
# dir under STATE_DIR, passed to apt-get with -o Dir::Etc::SourceList=... etc.
#
# It picks the Debian version of source package "opencv" whose upstream part equals OPENCV_VERSION
# (PREFERRED_DEBIAN_VERSION first if the mirror has it, else the newest match), downloads it with
# `apt-get source --download-only` into DEST_DIR and checks the main orig tarball against the
# SHA-256 in the (signed) Sources index. apt-get may exit non-zero because a .dsc is missing on the
# mirror while the tarballs did arrive, so the files are checked, not the exit code.
#
# stdout: the path of the main orig tarball (last line). Progress goes to stderr.
# Exit: 0 ok, 2 not applicable here (not Debian, no apt-get, no Debian mirror entry), 1 failure.

set -u
set -o pipefail

log() { printf '[debian-source] %s\n' "$*" >&2; }
die() { log "$1"; exit "${2:-1}"; }

[ $# -ge 3 ] || die "usage: $0 OPENCV_VERSION DEST_DIR STATE_DIR [PREFERRED_DEBIAN_VERSION]" 1
VERSION=$1
DEST=$2
STATE=$3
PREFERRED=${4:-}
SUITES=${OPENCV_DEBIAN_SUITES:-trixie}
APT_ETC=${OPENCV_APT_ETC:-/etc/apt}   # where the machine's apt sources are read from (tests may override)
PKG=${DEBIAN_SOURCE_PACKAGE:-opencv}

[ -r /etc/debian_version ] || die "not a Debian system" 2
command -v apt-get >/dev/null 2>&1 || die "apt-get not found" 2
command -v apt-cache >/dev/null 2>&1 || die "apt-cache not found" 2

# ---------------------------------------------------------------------------------------------
# Find the machine's Debian mirror: first entry whose suite is a Debian release (not -security).
# Output of the parsers: one line per entry, "URI<TAB>SUITE<TAB>SIGNED_BY".
# ---------------------------------------------------------------------------------------------
DEBIAN_SUITE_RE='^(buster|bullseye|bookworm|trixie|forky|duke|sid|oldoldstable|oldstable|stable|testing|unstable)(-updates|-backports|-proposed-updates)?$'

parse_one_line() {  # $1 = file in one-line format
  awk '
    /^[[:space:]]*#/ || NF == 0 { next }
    {
      sub(/#.*/, "")
      type = $1; if (type != "deb" && type != "deb-src") next
      i = 2; signed = ""
      if ($i ~ /^\[/) {                       # [ opt=val ... ]
        opts = ""
        while (i <= NF) { opts = opts " " $i; if ($i ~ /\]$/) { i++; break } i++ }
        gsub(/[][]/, "", opts)
        n = split(opts, o, /[[:space:]]+/)
        for (k = 1; k <= n; k++) if (o[k] ~ /^signed-by=/) { signed = substr(o[k], 11) }
      }
      uri = $i; suite = $(i + 1)
      if (uri != "" && suite != "") printf "%s\t%s\t%s\n", uri, suite, signed
    }' "$1"
}

parse_deb822() {  # $1 = file in deb822 format
  awk '
    function flush() {
      if (types ~ /(^|[[:space:]])deb(-src)?([[:space:]]|$)/ && enabled != "no" && uris != "") {
        split(uris, u, /[[:space:]]+/); ns = split(suites, s, /[[:space:]]+/)
        for (k = 1; k <= ns; k++) if (s[k] != "") printf "%s\t%s\t%s\n", u[1], s[k], signed
      }
      types = uris = suites = signed = enabled = ""; infield = ""
    }
    /^[[:space:]]*#/ { next }
    /^[[:space:]]*$/ { flush(); next }
    /^[[:space:]]/ { next }                       # continuation line (e.g. embedded key)
    {
      line = $0; key = tolower(line); sub(/:.*/, "", key)
      val = line; sub(/^[^:]*:[[:space:]]*/, "", val); sub(/[[:space:]]+$/, "", val)
      if (key == "types") types = val
      else if (key == "uris") uris = val
      else if (key == "suites") suites = val
      else if (key == "enabled") enabled = tolower(val)
      else if (key == "signed-by") signed = (val ~ /^\//) ? val : ""
    }
    END { flush() }' "$1"
}

entries() {
  [ -r "$APT_ETC/sources.list" ] && parse_one_line "$APT_ETC/sources.list"
  for f in "$APT_ETC"/sources.list.d/*.list; do [ -r "$f" ] && parse_one_line "$f"; done
  for f in "$APT_ETC"/sources.list.d/*.sources; do [ -r "$f" ] && parse_deb822 "$f"; done
  return 0
}

MIRROR=""; KEYRING=""
while IFS=$'\t' read -r uri suite signed; do
  case "$uri" in http://*|https://*|file:*) ;; *) continue ;; esac
  [[ "$suite" =~ $DEBIAN_SUITE_RE ]] || continue
  MIRROR=${uri%/}; KEYRING=$signed
  break
done < <(entries)
[ -n "$MIRROR" ] || die "no Debian mirror entry found in $APT_ETC/sources.list or $APT_ETC/sources.list.d/" 2
if [ -z "$KEYRING" ] && [ -r /usr/share/keyrings/debian-archive-keyring.gpg ]; then
  KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
fi
log "mirror: $MIRROR (from this machine's apt sources); suites: $SUITES"

# ---------------------------------------------------------------------------------------------
# Private apt configuration.
# ---------------------------------------------------------------------------------------------
mkdir -p "$STATE/lists/partial" "$STATE/cache/archives/partial" "$DEST" || die "cannot create $STATE or $DEST"
STATE=$(cd "$STATE" && pwd)
DEST=$(cd "$DEST" && pwd)
LIST="$STATE/sources.list"
: > "$LIST"
for s in $SUITES; do
  if [ -n "$KEYRING" ]; then
    printf 'deb-src [signed-by=%s] %s %s main\n' "$KEYRING" "$MIRROR" "$s" >> "$LIST"
  else
    printf 'deb-src %s %s main\n' "$MIRROR" "$s" >> "$LIST"
  fi
done
APT_OPTS=(
  -o "Dir::Etc::SourceList=$LIST"
  -o "Dir::Etc::SourceParts=/nonexistent"
  -o "Dir::State::Lists=$STATE/lists"
  -o "Dir::Cache=$STATE/cache"
)
if [ "$(id -u)" = 0 ]; then
  # Files in the private folders belong to root: do not drop privileges to _apt for downloads.
  APT_OPTS+=(-o "APT::Sandbox::User=root")
fi

log "apt-get update (private sources file and lists under $STATE)"
if ! apt-get -q "${APT_OPTS[@]}" update >"$STATE/update.log" 2>&1; then
  tail -n 5 "$STATE/update.log" >&2
  die "apt-get update with the private deb-src entry failed (log: $STATE/update.log)"
fi

# ---------------------------------------------------------------------------------------------
# Pick the version.
# ---------------------------------------------------------------------------------------------
upstream_of() {  # 4.10.0+dfsg-9 -> 4.10.0 ; 1:2.3~rc1-2 -> 2.3
  local v=${1#*:}
  v=${v%-*}
  v=${v%%+*}
  v=${v%%~*}
  printf '%s' "$v"
}

AVAILABLE=$(apt-cache "${APT_OPTS[@]}" showsrc "$PKG" 2>/dev/null | awk '/^Version:/ {print $2}' | sort -u)
[ -n "$AVAILABLE" ] || die "source package '$PKG' not found in: $SUITES"
MATCHING=""
for v in $AVAILABLE; do
  { [ "$VERSION" = any ] || [ "$(upstream_of "$v")" = "$VERSION" ]; } && MATCHING="$MATCHING $v"
done
if [ -z "$MATCHING" ]; then
  die "no '$PKG' source with upstream version $VERSION in $SUITES (available: $(echo $AVAILABLE))"
fi
PICK=""
if [ -n "$PREFERRED" ]; then
  for v in $MATCHING; do [ "$v" = "$PREFERRED" ] && PICK=$v; done
  [ -n "$PICK" ] || log "preferred $PREFERRED is not on the mirror; available for $VERSION:$MATCHING"
fi
if [ -z "$PICK" ]; then
  for v in $MATCHING; do
    if [ -z "$PICK" ] || dpkg --compare-versions "$v" gt "$PICK" 2>/dev/null; then PICK=$v; fi
  done
fi
log "picked $PKG $PICK"

# Main orig tarball of that version and its SHA-256 from the Sources index.
read -r SHA NAME < <(apt-cache "${APT_OPTS[@]}" showsrc "$PKG" 2>/dev/null | awk -v want="$PICK" '
  /^Package:/ { ver = ""; insha = 0 }
  /^Version:/ { ver = $2 }
  /^[A-Za-z0-9-]+:/ { insha = ($1 == "Checksums-Sha256:") ; next }
  insha && ver == want && $3 ~ /\.orig\.tar\.[a-z0-9]+$/ && $3 !~ /\.orig-/ { print $1, $3; exit }')
[ -n "${NAME:-}" ] || die "could not find the main .orig tarball of $PKG $PICK in the Sources index"

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | awk '{print $1}')" = "$SHA" ]; }

if sha_ok "$DEST/$NAME"; then
  log "$NAME already in $DEST"
else
  log "apt-get source --download-only $PKG=$PICK  (into $DEST)"
  ( cd "$DEST" && apt-get -q "${APT_OPTS[@]}" source --download-only "$PKG=$PICK" ) >"$STATE/source.log" 2>&1
  rc=$?
  if [ $rc -ne 0 ]; then
    log "apt-get source exited with $rc (a missing .dsc is expected on some mirrors); checking the files"
  fi
  if ! sha_ok "$DEST/$NAME"; then
    tail -n 5 "$STATE/source.log" >&2
    die "$NAME did not arrive intact (log: $STATE/source.log)"
  fi
fi
log "ok: $NAME (sha256 $SHA)"
printf '%s\n' "$DEST/$NAME"
