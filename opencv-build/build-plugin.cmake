# Build OpenCV's standalone GStreamer videoio plugin for the bytedeco OpenCV jar.
#
#   cmake -DOPENCV_VERSION=<opencv.version> -DJAVACPP_VERSION=<javacpp.version> \
#         -DBYTEDECO_JAR=<path>/opencv-<opencv.version>-<javacpp.version>-<platform>.jar \
#         -DPLATFORM=<linux-x86_64 | windows-x86_64> \
#         [-DOPENCV_SOURCE_ARCHIVE=<opencv-<ver>.tar.gz | .zip | opencv_<ver>+dfsg.orig.tar.xz>] \
#         [-DOPENCV_SOURCE_DIR=<unpacked OpenCV source tree>] [-DOPENCV_SOURCE_SHA256=<hex>] \
#         [-DOPENCV_SOURCE_URL=<mirror of the release archive>] [-DGENERATOR=Ninja] \
#         [-DGSTREAMER_DIR=<Windows GStreamer root>] [-DFORCE=ON] \
#         [-DOPENCV_SOURCE_DEBIAN=OFF] [-DOPENCV_SOURCE_DOWNLOAD=OFF] [-DSTAGE_ONLY=ON] [-DSOURCE_ONLY=ON] \
#         -P opencv-build/build-plugin.cmake
#
# The versions come from pom.xml (opencv-build/build-plugin.sh reads them); nothing here pins them
# except the table of known source-archive hashes below.
#
# Source order: OPENCV_SOURCE_DIR > OPENCV_SOURCE_ARCHIVE > already unpacked tree
#   > archive already in opencv-build/downloads > Debian source package (Debian hosts only)
#   > official release archive downloaded from GitHub, checked against a known SHA-256.
#
# Output: opencv-build/out/plugins/<PLATFORM>/<plugin file>, the name OpenCV's loader looks for:
#   Linux   libopencv_videoio_gstreamer.so            (glob libopencv_videoio_gstreamer*.so)
#   Windows opencv_videoio_gstreamer<MAJOR><MINOR><PATCH>_64.dll   (exact name, no glob)
# Work folders (git-ignored): opencv-build/{downloads,sources,build,out}.
# FORCE=ON re-stages the jar and rebuilds from a clean build folder even when the stamp says the
# output is up to date (the unpacked source is kept). STAGE_ONLY=ON only stages
# the jar as a CMake package (any platform's jar, on any host) and prints its OpenCV_DIR.
# SOURCE_ONLY=ON only obtains and unpacks the source (steps 1-2, any platform, on any host) and
# prints "source tree: <dir>" (used by build-windows-plugin.sh, the mingw cross build).

cmake_minimum_required(VERSION 3.21)

# Known SHA-256 of https://github.com/opencv/opencv/archive/refs/tags/<version>.tar.gz.
# Each value was cross-checked in at least two independent package recipes that pin that URL
# (Homebrew, Arch Linux, xmake-repo, Termux, MXE, ...). Add a line per new version.
set(_known_sha256_4.6.0  "1ec1cba65f9f20fe5a41fda1586e01c70ea0c9a6d7b67c9e13edf0cfe2239277")
set(_known_sha256_4.10.0 "b2171af5be6b26f7a06b1229948bbb2bdaa74fcf5cd097e0af6378fce50a6eb9")
set(_known_sha256_4.11.0 "9a7c11f924eff5f8d8070e297b322ee68b9227e003fd600d4b8122198091665f")
set(_known_sha256_4.12.0 "44c106d5bb47efec04e531fd93008b3fcd1d27138985c5baf4eafac0e1ec9e9d")
set(_known_sha256_4.13.0 "1d40ca017ea51c533cf9fd5cbde5b5fe7ae248291ddf2af99d4c17cf8e13017d")
set(_known_sha256_4.14.0 "ee8fb9b30eb60850431b4656447080e3737b56e45719c92b67f245950609f86e")
# Debian revision known to carry a given upstream version (tried first; any revision with the
# same upstream version is accepted when the mirror does not have it).
set(_debian_version_4.10.0 "4.10.0+dfsg-9")

set(_github_url_template "https://github.com/opencv/opencv/archive/refs/tags/@V@.tar.gz")

# ============================================================================================
# helpers
# ============================================================================================
include("${CMAKE_CURRENT_LIST_DIR}/extract-archive.cmake")

function(_say text)
  message(STATUS "[plugin] ${text}")
endfunction()

# One clear line: what failed, and the command that fixes it.
function(_fail what)
  set(_fix "${ARGN}")
  if(_fix)
    message(FATAL_ERROR " FAILED: ${what} -- fix: ${_fix}")   # leading space: CMake does not re-wrap it
  else()
    message(FATAL_ERROR " FAILED: ${what}")
  endif()
endfunction()

macro(_now var)
  string(TIMESTAMP ${var} "%s%f")   # microseconds since the epoch (CMake >= 3.23)
  if(NOT ${var} MATCHES "^[0-9]+$")
    string(TIMESTAMP ${var} "%s")
    string(APPEND ${var} "000000")
  endif()
endmacro()

function(_seconds out from to)      # "12.3"
  math(EXPR _ds "(${to} - ${from}) / 100000")
  math(EXPR _int "${_ds} / 10")
  math(EXPR _dec "${_ds} % 10")
  set(${out} "${_int}.${_dec}" PARENT_SCOPE)
endfunction()

set(_steps download unpack stage configure build verify install)
list(LENGTH _steps _nsteps)
set(_timings "")

