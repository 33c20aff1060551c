#!/usr/bin/env bash
# Writes GLib's glibconfig.h for Windows x64 (mingw-w64, LLP64: long is 32-bit) from the
# glibconfig.h.in of GLib's source, i.e. what GLib's own meson configure produces for that host.
#   glibconfig-win64.sh <glib source tree> <output glibconfig.h>
set -euo pipefail
SRC=$1 OUT=$2
IN="$SRC/glib/glibconfig.h.in"
[ -r "$IN" ] || { echo "glibconfig-win64: $IN not found" >&2; exit 1; }
ver=$(sed -n "s/^ *version *: *'\([0-9.]*\)'.*/\1/p" "$SRC/meson.build" | head -n 1)
IFS=. read -r major minor micro <<<"$ver"
[ -n "$micro" ] || { echo "glibconfig-win64: no version in $SRC/meson.build" >&2; exit 1; }
# name|value; values are inserted verbatim (C text, quotes included)
values() {
  cat <<VALUES
GLIB_MAJOR_VERSION|$major
GLIB_MINOR_VERSION|$minor
GLIB_MICRO_VERSION|$micro
gint16|short
gint16_modifier|"h"
gint16_format|"hi"
guint16_format|"hu"
gint32|int
gint32_modifier|""
gint32_format|"i"
guint32_format|"u"
glib_extension|G_GNUC_EXTENSION 
gint64|long long
gint64_constant|(G_GNUC_EXTENSION (val##LL))
guint64_constant|(G_GNUC_EXTENSION (val##ULL))
gint64_modifier|"ll"
gint64_format|"lli"
guint64_format|"llu"
glib_void_p|8
glib_long|4
glib_size_t|8
glib_ssize_t|8
glib_size_type_define|long long
gsize_modifier|"ll"
gssize_modifier|"ll"
gsize_format|"llu"
gssize_format|"lli"
glib_msize_type|INT64
g_pollfd_format|"%#llx"
glib_gpi_cast|(gint64)
glib_gpui_cast|(guint64)
glib_intptr_type_define|long long
gintptr_modifier|"ll"
gintptr_format|"lli"
guintptr_format|"llu"
glib_os|#define G_OS_WIN32\n#define G_PLATFORM_WIN32
glib_vacopy|#define G_VA_COPY va_copy
g_threads_impl_def|WIN32
g_bs_native|LE
g_bs_alien|BE
glongbits|32
gintbits|32
gsizebits|64
g_byte_order|G_LITTLE_ENDIAN
g_pollin|1
g_pollout|4
g_pollpri|2
g_pollhup|16
g_pollerr|8
g_pollnval|32
g_module_suffix|dll
g_pid_type|void*
g_pid_format|"p"
g_af_unix|1
g_af_inet|2
g_af_inet6|23
g_msg_oob|1
g_msg_peek|2
g_msg_dontroute|4
g_dir_separator|\\\\
g_searchpath_separator|;
VALUES
}
# meson's #mesondefine: these are set for this host, the others are left undefined
defined="G_HAVE_GROWING_STACK=0 G_ATOMIC_LOCK_FREE="
tmp="$OUT.tmp"
awk -v defined="$defined" '
  BEGIN {
    n = split(defined, d, " ")
    for (i = 1; i <= n; i++) { split(d[i], kv, "="); def[kv[1]] = kv[2] }
    while ((getline line < "/dev/stdin") > 0) {
      p = index(line, "|"); val[substr(line, 1, p - 1)] = substr(line, p + 1)
    }
  }
  /^#mesondefine / {
    if ($2 in def) print "#define " $2 (def[$2] != "" ? " " def[$2] : ""); else print "/* #undef " $2 " */"
    next
  }
  {
    out = ""; rest = $0
    while (match(rest, /@[A-Za-z0-9_]+@/)) {
      name = substr(rest, RSTART + 1, RLENGTH - 2)
      if (!(name in val)) { print "glibconfig-win64: no value for @" name "@" > "/dev/stderr"; bad = 1 }
      v = val[name]; gsub(/\\n/, "\n", v)
      out = out substr(rest, 1, RSTART - 1) v
      rest = substr(rest, RSTART + RLENGTH)
    }
    print out rest
  }
  END { exit bad }' "$IN" > "$tmp" < <(values) || { rm -f "$tmp"; exit 1; }
mv "$tmp" "$OUT"
