# Build OpenCV (+ opencv_contrib) with GStreamer built in: the portable driver behind
# opencv-build/build-opencv.sh (Linux) and windows\build-opencv.cmd (Windows).
#
#   cmake -DPROFILE=<world|javacpp> [-DOPENCV_VERSION=<default: opencv.version of pom.xml>] [options]
#         -P opencv-build/build-opencv.cmake
#
# Profiles (initial-cache files in cmake/):
#   world    the article's build: OpenCV + contrib, BUILD_opencv_world=ON, WITH_GSTREAMER=ON, with the
#            article's offline disables (xfeatures2d, wechat_qrcode, face). cmake/opencv-world.cmake
#   javacpp  per-module shared libraries with bytedeco's sonames (libopencv_core.so.410 ...) and
#            GStreamer built in, for JavaCPP's pathsFirst. cmake/opencv-javacpp.cmake
#   (plugin  the standalone GStreamer plugin: opencv-build/build-plugin.cmake, its own driver.)
#
# Options (-DNAME=VALUE):
#   OFFLINE=ON                 no network at all: no source download, cmake/opencv-offline.cmake
#                              (every configure-time download switched off or taken from the cache)
#   DOWNLOAD_CACHE=DIR         OPENCV_DOWNLOAD_PATH (default opencv-build/downloads/opencv-cache)
#   OFFLINE_KEEP=a;b           offline items present in DOWNLOAD_CACHE (names: cmake/opencv-offline.cmake)
#   FILL_DOWNLOAD_CACHE=ON     online: configure only, so OpenCV fills DOWNLOAD_CACHE; copy it over
#   OPENCV_SOURCE_DIR / OPENCV_SOURCE_ARCHIVE, CONTRIB_SOURCE_DIR / CONTRIB_SOURCE_ARCHIVE
#                              (default: opencv-build/sources/opencv-<v>, opencv-build/contrib/
#                              opencv_contrib-<v>, else an archive in opencv-build/downloads/, else
#                              on Debian hosts and not OFFLINE: Debian's source package)
#   MODULES=core,imgproc       BUILD_LIST (javacpp default: core,imgproc,imgcodecs,videoio)
#   CUDA=ON CUDA_ARCH=8.6      WITH_CUDA, WITH_NVCUVID, cudacodec (contrib) with CUDA_ARCH_BIN=<arch>
#   CONFIGURE_ONLY=ON          stop after configure (prints the summary lines that matter)
#   BUILD_ROOT=DIR             where build folders live (default: $XDG_CACHE_HOME or ~/.cache, or
#                              %LOCALAPPDATA% on Windows, + /dualstream/opencv-build)
#   GENERATOR="Ninja"          CMake generator (default: Ninja when found, else CMake's default;
#                              windows\build-opencv.cmd passes "Visual Studio 17 2022" -A x64)
#   GSTREAMER_DIR=DIR          Windows: GStreamer MSVC root (default: %GSTREAMER_1_0_ROOT_MSVC_X86_64%)
#   JOBS=N                     parallel compile jobs (default: logical cores)
#   EXTRA_ARGS="-DA=B;-DC=D"   more cmake arguments, applied last
#   FORCE=ON                   configure again from an empty build folder
#
# Build output is cached between runs on the same machine: the build folder's name carries the
# profile, version and a hash of everything that changes the result (initial caches, options,
# source paths and identities), so an unchanged second run only checks that ninja is up to date.
# On Unix opencv-build/build/<profile> links to it, mirroring the article's opencv_build layout
# (sources/, contrib/, build/), and the installed tree is <build folder>/install.
# The last line printed on success is "INSTALL_DIR=<path>".

cmake_minimum_required(VERSION 3.21)

