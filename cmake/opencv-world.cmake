# Initial cache for the `world` profile: the article's build of OpenCV + opencv_contrib with
# GStreamer, as one library (opencv_world) for C++, Python and the official Java bindings.
# The driver adds OPENCV_EXTRA_MODULES_PATH (the contrib tree), the install prefix and, offline,
# cmake/opencv-offline.cmake.
set(CMAKE_BUILD_TYPE Release CACHE STRING "")
set(BUILD_opencv_world ON CACHE BOOL "")
set(WITH_GSTREAMER ON CACHE BOOL "")

# The article's offline disables: these modules download model/descriptor files at configure time.
set(BUILD_opencv_xfeatures2d OFF CACHE BOOL "")
set(BUILD_opencv_wechat_qrcode OFF CACHE BOOL "")
set(BUILD_opencv_face OFF CACHE BOOL "")

# Libraries only: tests, perf tests, examples and docs would multiply the build time.
foreach(_off BUILD_TESTS BUILD_PERF_TESTS BUILD_EXAMPLES BUILD_DOCS)
  set(${_off} OFF CACHE BOOL "")
endforeach()