macro(_step_begin name)
  list(FIND _steps ${name} _idx)
  math(EXPR _idx "${_idx} + 1")
  set(_step_name ${name})
  _say("step ${_idx}/${_nsteps}: ${name}")
  _now(_step_t0)
endmacro()

macro(_step_end)                    # optional argument: note, e.g. "skipped: ..."
  _now(_step_t1)
  _seconds(_step_s ${_step_t0} ${_step_t1})
  set(_note "${ARGN}")
  if(_note)
    _say("step ${_idx}/${_nsteps}: ${_step_name}: ${_note} (${_step_s} s)")
  else()
    _say("step ${_idx}/${_nsteps}: ${_step_name}: done in ${_step_s} s")
  endif()
  list(APPEND _timings "${_step_name}=${_step_s}")
endmacro()

function(_file_id out path)          # name, size (and modification time) of a file
  file(SIZE "${path}" _size)
  get_filename_component(_name "${path}" NAME)
  set(_id "${_name} size=${_size}")
  if(NOT "${ARGN}" STREQUAL "NO_MTIME")
    file(TIMESTAMP "${path}" _mtime "%Y-%m-%dT%H:%M:%S" UTC)
    string(APPEND _id " mtime=${_mtime}")
  endif()
  set(${out} "${_id}" PARENT_SCOPE)
endfunction()

function(_source_version out tree)   # "4.10.0" from modules/core/include/opencv2/core/version.hpp
  set(_h "${tree}/modules/core/include/opencv2/core/version.hpp")
  if(NOT EXISTS "${_h}")
    set(${out} "" PARENT_SCOPE)
    return()
  endif()
  file(STRINGS "${_h}" _v REGEX "^#define CV_VERSION_(MAJOR|MINOR|REVISION) +[0-9]+")
  string(REGEX REPLACE ".*CV_VERSION_MAJOR +([0-9]+).*" "\\1" _a "${_v}")
  string(REGEX REPLACE ".*CV_VERSION_MINOR +([0-9]+).*" "\\1" _b "${_v}")
  string(REGEX REPLACE ".*CV_VERSION_REVISION +([0-9]+).*" "\\1" _c "${_v}")
  set(${out} "${_a}.${_b}.${_c}" PARENT_SCOPE)
endfunction()

# Prefix an apt-get fix with sudo when not running as root.
set(_sudo "")
if(CMAKE_HOST_UNIX)
  execute_process(COMMAND id -u OUTPUT_VARIABLE _uid OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT _uid STREQUAL "0")
    set(_sudo "sudo ")
  endif()