get_filename_component(_here "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)
get_filename_component(_repo "${_here}/.." ABSOLUTE)
set(_cmake_dir "${_repo}/cmake")

include("${CMAKE_CURRENT_LIST_DIR}/extract-archive.cmake")

function(_say text)
  message(STATUS "[opencv] ${text}")
endfunction()
# One clear line: what failed, and the command that fixes it.
function(_fail what)
  if(ARGN)
    message(FATAL_ERROR " FAILED: ${what} -- fix: ${ARGN}")
  else()
    message(FATAL_ERROR " FAILED: ${what}")
  endif()
endfunction()

string(TIMESTAMP _t_start "%s" UTC)
set(_timings "")
macro(_step_begin name)
  set(_step_name "${name}")
  string(TIMESTAMP _t_step "%s" UTC)
  _say("step ${name} ...")
endmacro()
macro(_step_end)
  string(TIMESTAMP _t_now "%s" UTC)
  math(EXPR _dt "${_t_now} - ${_t_step}")
  _say("step ${_step_name}: ${ARGN} (${_dt} s)")
  list(APPEND _timings "${_step_name}=${_dt}s")
endmacro()

# --------------------------------------------------------------------------------------------
# arguments
# --------------------------------------------------------------------------------------------
if(NOT PROFILE MATCHES "^(world|javacpp)$")
  _fail("PROFILE must be world or javacpp (got '${PROFILE}'); the plugin has its own driver"
        "cmake -DPROFILE=world -DOPENCV_VERSION=4.10.0 -P opencv-build/build-opencv.cmake")
endif()
if(NOT OPENCV_VERSION AND EXISTS "${_repo}/pom.xml")
  # The version lives in pom.xml only (opencv.version); read it when the caller did not pass it.
  file(READ "${_repo}/pom.xml" _pom)
  if(_pom MATCHES "<opencv\\.version>[ \t\r\n]*([^< \t\r\n]+)[ \t\r\n]*</opencv\\.version>")
    set(OPENCV_VERSION "${CMAKE_MATCH_1}")
  endif()
endif()
if(NOT OPENCV_VERSION MATCHES "^([0-9]+)\\.([0-9]+)\\.([0-9]+)$")
  _fail("OPENCV_VERSION must look like 4.10.0 (got '${OPENCV_VERSION}')"
        "pass -DOPENCV_VERSION=<opencv.version from pom.xml> (build-opencv.sh reads it for you)")
endif()
set(_cv_soversion "${CMAKE_MATCH_1}${CMAKE_MATCH_2}")
foreach(_flag OFFLINE FILL_DOWNLOAD_CACHE CONFIGURE_ONLY CUDA FORCE)
  if(NOT DEFINED ${_flag})
    set(${_flag} OFF)
  endif()
endforeach()
if(OFFLINE AND FILL_DOWNLOAD_CACHE)
  _fail("FILL_DOWNLOAD_CACHE needs the network, OFFLINE forbids it" "run the fill step on an online machine")
endif()
if(FILL_DOWNLOAD_CACHE)
  set(CONFIGURE_ONLY ON)
endif()
if(NOT DOWNLOAD_CACHE)
  set(DOWNLOAD_CACHE "${_here}/downloads/opencv-cache")
endif()
get_filename_component(DOWNLOAD_CACHE "${DOWNLOAD_CACHE}" ABSOLUTE)
if(CUDA AND NOT CUDA_ARCH)
  _fail("CUDA=ON needs the GPU's compute capability" "add -DCUDA_ARCH=8.6 (nvidia-smi --query-gpu=compute_cap --format=csv)")
endif()
if(NOT JOBS)
  cmake_host_system_information(RESULT JOBS QUERY NUMBER_OF_LOGICAL_CORES)
endif()
if(NOT BUILD_ROOT)
  if(CMAKE_HOST_WIN32 AND DEFINED ENV{LOCALAPPDATA})
    set(BUILD_ROOT "$ENV{LOCALAPPDATA}/dualstream/opencv-build")
  elseif(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
    set(BUILD_ROOT "$ENV{XDG_CACHE_HOME}/dualstream/opencv-build")
  elseif(DEFINED ENV{HOME})
    set(BUILD_ROOT "$ENV{HOME}/.cache/dualstream/opencv-build")
  else()
    set(BUILD_ROOT "${_here}/build/cache")
  endif()
endif()
file(TO_CMAKE_PATH "${BUILD_ROOT}" BUILD_ROOT)

# --------------------------------------------------------------------------------------------
# step sources: OpenCV (and contrib for world) unpacked under opencv-build/
# --------------------------------------------------------------------------------------------
function(_source_version out tree)   # "4.10.0" from version.hpp
  file(STRINGS "${tree}/modules/core/include/opencv2/core/version.hpp" _l REGEX "#define CV_VERSION_(MAJOR|MINOR|REVISION) ")
  set(_v "")
  foreach(_k MAJOR MINOR REVISION)
    foreach(_line IN LISTS _l)
      if(_line MATCHES "CV_VERSION_${_k} +([0-9]+)")
        list(APPEND _v "${CMAKE_MATCH_1}")
      endif()
    endforeach()
  endforeach()
  string(REPLACE ";" "." _v "${_v}")
  set(${out} "${_v}" PARENT_SCOPE)
endfunction()

# Unpacks ARCHIVE into DEST (replacing it) and checks that MARKER exists in the tree.
# Extraction keeps the archive's file times, so re-unpacking the same archive does not make a cached
# build folder out of date.
function(_unpack archive dest marker)
  get_filename_component(_parent "${dest}" DIRECTORY)
  set(_tmp "${_parent}/.unpack-tmp")
  ds_extract_archive("${archive}" "${_tmp}" "${marker}" _top)
  if(NOT _top)
    file(REMOVE_RECURSE "${_tmp}")
    _fail("${archive} does not hold ${marker}: not the archive this step needs")
  endif()
  file(SIZE "${archive}" _size)
  get_filename_component(_name "${archive}" NAME)
  file(WRITE "${_top}/.dualstream-source" "archive:${_name} size:${_size}\n")
  file(REMOVE_RECURSE "${dest}")
  file(RENAME "${_top}" "${dest}")
  file(REMOVE_RECURSE "${_tmp}")
endfunction()

# Debian hosts: Debian's source package brings the main and the contrib orig tarballs at once.
function(_fetch_debian)
  if(OFFLINE OR NOT CMAKE_HOST_UNIX OR NOT EXISTS "/etc/debian_version")
    return()
  endif()
  find_program(_bash bash)
  find_program(_aptget apt-get)
  if(_bash AND _aptget)
    _say("  trying Debian's source package (private apt configuration, system apt untouched)")
    execute_process(COMMAND "${_bash}" "${_here}/fetch-debian-source.sh" "${OPENCV_VERSION}" "${_here}/downloads"
                            "${_here}/build/apt" RESULT_VARIABLE _rc OUTPUT_QUIET)
    if(NOT _rc EQUAL 0)
      _say("  Debian source package not available (exit ${_rc})")
    endif()
  endif()
endfunction()

# Sets OUT to an archive in opencv-build/downloads matching one of the globs, or "".
function(_find_download out)
  set(${out} "" PARENT_SCOPE)
  foreach(_glob ${ARGN})
    file(GLOB _hits "${_here}/downloads/${_glob}")
    if(_hits)
      list(GET _hits 0 _hit)
      set(${out} "${_hit}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
endfunction()

# Resolves one source tree. VAR_DIR / VAR_ARCHIVE are the user's choices; DEFAULT_DIR the unpacked
# tree under opencv-build/; GLOBS the archive names looked for in downloads/.
function(_resolve_tree out what var_dir var_archive default_dir marker)
  set(_globs ${ARGN})
  if(${var_dir})
    if(NOT EXISTS "${${var_dir}}/${marker}")
      _fail("${var_dir}=${${var_dir}} is not a ${what} source tree (no ${marker})" "pass the unpacked ${what} ${OPENCV_VERSION} folder")
    endif()
    get_filename_component(_d "${${var_dir}}" ABSOLUTE)
    set(${out} "${_d}" PARENT_SCOPE)
    return()
  endif()
  set(_archive "${${var_archive}}")
  if(_archive AND NOT EXISTS "${_archive}")
    _fail("${var_archive}=${_archive} does not exist" "pass the real path of the copied ${what} archive")
  endif()
  if(_archive)
    # A different archive than the one unpacked before: unpack again.
    file(SIZE "${_archive}" _size)
    get_filename_component(_name "${_archive}" NAME)
    set(_want "archive:${_name} size:${_size}\n")
    set(_have "")
    if(EXISTS "${default_dir}/.dualstream-source")
      file(READ "${default_dir}/.dualstream-source" _have)
    endif()
    if(NOT _have STREQUAL _want OR NOT EXISTS "${default_dir}/${marker}")
      _unpack("${_archive}" "${default_dir}" "${marker}")
    endif()
  elseif(NOT EXISTS "${default_dir}/${marker}")
    _find_download(_archive ${_globs})
    if(NOT _archive)
      _fetch_debian()
      _find_download(_archive ${_globs})
    endif()
    if(NOT _archive)
      string(REPLACE ";" ", " _g "${_globs}")
      _fail("no ${what} ${OPENCV_VERSION} source: not in ${default_dir}, no archive in ${_here}/downloads (${_g})"
            "copy the ${what} archive over and pass it with --source-archive / --contrib-archive")
    endif()
    _unpack("${_archive}" "${default_dir}" "${marker}")
  endif()
  set(${out} "${default_dir}" PARENT_SCOPE)
endfunction()

_step_begin(sources)
_resolve_tree(_src "OpenCV" OPENCV_SOURCE_DIR OPENCV_SOURCE_ARCHIVE "${_here}/sources/opencv-${OPENCV_VERSION}"
              "modules/videoio/CMakeLists.txt"
              "opencv-${OPENCV_VERSION}.tar.gz" "opencv-${OPENCV_VERSION}.zip" "opencv_${OPENCV_VERSION}+dfsg.orig.tar.xz")
_source_version(_sv "${_src}")
if(NOT _sv STREQUAL OPENCV_VERSION)
  _fail("${_src} holds OpenCV ${_sv}, ${OPENCV_VERSION} is wanted" "pass the opencv-${OPENCV_VERSION} source with --source-archive")
endif()
set(_contrib "")
if(PROFILE STREQUAL "world" OR CUDA)
  _resolve_tree(_contrib_tree "opencv_contrib" CONTRIB_SOURCE_DIR CONTRIB_SOURCE_ARCHIVE
                "${_here}/contrib/opencv_contrib-${OPENCV_VERSION}" "modules/README.md"
                "opencv_contrib-${OPENCV_VERSION}.tar.gz" "opencv_contrib-${OPENCV_VERSION}.zip"
                "opencv_${OPENCV_VERSION}+dfsg.orig-contrib.tar.xz")
  set(_contrib "${_contrib_tree}/modules")
endif()
# Source identity for the build folder's key: the archive's name and size (the plugin driver also
# records when it unpacked; that part is dropped so that a fresh clone re-unpacking the same archive
# still finds its cached build folder).
set(_src_id "")
foreach(_t "${_src}" "${_contrib}/..")
  if(_t AND EXISTS "${_t}/.dualstream-source")
    file(READ "${_t}/.dualstream-source" _i)
    string(REGEX REPLACE " unpacked:[^\n]*" "" _i "${_i}")
    string(APPEND _src_id "${_i}")
  endif()
endforeach()
set(_system_libs OFF)
if(NOT EXISTS "${_src}/3rdparty")
  set(_system_libs ON)   # Debian's +dfsg archive: no bundled 3rdparty/ sources
endif()
_step_end("OpenCV ${_sv} in ${_src}")
if(_contrib)
  _say("  contrib modules: ${_contrib}")
endif()
if(_system_libs)
  _say("  no 3rdparty/ in the source (Debian +dfsg): system libraries, cmake/opencv-system-libs.cmake")
endif()

# --------------------------------------------------------------------------------------------
# step configure
# --------------------------------------------------------------------------------------------
# The initial cache is composed here so that the profile file, the system-library file, the
# offline file and the user's options apply in this order (later wins).
set(_init "# generated by opencv-build/build-opencv.cmake\n")
string(APPEND _init "include(\"${_cmake_dir}/opencv-${PROFILE}.cmake\")\n")
if(_system_libs)
  string(APPEND _init "include(\"${_cmake_dir}/opencv-system-libs.cmake\")\n")
endif()
string(APPEND _init "set(OPENCV_DOWNLOAD_PATH \"${DOWNLOAD_CACHE}\" CACHE PATH \"\" FORCE)\n")
if(OFFLINE)
  string(APPEND _init "set(OFFLINE_KEEP \"${OFFLINE_KEEP}\" CACHE STRING \"\" FORCE)\n")
  string(APPEND _init "include(\"${_cmake_dir}/opencv-offline.cmake\")\n")
endif()
if(_contrib)
  string(APPEND _init "set(OPENCV_EXTRA_MODULES_PATH \"${_contrib}\" CACHE PATH \"\" FORCE)\n")
endif()
if(MODULES)
  string(REPLACE ";" "," _m "${MODULES}")
  string(APPEND _init "set(BUILD_LIST \"${_m}\" CACHE STRING \"\" FORCE)\n")
endif()
if(CUDA)
  string(APPEND _init "set(WITH_CUDA ON CACHE BOOL \"\" FORCE)\nset(WITH_NVCUVID ON CACHE BOOL \"\" FORCE)\n"
                      "set(WITH_NVCUVENC ON CACHE BOOL \"\" FORCE)\nset(BUILD_opencv_cudacodec ON CACHE BOOL \"\" FORCE)\n"
                      "set(CUDA_ARCH_BIN \"${CUDA_ARCH}\" CACHE STRING \"\" FORCE)\nset(CUDA_ARCH_PTX \"\" CACHE STRING \"\" FORCE)\n")
endif()
if(CMAKE_HOST_WIN32)
  if(NOT GSTREAMER_DIR AND DEFINED ENV{GSTREAMER_1_0_ROOT_MSVC_X86_64})
    set(GSTREAMER_DIR "$ENV{GSTREAMER_1_0_ROOT_MSVC_X86_64}")
  endif()
  if(NOT GSTREAMER_DIR AND EXISTS "C:/Program Files/gstreamer/1.0/msvc_x86_64")
    set(GSTREAMER_DIR "C:/Program Files/gstreamer/1.0/msvc_x86_64")
  endif()
  if(NOT GSTREAMER_DIR AND EXISTS "C:/gstreamer/1.0/msvc_x86_64")
    set(GSTREAMER_DIR "C:/gstreamer/1.0/msvc_x86_64")
  endif()
  if(NOT GSTREAMER_DIR)
    _fail("GStreamer MSVC x86_64 not found (GSTREAMER_1_0_ROOT_MSVC_X86_64 unset; not in C:/Program Files/gstreamer/1.0/msvc_x86_64 or C:/gstreamer/1.0/msvc_x86_64)"
          "install GStreamer's MSVC x86_64 runtime and development packages, or pass --gstreamer-dir DIR")
  endif()
  file(TO_CMAKE_PATH "${GSTREAMER_DIR}" GSTREAMER_DIR)
  # OpenCV's detect_gstreamer.cmake looks for the MSVC layout under GSTREAMER_DIR.
  string(APPEND _init "set(GSTREAMER_DIR \"${GSTREAMER_DIR}\" CACHE PATH \"\" FORCE)\n")
endif()

set(_gen "${GENERATOR}")
if(NOT _gen AND NOT CMAKE_HOST_WIN32)
  find_program(_ninja ninja)
  if(_ninja)
    set(_gen "Ninja")
  endif()
endif()
set(_launcher "")
if(NOT CMAKE_HOST_WIN32 AND NOT CCACHE STREQUAL "OFF")
  find_program(_ccache ccache)
  if(_ccache)
    # Paths relative to the build folder: every build folder under BUILD_ROOT has the same depth, so
    # another key (other options) still hits the compiler cache for unchanged files.
    if(NOT DEFINED ENV{CCACHE_BASEDIR})
      set(ENV{CCACHE_BASEDIR} "/")
    endif()
    set(_launcher "-DCMAKE_C_COMPILER_LAUNCHER=${_ccache}" "-DCMAKE_CXX_COMPILER_LAUNCHER=${_ccache}")
  endif()
endif()

# The build folder's key: everything that changes what gets built.
set(_key_text "${_init}\n${_gen}\n${EXTRA_ARGS}\n${_src}\n${_contrib}\n${_src_id}\n${FILL_DOWNLOAD_CACHE}\n")
foreach(_f "opencv-${PROFILE}.cmake" opencv-system-libs.cmake opencv-offline.cmake opencv-offline-hooks/OPENCV_DOWNLOAD_PRE.cmake)
  file(READ "${_cmake_dir}/${_f}" _c)
  string(APPEND _key_text "${_c}")
endforeach()
string(MD5 _key "${_key_text}")
string(SUBSTRING "${_key}" 0 10 _key)
set(_bdir "${BUILD_ROOT}/${PROFILE}-${OPENCV_VERSION}-${_key}")
set(_inst "${_bdir}/install")
set(_logs "${_bdir}/logs")
if(FORCE)
  file(REMOVE_RECURSE "${_bdir}")
endif()
file(MAKE_DIRECTORY "${_logs}")
file(WRITE "${_bdir}/initial-cache.cmake" "${_init}")
if(CMAKE_HOST_UNIX)
  # The article's layout: opencv-build/{sources,contrib,build}; build/<profile> is the cached folder.
  file(MAKE_DIRECTORY "${_here}/build")
  file(REMOVE "${_here}/build/${PROFILE}")
  file(CREATE_LINK "${_bdir}" "${_here}/build/${PROFILE}" SYMBOLIC RESULT _ln)
endif()

_step_begin(configure)
set(_cfg_stamp "${_bdir}/.dualstream-configured")
if(EXISTS "${_cfg_stamp}" AND EXISTS "${_bdir}/CMakeCache.txt" AND NOT FILL_DOWNLOAD_CACHE)
  _step_end("skipped: ${_bdir} already configured with the same inputs")
else()
  _say("  build folder: ${_bdir}")
  set(_args -S "${_src}" -B "${_bdir}" -C "${_bdir}/initial-cache.cmake" "-DCMAKE_INSTALL_PREFIX=${_inst}" ${_launcher})
  if(_gen)
    list(APPEND _args -G "${_gen}")
  endif()
  if(CMAKE_HOST_WIN32 AND (NOT _gen OR _gen MATCHES "^Visual Studio"))
    list(APPEND _args -A x64)
  endif()
  list(APPEND _args ${EXTRA_ARGS})
  execute_process(COMMAND "${CMAKE_COMMAND}" ${_args}
                  RESULT_VARIABLE _rc OUTPUT_FILE "${_logs}/configure.log" ERROR_FILE "${_logs}/configure.err.log")
  file(READ "${_logs}/configure.err.log" _err)
  if(NOT _rc EQUAL 0)
    if(_err MATCHES " OFFLINE: ([^\n]*)")
      _fail("offline configure: ${CMAKE_MATCH_1}")
    endif()
    string(REGEX MATCH "CMake Error[^\n]*\n[^\n]*" _first "${_err}")
    string(REGEX REPLACE "\n +" " " _first "${_first}")
    _fail("configure (${_first}); logs: ${_logs}/configure.log, configure.err.log" "read the first error in configure.err.log")
  endif()
  file(WRITE "${_cfg_stamp}" "ok\n")
  _step_end("ok")
endif()
file(READ "${_logs}/configure.log" _summary)
foreach(_pat "    GStreamer: [^\n]*" "    To be built: [^\n]*" "    Disabled: [^\n]*" "    Unavailable: [^\n]*"
             "    NVIDIA CUDA: [^\n]*" "  Install to: [^\n]*")
  string(REGEX MATCH "${_pat}" _m "${_summary}")
  if(_m)
    string(REGEX REPLACE "  +" " " _m "${_m}")
    _say(" ${_m}")
  endif()
endforeach()
if(NOT _summary MATCHES "GStreamer: +YES")
  _fail("OpenCV's configure did not find GStreamer (summary: GStreamer NO); log: ${_logs}/configure.log"
        "apt-get install -y libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev  (Windows: GStreamer's MSVC development installer)")
endif()
# Evidence that nothing was downloaded: OpenCV logs every ocv_download() in CMakeDownloadLog.txt.
if(EXISTS "${_bdir}/CMakeDownloadLog.txt")
  file(STRINGS "${_bdir}/CMakeDownloadLog.txt" _dl REGEX "^#cmake_download ")
  list(LENGTH _dl _ndl)
  _say("  configure-time downloads attempted: ${_ndl} (CMakeDownloadLog.txt)")
  if(OFFLINE AND _ndl GREATER 0)
    _fail("offline configure attempted ${_ndl} download(s), see ${_bdir}/CMakeDownloadLog.txt")
  endif()
endif()
if(FILL_DOWNLOAD_CACHE)
  _say("download cache filled: ${DOWNLOAD_CACHE} -- copy it to the offline machine and pass --download-cache DIR --keep ITEMS")
endif()
if(CONFIGURE_ONLY)
  string(TIMESTAMP _t_end "%s" UTC)
  math(EXPR _total "${_t_end} - ${_t_start}")
  _say("done (configure only) in ${_total} s: ${_timings}")
  message("BUILD_DIR=${_bdir}")
  return()
endif()

# --------------------------------------------------------------------------------------------
# step build + install (progress: ninja's [done/total] lines, or the generator's own)
# --------------------------------------------------------------------------------------------
_step_begin(build)
if(CMAKE_HOST_UNIX)
  # Ninja prints "[percent done/total elapsed]" per compiled file: the progress the user sees.
  set(ENV{NINJA_STATUS} "[%p %f/%t %es] ")
  find_program(_tee tee)
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${_bdir}" --config Release --parallel ${JOBS} --target install
                  COMMAND "${_tee}" "${_logs}/build.log"
                  RESULTS_VARIABLE _rcs)
  list(GET _rcs 0 _rc)
else()
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${_bdir}" --config Release --parallel ${JOBS} --target INSTALL
                  RESULT_VARIABLE _rc)
endif()
if(NOT _rc EQUAL 0)
  _fail("compiling OpenCV (exit ${_rc}); log: ${_logs}/build.log" "read the first 'error:' line in the log; rerun to continue where it stopped")
endif()
_step_end("installed into ${_inst}")

# --------------------------------------------------------------------------------------------
# step verify (javacpp: sonames and the C++ string ABI bytedeco's JNI libraries expect)
# --------------------------------------------------------------------------------------------
set(_libdir "${_inst}/lib")
if(PROFILE STREQUAL "javacpp" AND CMAKE_HOST_UNIX)
  _step_begin(verify)
  find_program(_readelf readelf)
  find_program(_nm nm)
  set(_checked "")
  file(GLOB _libs "${_libdir}/libopencv_*.so.${OPENCV_VERSION}")
  if(NOT _libs)
    _fail("no libopencv_*.so.${OPENCV_VERSION} in ${_libdir}")
  endif()
  foreach(_lib IN LISTS _libs)
    get_filename_component(_n "${_lib}" NAME)
    string(REGEX REPLACE "\\.so\\..*" "" _m "${_n}")
    if(_readelf)
      execute_process(COMMAND "${_readelf}" -d "${_lib}" OUTPUT_VARIABLE _d)
      if(NOT _d MATCHES "SONAME\\) +Library soname: \\[${_m}\\.so\\.${_cv_soversion}\\]")
        _fail("${_n} does not have the soname ${_m}.so.${_cv_soversion} that bytedeco's JNI libraries need")
      endif()
    endif()
    list(APPEND _checked "${_m}.so.${_cv_soversion}")
  endforeach()
  if(_nm)
    execute_process(COMMAND "${_nm}" -D --defined-only "${_libdir}/libopencv_core.so.${_cv_soversion}" OUTPUT_VARIABLE _syms)
    if(NOT _syms MATCHES "_ZN2cv5errorEiRKNSt7__cxx1112basic_string")
      _fail("libopencv_core uses the old C++ string ABI; bytedeco 1.5.9+ needs the new one (_GLIBCXX_USE_CXX11_ABI=1)")
    endif()
  endif()
  string(REPLACE ";" ", " _checked "${_checked}")
  _step_end("sonames ${_checked}; new C++ string ABI")
endif()

string(TIMESTAMP _t_end "%s" UTC)
math(EXPR _total "${_t_end} - ${_t_start}")
_say("done in ${_total} s: ${_timings}")
if(CMAKE_HOST_WIN32)
  message("INSTALL_DIR=${_inst}")
else()
  message("INSTALL_DIR=${_inst}")
  message("LIB_DIR=${_libdir}")
endif()