endif()
function(_fix_line out text)
  if(text MATCHES "^apt-get ")
    set(text "${_sudo}${text}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Print the tail of a log file.
function(_show_tail log n)
  if(EXISTS "${log}")
    file(STRINGS "${log}" _lines)
    list(LENGTH _lines _len)
    math(EXPR _from "${_len} - ${n}")
    if(_from LESS 0)
      set(_from 0)
    endif()
    if(_len GREATER 0)
      list(SUBLIST _lines ${_from} -1 _tail)
      foreach(_l IN LISTS _tail)
        if(NOT _l STREQUAL "")
          message("    | ${_l}")
        endif()
      endforeach()
    endif()
  endif()
endfunction()

# ============================================================================================
# inputs
# ============================================================================================
_now(_t_start)
foreach(_v OPENCV_VERSION JAVACPP_VERSION BYTEDECO_JAR PLATFORM)
  if(NOT ${_v})
    _fail("missing -D${_v}=..." "run opencv-build/build-plugin.sh, which reads the versions from pom.xml")
  endif()
endforeach()
if(NOT OPENCV_VERSION MATCHES "^([0-9]+)\\.([0-9]+)\\.([0-9]+)$")
  _fail("OPENCV_VERSION='${OPENCV_VERSION}' is not MAJOR.MINOR.PATCH")
endif()
set(_cv_major ${CMAKE_MATCH_1})
set(_cv_minor ${CMAKE_MATCH_2})
set(_cv_patch ${CMAKE_MATCH_3})
if(NOT DEFINED OPENCV_SOURCE_DEBIAN)
  set(OPENCV_SOURCE_DEBIAN ON)
endif()
if(NOT DEFINED OPENCV_SOURCE_DOWNLOAD)
  set(OPENCV_SOURCE_DOWNLOAD ON)
endif()

get_filename_component(_here "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)   # opencv-build/
get_filename_component(_repo "${_here}/.." ABSOLUTE)
set(_downloads "${_here}/downloads")
set(_sources   "${_here}/sources")
set(_build     "${_here}/build/${PLATFORM}")
set(_out_dir   "${_here}/out/plugins/${PLATFORM}")
set(_out_tmp   "${_here}/out/.tmp")
set(_wrapper   "${_repo}/cmake/plugin-gstreamer")
set(_tag       "${OPENCV_VERSION}-${JAVACPP_VERSION}")
set(_stage     "${_build}/bytedeco-opencv-${_tag}")
set(_pbuild    "${_build}/plugin-gstreamer-${_tag}")
set(_logs      "${_build}/logs")
set(_stamp     "${_build}/plugin-gstreamer-${_tag}.stamp")

get_filename_component(BYTEDECO_JAR "${BYTEDECO_JAR}" ABSOLUTE)
if(NOT EXISTS "${BYTEDECO_JAR}")
  _fail("bytedeco jar not found: ${BYTEDECO_JAR}"
        "mvn -B -q dependency:copy -Dartifact=org.bytedeco:opencv:${_tag}:jar:${PLATFORM} -DoutputDirectory=opencv-build/downloads")
endif()

# Expected plugin file name (what OpenCV's loader looks for, see backend_plugin.cpp)
if(PLATFORM MATCHES "^windows-(x86_64|x86)$")
  set(_plugin_name "opencv_videoio_gstreamer${_cv_major}${_cv_minor}${_cv_patch}")
  if(PLATFORM STREQUAL "windows-x86_64")
    string(APPEND _plugin_name "_64")
  endif()
  string(APPEND _plugin_name ".dll")
  if(NOT CMAKE_HOST_WIN32 AND NOT STAGE_ONLY AND NOT SOURCE_ONLY)
    _fail("PLATFORM=${PLATFORM} is built on Windows with Visual Studio by this driver"
          "on Debian, cross-build it with mingw-w64: opencv-build/build-windows-plugin.sh")
  endif()
elseif(PLATFORM MATCHES "^linux-")
  set(_plugin_name "libopencv_videoio_gstreamer.so")
  if(NOT CMAKE_HOST_SYSTEM_NAME STREQUAL "Linux" AND NOT STAGE_ONLY)
    _fail("PLATFORM=${PLATFORM} must be built on Linux (no cross build)")
  endif()
else()
  _fail("unsupported PLATFORM=${PLATFORM} (linux-x86_64, windows-x86_64)")
endif()

file(MAKE_DIRECTORY "${_build}" "${_logs}" "${_sources}" "${_downloads}")
file(LOCK "${_build}/.lock" GUARD PROCESS TIMEOUT 1800 RESULT_VARIABLE _lock)
if(_lock)
  _fail("another build holds ${_build}/.lock (${_lock})")
endif()
file(REMOVE_RECURSE "${_out_tmp}")

_say("OpenCV ${OPENCV_VERSION} / JavaCPP ${JAVACPP_VERSION} / ${PLATFORM}")
_say("jar: ${BYTEDECO_JAR}")

# ============================================================================================
# which source tree?
# ============================================================================================
set(_tree "${_sources}/opencv-${OPENCV_VERSION}")
set(_tree_stamp "${_tree}/.dualstream-source")
set(_need_unpack TRUE)
set(_archive "")

if(OPENCV_SOURCE_DIR)
  get_filename_component(_tree "${OPENCV_SOURCE_DIR}" ABSOLUTE)
  _source_version(_sv "${_tree}")
  if(NOT EXISTS "${_tree}/modules/videoio/misc/plugin_gstreamer/CMakeLists.txt")
    _fail("OPENCV_SOURCE_DIR=${_tree} is not an OpenCV source tree (no modules/videoio/misc/plugin_gstreamer)")
  endif()
  if(NOT _sv STREQUAL OPENCV_VERSION)
    _fail("OPENCV_SOURCE_DIR=${_tree} holds OpenCV ${_sv}, pom.xml wants ${OPENCV_VERSION}")
  endif()
  set(_source_id "dir:${_tree}")
  set(_need_unpack FALSE)
elseif(OPENCV_SOURCE_ARCHIVE)
  get_filename_component(_archive "${OPENCV_SOURCE_ARCHIVE}" ABSOLUTE)
  if(NOT EXISTS "${_archive}" OR IS_DIRECTORY "${_archive}")
    _fail("source archive not found: ${_archive}"
          "copy opencv-${OPENCV_VERSION}.tar.gz (or Debian's opencv_${OPENCV_VERSION}+dfsg.orig.tar.xz) to this machine and pass its real path: opencv-build/build-plugin.sh --source-archive <file>")
  endif()
  _file_id(_aid "${_archive}" NO_MTIME)
  if(EXISTS "${_tree_stamp}")
    file(READ "${_tree_stamp}" _old)
    string(FIND "${_old}" "archive:${_aid} unpacked:" _pos)
    if(_pos EQUAL 0)
      set(_need_unpack FALSE)
    endif()
  endif()
elseif(EXISTS "${_tree_stamp}")
  set(_need_unpack FALSE)
endif()
if(NOT OPENCV_SOURCE_DIR AND NOT _need_unpack)
  file(READ "${_tree_stamp}" _source_id)
  string(STRIP "${_source_id}" _source_id)
endif()

# ============================================================================================
# up to date?
# ============================================================================================
_file_id(_jar_id "${BYTEDECO_JAR}")
file(MD5 "${CMAKE_CURRENT_LIST_FILE}" _md5_driver)
file(MD5 "${_wrapper}/CMakeLists.txt" _md5_wrapper)
file(MD5 "${_wrapper}/dualstream_keyframe_gate.hpp" _md5_gate)   # compiled into cap_gstreamer.cpp
set(_gen "${GENERATOR}")
macro(_compose_stamp)
  string(JOIN "\n" _stamp_text
    "opencv=${OPENCV_VERSION}" "javacpp=${JAVACPP_VERSION}" "platform=${PLATFORM}"
    "jar=${_jar_id}" "source=${_source_id}" "driver=${_md5_driver}" "wrapper=${_md5_wrapper}"
    "gate=${_md5_gate}" "generator=${_gen}" "gstreamer_dir=${GSTREAMER_DIR}" "output=${_plugin_name}")
endmacro()

if(STAGE_ONLY)
  set(_need_unpack FALSE)
  set(_steps stage)
  set(_nsteps 1)
elseif(SOURCE_ONLY)
  set(_steps download unpack)
  set(_nsteps 2)
elseif(NOT _need_unpack AND NOT FORCE AND EXISTS "${_stamp}" AND EXISTS "${_out_dir}/${_plugin_name}")
  _compose_stamp()
  file(READ "${_stamp}" _old_stamp)
  if(_old_stamp STREQUAL _stamp_text
     AND "${_out_dir}/${_plugin_name}" IS_NEWER_THAN "${BYTEDECO_JAR}"
     AND "${_out_dir}/${_plugin_name}" IS_NEWER_THAN "${_stamp}")
    _now(_t_end)
    _seconds(_total ${_t_start} ${_t_end})
    _say("up to date: ${_out_dir}/${_plugin_name}")
    _say("  (same versions, jar, source, scripts; stamp ${_stamp}) -- nothing to do; -DFORCE=ON (build-plugin.sh --force) rebuilds")
    _say("total: ${_total} s")
    return()
  endif()
endif()

# ============================================================================================
# step 1: download (obtain a source archive)
# ============================================================================================
if(NOT STAGE_ONLY)
_step_begin(download)
set(_note "")
if(NOT _need_unpack)
  if(OPENCV_SOURCE_DIR)
    set(_note "skipped: using OPENCV_SOURCE_DIR ${_tree}")
  else()
    set(_note "skipped: source already unpacked in ${_tree} (${_source_id})")
  endif()
elseif(_archive)
  set(_note "skipped: using the given archive ${_archive}")
else()
  set(_known "${_known_sha256_${OPENCV_VERSION}}")
  set(_sha "${OPENCV_SOURCE_SHA256}")
  if(NOT _sha)
    set(_sha "${_known}")
  endif()
  string(TOLOWER "${_sha}" _sha)
  # (a') an archive fetched earlier
  set(_official "${_downloads}/opencv-${OPENCV_VERSION}.tar.gz")
  file(GLOB _debian_cached LIST_DIRECTORIES FALSE "${_downloads}/opencv_${OPENCV_VERSION}*.orig.tar.*")
  list(FILTER _debian_cached EXCLUDE REGEX "\\.orig-[^/]*$")
  list(FILTER _debian_cached EXCLUDE REGEX "\\.(asc|sig)$")
  if(EXISTS "${_official}")
    if(_sha)
      file(SHA256 "${_official}" _got)
      if(_got STREQUAL _sha)
        set(_archive "${_official}")
      else()
        _say("  ${_official}: SHA-256 ${_got} != expected ${_sha}; discarding it")
        file(REMOVE "${_official}")
      endif()
    else()
      set(_archive "${_official}")
    endif()
  endif()
  if(NOT _archive AND _debian_cached)
    list(GET _debian_cached 0 _archive)
  endif()
  if(_archive)
    set(_note "skipped: ${_archive} already downloaded")
  endif()

  # (b) Debian's source package
  if(NOT _archive AND OPENCV_SOURCE_DEBIAN AND CMAKE_HOST_UNIX AND EXISTS "/etc/debian_version")
    find_program(_bash bash)
    find_program(_aptget apt-get)
    if(_bash AND _aptget)
      _say("  trying Debian's source package (private apt configuration, system apt untouched)")
      execute_process(
        COMMAND "${_bash}" "${_here}/fetch-debian-source.sh" "${OPENCV_VERSION}" "${_downloads}"
                "${_here}/build/apt" "${_debian_version_${OPENCV_VERSION}}"
        OUTPUT_VARIABLE _deb_out OUTPUT_STRIP_TRAILING_WHITESPACE
        RESULT_VARIABLE _deb_rc)
      if(_deb_rc EQUAL 0)
        string(REGEX REPLACE ".*\n" "" _deb_last "${_deb_out}")
        if(EXISTS "${_deb_last}")
          set(_archive "${_deb_last}")
          set(_note "Debian source package -> ${_archive}")
        endif()
      else()
        _say("  Debian source package not available (exit ${_deb_rc}); next: official archive")
      endif()
    endif()
  endif()

  # (c) official release archive from GitHub, hash-checked
  if(NOT _archive)
    if(NOT OPENCV_SOURCE_DOWNLOAD)
      _fail("no OpenCV ${OPENCV_VERSION} source archive found and downloads are off (OPENCV_SOURCE_DOWNLOAD=OFF)"
            "opencv-build/build-plugin.sh --source-archive <path of opencv-${OPENCV_VERSION}.tar.gz>")
    endif()
    if(NOT _sha)
      _fail("no known SHA-256 for the OpenCV ${OPENCV_VERSION} release archive; refusing to download it unchecked"
            "opencv-build/build-plugin.sh --sha256 <sha256 of opencv ${OPENCV_VERSION}.tar.gz> (or -DOPENCV_SOURCE_SHA256=...), or --source-archive <file>")
    endif()
    if(OPENCV_SOURCE_URL)
      set(_url "${OPENCV_SOURCE_URL}")
    else()
      string(REPLACE "@V@" "${OPENCV_VERSION}" _url "${_github_url_template}")
    endif()
    _say("  downloading ${_url}")
    set(_part "${_official}.part")
    file(REMOVE "${_part}")
    # The hash is checked here rather than with EXPECTED_HASH, which turns a failed download
    # into a hash-mismatch error that hides the real cause.
    file(DOWNLOAD "${_url}" "${_part}" TLS_VERIFY ON INACTIVITY_TIMEOUT 60 STATUS _st)
    list(GET _st 0 _st_code)
    if(NOT _st_code EQUAL 0)
      list(GET _st 1 _st_msg)
      file(REMOVE "${_part}")
      _fail("download of ${_url} failed (${_st_msg})"
            "on a machine with internet, fetch ${_url}, copy it here and run opencv-build/build-plugin.sh --source-archive <file>")
    endif()
    file(SHA256 "${_part}" _got)
    if(NOT _got STREQUAL _sha)
      file(REMOVE "${_part}")
      _fail("${_url} has SHA-256 ${_got}, expected ${_sha}"
            "check where the download really came from, or pass a trusted copy: opencv-build/build-plugin.sh --source-archive <file>")
    endif()
    file(RENAME "${_part}" "${_official}")
    set(_archive "${_official}")
    set(_note "downloaded ${_archive} (SHA-256 verified)")
  endif()
endif()
_step_end("${_note}")

# ============================================================================================
# step 2: unpack into opencv-build/sources/opencv-<version>
# ============================================================================================
_step_begin(unpack)
if(_need_unpack)
  _file_id(_aid "${_archive}" NO_MTIME)
  set(_tmp "${_sources}/.unpack-${OPENCV_VERSION}")
  ds_extract_archive("${_archive}" "${_tmp}" "modules/videoio/misc/plugin_gstreamer/CMakeLists.txt" _top)
  if(NOT _top)
    file(REMOVE_RECURSE "${_tmp}")
    _fail("${_archive} is not an OpenCV source archive (no modules/videoio/misc/plugin_gstreamer inside)")
  endif()
  _source_version(_sv "${_top}")
  if(NOT _sv STREQUAL OPENCV_VERSION)
    file(REMOVE_RECURSE "${_tmp}")
    _fail("${_archive} holds OpenCV ${_sv}, pom.xml wants ${OPENCV_VERSION}"
          "pass the opencv-${OPENCV_VERSION} source archive with --source-archive")
  endif()
  # The unpack time makes every unpack a new source identity: the plugin build starts clean
  # (extracted files keep the archive's old mtimes, which would fool an incremental build).
  string(TIMESTAMP _ts "%Y-%m-%dT%H:%M:%SZ" UTC)
  set(_source_id "archive:${_aid} unpacked:${_ts}")
  file(WRITE "${_top}/.dualstream-source" "${_source_id}\n")
  file(REMOVE_RECURSE "${_tree}")
  file(RENAME "${_top}" "${_tree}")
  file(REMOVE_RECURSE "${_tmp}")
  _step_end("unpacked into ${_tree}")
else()
  _step_end("skipped: ${_tree} already there")
endif()
# OpenCV 4.10's GStreamer backend drops a pipeline whose start failed (a camera that refuses the
# media, or dies, in the middle of an open) without setting it to NULL first: its elements stay
# PLAYING, rtspsrc's task spins on freed pads ("gst_pad_pause_task: assertion 'GST_IS_PAD (pad)'
# failed", millions of times) and the process can abort ("Attempt to unlock mutex that was not
# locked"; seen in the churn test). Every plugin built here (Linux and Windows, and the full builds
# from the same tree) tears such a pipeline down first. Idempotent; the marker says it is applied.
set(_capgst "${_tree}/modules/videoio/src/cap_gstreamer.cpp")
file(READ "${_capgst}" _capgst_src)
string(FIND "${_capgst_src}" "dualstream: tear down a failed start" _patched)
if(_patched EQUAL -1)
  set(_failed_start "            handleMessage(pipeline);\n            pipeline.release();\n            CV_WARN(\"unable to start pipeline\");")
  string(FIND "${_capgst_src}" "${_failed_start}" _at)
  if(_at EQUAL -1)
    _say("warning: ${_capgst} has no failed-start branch as in OpenCV 4.10: not patched (a failed open may leave its pipeline PLAYING)")
  else()
    string(REPLACE "${_failed_start}" "            handleMessage(pipeline);\n            gst_element_set_state(GST_ELEMENT(pipeline.get()), GST_STATE_NULL);  // dualstream: tear down a failed start\n            pipeline.release();\n            CV_WARN(\"unable to start pipeline\");" _capgst_src "${_capgst_src}")
    file(WRITE "${_capgst}" "${_capgst_src}")
    _say("patched ${_capgst}: a pipeline whose start failed is set to NULL before it is dropped")
  endif()
endif()
# DualStream's keyframe gate (cmake/plugin-gstreamer/dualstream_keyframe_gate.hpp, which says why):
# an element registered in the process right after gst_init, so every build from this tree has it.
# The header is copied on every run (COPYONLY rewrites it only when it changed); the two insertions
# carry the marker and are made once.
configure_file("${_wrapper}/dualstream_keyframe_gate.hpp"
               "${_tree}/modules/videoio/src/dualstream_keyframe_gate.hpp" COPYONLY)
string(FIND "${_capgst_src}" "dualstream: keyframe gate" _patched)
if(_patched EQUAL -1)
  set(_include_at "#include <gst/pbutils/encoding-profile.h>\n")
  set(_register_at "            CV_WARN(\"incompatible GStreamer version\");\n            isFailed = true;\n            return;\n        }\n")
  string(FIND "${_capgst_src}" "${_include_at}" _at_include)
  string(FIND "${_capgst_src}" "${_register_at}" _at_register)
  if(_at_include EQUAL -1 OR _at_register EQUAL -1)
    _fail("${_capgst} is not laid out as in OpenCV 4.10 (no encoding-profile include or GStreamer version check): the keyframe gate cannot be added; use OpenCV 4.10.x")
  endif()
  string(REPLACE "${_include_at}" "${_include_at}#include \"dualstream_keyframe_gate.hpp\"  // dualstream: keyframe gate\n" _capgst_src "${_capgst_src}")
  string(REPLACE "${_register_at}" "${_register_at}        dualstream_register_keyframe_gate();  // dualstream: keyframe gate\n" _capgst_src "${_capgst_src}")
  file(WRITE "${_capgst}" "${_capgst_src}")
  _say("patched ${_capgst}: registers the keyframe gate element dskeyframegate")
endif()

if(SOURCE_ONLY)
  _say("source tree: ${_tree}")
  return()
endif()
endif() # NOT STAGE_ONLY

# ============================================================================================
# step 3: stage the jar's native folder as a CMake package
# ============================================================================================
_step_begin(stage)
set(_stage_stamp "${_stage}/.dualstream-staged")
set(_stage_ok FALSE)
if(FORCE)
  file(REMOVE_RECURSE "${_stage}" "${_pbuild}")
endif()
if(EXISTS "${_stage_stamp}")
  file(READ "${_stage_stamp}" _old)
  if(_old STREQUAL "${_jar_id}\n")
    set(_stage_ok TRUE)
  endif()
endif()
if(NOT _stage_ok)
  set(_jar_root "org/bytedeco/opencv/${PLATFORM}")
  set(_tmp "${_stage}.tmp")
  file(REMOVE_RECURSE "${_tmp}")
  file(MAKE_DIRECTORY "${_tmp}")
  file(ARCHIVE_EXTRACT INPUT "${BYTEDECO_JAR}" DESTINATION "${_tmp}" PATTERNS "${_jar_root}/*")
  if(NOT IS_DIRECTORY "${_tmp}/${_jar_root}")
    file(REMOVE_RECURSE "${_tmp}")
    _fail("${BYTEDECO_JAR} has no ${_jar_root}/ folder (wrong platform classifier?)")
  endif()
  file(REMOVE_RECURSE "${_stage}")
  file(RENAME "${_tmp}/${_jar_root}" "${_stage}")
  file(REMOVE_RECURSE "${_tmp}")
endif()

# Find the CMake package whose import prefix is the staged root (the jar may carry several
# copies of OpenCVModules.cmake; only one of them resolves inside the staged folder).
file(GLOB_RECURSE _modfiles LIST_DIRECTORIES FALSE "${_stage}/*OpenCVModules.cmake")
set(_opencv_dir "")
foreach(_mf IN LISTS _modfiles)
  get_filename_component(_mdir "${_mf}" DIRECTORY)
  if(NOT EXISTS "${_mdir}/OpenCVConfig.cmake")
    continue()
  endif()
  file(STRINGS "${_mf}" _ups REGEX "get_filename_component\\(_IMPORT_PREFIX \"\\\${_IMPORT_PREFIX}\" PATH\\)")
  list(LENGTH _ups _n)
  set(_prefix "${_mdir}")
  while(_n GREATER 0)
    get_filename_component(_prefix "${_prefix}" DIRECTORY)
    math(EXPR _n "${_n} - 1")
  endwhile()
  if(_prefix STREQUAL _stage)
    set(_opencv_dir "${_mdir}")
    break()
  endif()
endforeach()
if(NOT _opencv_dir)
  _fail("no usable OpenCVConfig.cmake/OpenCVModules.cmake in ${BYTEDECO_JAR} (${PLATFORM})")
endif()

# Trap 1: the package expects e.g. lib/libopencv_core.so (Linux) or x64/vc16/lib/*.lib and
# x64/vc16/bin/*.dll (Windows); the jar has them elsewhere (libopencv_core.so.410 one folder up,
# lib/*.lib, *.dll at the top). Create every file the package checks for.
file(GLOB _cfgfiles "${_opencv_dir}/OpenCVModules-*.cmake")
set(_expected "")
foreach(_cf IN LISTS _cfgfiles)
  file(STRINGS "${_cf}" _lines REGEX "_(cmake_import_check_files_for|IMPORT_CHECK_FILES_FOR)_")
  foreach(_l IN LISTS _lines)
    string(REGEX MATCHALL "\\\${_IMPORT_PREFIX}/[^\"]+" _fs "${_l}")
    list(APPEND _expected ${_fs})
  endforeach()
endforeach()
list(REMOVE_DUPLICATES _expected)
set(_made 0)
foreach(_e IN LISTS _expected)
  string(REPLACE "\${_IMPORT_PREFIX}/" "" _rel "${_e}")
  set(_dst "${_stage}/${_rel}")
  if(EXISTS "${_dst}")
    continue()
  endif()
  get_filename_component(_name "${_rel}" NAME)
  set(_src "")
  foreach(_cand "${_stage}/${_name}" "${_stage}/lib/${_name}" "${_stage}/bin/${_name}")
    if(EXISTS "${_cand}" AND NOT IS_DIRECTORY "${_cand}")
      set(_src "${_cand}")
      break()
    endif()
  endforeach()
  if(NOT _src)   # versioned shared object: libopencv_core.so -> libopencv_core.so.410
    file(GLOB _vs LIST_DIRECTORIES FALSE "${_stage}/${_name}.*" "${_stage}/lib/${_name}.*")
    list(SORT _vs)
    if(_vs)
      list(GET _vs 0 _src)
    endif()
  endif()
  if(NOT _src)
    _fail("${BYTEDECO_JAR} lacks ${_name}, needed by its CMake package (${_rel})")
  endif()
  get_filename_component(_dstdir "${_dst}" DIRECTORY)
  file(MAKE_DIRECTORY "${_dstdir}")
  if(CMAKE_HOST_WIN32)
    file(CREATE_LINK "${_src}" "${_dst}" COPY_ON_ERROR)              # hard link, else copy
  else()
    file(RELATIVE_PATH _lnk "${_dstdir}" "${_src}")
    file(CREATE_LINK "${_lnk}" "${_dst}" SYMBOLIC RESULT _lr)
    if(_lr)
      file(CREATE_LINK "${_src}" "${_dst}" COPY_ON_ERROR)
    endif()
  endif()
  math(EXPR _made "${_made} + 1")
endforeach()
file(WRITE "${_stage_stamp}" "${_jar_id}\n")
list(LENGTH _expected _nexp)
file(RELATIVE_PATH _opencv_dir_rel "${_stage}" "${_opencv_dir}")
if(_stage_ok AND _made EQUAL 0)
  _step_end("skipped: already staged in ${_stage} (OpenCV_DIR=<stage>/${_opencv_dir_rel})")
else()
  _step_end("staged in ${_stage}; ${_made} of ${_nexp} library files linked into place; OpenCV_DIR=<stage>/${_opencv_dir_rel}")
endif()

if(STAGE_ONLY)
  _say("STAGE_ONLY: OpenCV_DIR=${_opencv_dir}")
  return()
endif()

# ============================================================================================
# step 4: configure
# ============================================================================================
_step_begin(configure)
set(_cfg_args
  -S "${_wrapper}" -B "${_pbuild}"
  "-DCMAKE_BUILD_TYPE=Release"
  "-DOPENCV_SOURCE_DIR=${_tree}"
  "-DOpenCV_DIR=${_opencv_dir}")
if(GENERATOR)
  list(APPEND _cfg_args -G "${GENERATOR}")
endif()
if(CMAKE_HOST_WIN32 AND (NOT GENERATOR OR GENERATOR MATCHES "^Visual Studio") AND PLATFORM STREQUAL "windows-x86_64")
  list(APPEND _cfg_args -A x64)
endif()
if(GSTREAMER_DIR)
  list(APPEND _cfg_args "-DGSTREAMER_DIR=${GSTREAMER_DIR}")
endif()
# A changed configuration (other source tree or unpack, package, generator) starts from a clean
# build dir.
string(MD5 _cfg_md5 "${_cfg_args};${_source_id};${_jar_id};${_md5_wrapper}")
set(_cfg_stamp "${_pbuild}/.dualstream-configure")
if(EXISTS "${_cfg_stamp}")
  file(READ "${_cfg_stamp}" _old)
  if(NOT _old STREQUAL "${_cfg_md5}\n")
    file(REMOVE_RECURSE "${_pbuild}")
  endif()
elseif(EXISTS "${_pbuild}")
  file(REMOVE_RECURSE "${_pbuild}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" ${_cfg_args}
                RESULT_VARIABLE _rc OUTPUT_FILE "${_logs}/configure.log" ERROR_FILE "${_logs}/configure.err.log")
file(READ "${_logs}/configure.log" _cfg_out)
file(READ "${_logs}/configure.err.log" _cfg_err)
if(NOT _rc EQUAL 0)
  file(REMOVE "${_cfg_stamp}")
  set(_all "${_cfg_out}\n${_cfg_err}")
  set(_fix "")
  if(_all MATCHES "DUALSTREAM-FIX: ([^\n]+)")
    set(_fix "${CMAKE_MATCH_1}")
  elseif(_all MATCHES "Could not find compiler set in environment variable (CC|CXX)")
    set(_fix "unset ${CMAKE_MATCH_1} or point it at an installed compiler")
  elseif(_all MATCHES "No CMAKE_CXX_COMPILER could be found|CMAKE_CXX_COMPILER not set")
    if(CMAKE_HOST_WIN32)
      set(_fix "install Visual Studio (Build Tools) with the C++ workload")
    else()
      set(_fix "apt-get install -y g++")
    endif()
  elseif(_all MATCHES "CMAKE_MAKE_PROGRAM is not set|Could not find make|unable to find a build program")
    if(GENERATOR MATCHES "Ninja")
      set(_fix "apt-get install -y ninja-build")
    else()
      set(_fix "apt-get install -y make")
    endif()
  endif()
  string(REGEX MATCH "CMake Error[^\n]*\n[^\n]*" _first_err "${_cfg_err}")
  string(REGEX REPLACE "\n +" " " _first_err "${_first_err}")
  _say("configure failed; last lines of ${_logs}/configure.err.log:")
  _show_tail("${_logs}/configure.err.log" 12)
  _fix_line(_fix "${_fix}")
  if(_all MATCHES "(GStreamer development files not found[^\n]*|pkg-config not found[^\n]*|OpenCV source [^\n]* does not match[^\n]*)")
    _fail("configure: ${CMAKE_MATCH_1}" "${_fix}")
  endif()
  _fail("configure of the plugin (${_first_err}); log: ${_logs}/configure.err.log" "${_fix}")
endif()
file(WRITE "${_cfg_stamp}" "${_cfg_md5}\n")
foreach(_pat "OpenCV package: [^\n]*" "OpenCV source: [^\n]*" "C\\+\\+ string ABI[^\n]*" "Using GStreamer: [^\n]*" "GStreamer root: [^\n]*")
  string(REGEX MATCH "${_pat}" _m "${_cfg_out}")
  if(_m)
    _say("  ${_m}")
  endif()
endforeach()
_step_end()

# ============================================================================================
# step 5: build
# ============================================================================================
_step_begin(build)
cmake_host_system_information(RESULT _ncpu QUERY NUMBER_OF_LOGICAL_CORES)
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${_pbuild}" --config Release --parallel ${_ncpu}
                RESULT_VARIABLE _rc OUTPUT_FILE "${_logs}/build.log" ERROR_FILE "${_logs}/build.err.log")
if(NOT _rc EQUAL 0)
  _say("build failed; last lines of ${_logs}/build.log and build.err.log:")
  _show_tail("${_logs}/build.log" 10)
  _show_tail("${_logs}/build.err.log" 15)
  _fail("compiling/linking the plugin; logs: ${_logs}/build.log, ${_logs}/build.err.log"
        "read the first error above; to retry: cmake --build ${_pbuild} --config Release")
endif()
_step_end()

# ============================================================================================
# step 6: verify (on an install into a private folder: install also drops the build-tree RPATH)
# ============================================================================================
_step_begin(verify)
set(_inst "${_build}/plugin-install.tmp")
file(REMOVE_RECURSE "${_inst}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${_pbuild}" --config Release --component plugins --prefix "${_inst}"
                RESULT_VARIABLE _rc OUTPUT_FILE "${_logs}/install.log" ERROR_FILE "${_logs}/install.err.log")
if(NOT _rc EQUAL 0)
  _show_tail("${_logs}/install.err.log" 10)
  _fail("cmake --install of the plugin; log: ${_logs}/install.err.log")
endif()
set(_built "${_inst}/${_plugin_name}")
if(NOT EXISTS "${_built}")
  file(GLOB _what "${_inst}/*")
  _fail("the build did not produce ${_plugin_name} (found: ${_what})")
endif()
file(SIZE "${_built}" _size)
if(_size LESS 10000)
  _fail("${_built} is only ${_size} bytes")
endif()
set(_verified "exists (${_size} bytes)")
if(PLATFORM MATCHES "^linux-")
  find_program(_readelf NAMES readelf)
  if(NOT _readelf)
    _fail("readelf not found, cannot check the plugin's dependencies" "apt-get install -y binutils")
  endif()
  execute_process(COMMAND "${_readelf}" -d "${_built}" OUTPUT_VARIABLE _dyn RESULT_VARIABLE _rc)
  string(REGEX MATCHALL "\\(NEEDED\\)[^\n]*\\[([^]\n]+)\\]" _needed_lines "${_dyn}")
  set(_needed "")
  foreach(_l IN LISTS _needed_lines)
    string(REGEX REPLACE ".*\\[([^]]+)\\].*" "\\1" _n "${_l}")
    list(APPEND _needed "${_n}")
  endforeach()
  set(_want_core "libopencv_core.so.${_cv_major}${_cv_minor}")
  if(NOT _needed MATCHES "libgstreamer-1\\.0\\.so")
    _fail("${_built} does not link libgstreamer-1.0 (NEEDED: ${_needed})")
  endif()
  list(FIND _needed "${_want_core}" _i)
  if(_i LESS 0)
    _fail("${_built} does not need ${_want_core} (NEEDED: ${_needed}): wrong OpenCV package?")
  endif()
  if(_dyn MATCHES "\\((RPATH|RUNPATH)\\)[^\n]*\\[([^]\n]*)\\]")
    _fail("${_built} carries a ${CMAKE_MATCH_1} (${CMAKE_MATCH_2}); expected none after install")
  endif()
  execute_process(COMMAND "${_readelf}" --dyn-syms -W "${_built}" OUTPUT_VARIABLE _syms)
  if(NOT _syms MATCHES "opencv_videoio_capture_plugin_init_v1")
    _fail("${_built} does not export opencv_videoio_capture_plugin_init_v1")
  endif()
  file(STRINGS "${_built}" _strs)
  string(FIND "${_strs}" "${_tree}/" _leak)
  if(NOT _leak EQUAL -1)
    _say("  warning: the plugin contains this machine's source path ${_tree} (compiler without -ffile-prefix-map?)")
  endif()
  string(REPLACE ";" ", " _needed_s "${_needed}")
  _say("  NEEDED: ${_needed_s}")
  set(_verified "${_verified}, needs libgstreamer-1.0 and ${_want_core}, exports the capture plugin entry")
elseif(PLATFORM MATCHES "^windows-")
  find_program(_dumpbin NAMES dumpbin)
  if(_dumpbin)
    execute_process(COMMAND "${_dumpbin}" /nologo /dependents "${_built}" OUTPUT_VARIABLE _deps)
    set(_want_core "opencv_core${_cv_major}${_cv_minor}${_cv_patch}.dll")
    if(NOT _deps MATCHES "gstreamer-1\\.0-0\\.dll")
      _fail("${_built} does not depend on gstreamer-1.0-0.dll")
    endif()
    string(TOLOWER "${_deps}" _deps_l)
    if(NOT _deps_l MATCHES "${_want_core}")
      _fail("${_built} does not depend on ${_want_core}")
    endif()
    set(_verified "${_verified}, depends on gstreamer-1.0-0.dll and ${_want_core}")
  else()
    set(_verified "${_verified} (dumpbin not on PATH: dependencies not checked)")
  endif()
endif()
_step_end("${_verified}")

# ============================================================================================
# step 7: install into opencv-build/out/plugins/<platform>/ (temp name, then rename)
# ============================================================================================
_step_begin(install)
file(MAKE_DIRECTORY "${_out_tmp}" "${_out_dir}")
file(COPY_FILE "${_built}" "${_out_tmp}/${_plugin_name}")
file(RENAME "${_out_tmp}/${_plugin_name}" "${_out_dir}/${_plugin_name}")
file(REMOVE_RECURSE "${_out_tmp}" "${_inst}")
_compose_stamp()
file(WRITE "${_stamp}" "${_stamp_text}")
# the output must not look older than its stamp (same-second writes)
file(TOUCH "${_out_dir}/${_plugin_name}")
_step_end("${_out_dir}/${_plugin_name}")

_now(_t_end)
_seconds(_total ${_t_start} ${_t_end})
string(REPLACE ";" ", " _timings_s "${_timings}")
_say("timings (s): ${_timings_s}")
_say("total: ${_total} s")
_say("plugin: ${_out_dir}/${_plugin_name}")
