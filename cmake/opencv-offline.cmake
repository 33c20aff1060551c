# Offline configure (cmake -C, composed by opencv-build/build-opencv.cmake when OFFLINE=ON).
#
# Every configure-time download in OpenCV 4.10 and opencv_contrib 4.10 goes through ocv_download()
# (cmake/OpenCVDownload.cmake), which looks in OPENCV_DOWNLOAD_PATH first. Each item below is
# either switched off, or kept when you list it in OFFLINE_KEEP because you filled the download
# cache on an online machine (build-opencv.sh --fill-download-cache DIR) and copied DIR over.
#
#   item (OFFLINE_KEEP name)  what is downloaded                               switched off by
#   ippicv                    Intel IPP ICV binaries (3rdparty/ippicv)         WITH_IPP=OFF
#   ade                       ADE graph library for G-API                      WITH_ADE=OFF (G-API off)
#   ffmpeg                    prebuilt FFmpeg wrapper DLL, Windows only        OPENCV_FFMPEG_SKIP_DOWNLOAD=ON
#   tbb                       oneTBB source when BUILD_TBB=ON                  BUILD_TBB=OFF
#   timvx                     TIM-VX (NPU backend of dnn)                      WITH_TIMVX=OFF
#   orbbec                    Orbbec SDK (obsensor on macOS)                   WITH_OBSENSOR=OFF on Apple
#   nvidia_optical_flow       NVIDIA Optical Flow SDK headers (cudaoptflow)    BUILD_opencv_cudaoptflow=OFF
#   face                      face_landmark_model.dat (contrib face)           BUILD_opencv_face=OFF
#   wechat_qrcode             4 CNN model files (contrib wechat_qrcode)        BUILD_opencv_wechat_qrcode=OFF
#   xfeatures2d               boostdesc + vgg descriptor data (xfeatures2d)    BUILD_opencv_xfeatures2d=OFF
#
# The last three are the article's offline disables. Whatever is missing from this table (a newer
# OpenCV adding a download) is stopped by the guard below before any network access, with a message
# naming the file: nothing is fetched silently.
set(OFFLINE_KEEP "" CACHE STRING "offline items whose files are in OPENCV_DOWNLOAD_PATH (see cmake/opencv-offline.cmake)")

macro(_dualstream_offline_item name)
  list(FIND OFFLINE_KEEP "${name}" _kept)   # (no IN_LIST: -C scripts run with old policies)
  if(_kept EQUAL -1)
    foreach(_kv ${ARGN})
      string(REPLACE "=" ";" _kv "${_kv}")
      list(GET _kv 0 _k)
      list(GET _kv 1 _v)
      set(${_k} ${_v} CACHE STRING "" FORCE)
    endforeach()
  endif()
endmacro()

_dualstream_offline_item(ippicv "WITH_IPP=OFF")
_dualstream_offline_item(ade "WITH_ADE=OFF")
_dualstream_offline_item(ffmpeg "OPENCV_FFMPEG_SKIP_DOWNLOAD=ON")
_dualstream_offline_item(tbb "BUILD_TBB=OFF")
_dualstream_offline_item(timvx "WITH_TIMVX=OFF")
if(APPLE)
  _dualstream_offline_item(orbbec "WITH_OBSENSOR=OFF")
endif()
_dualstream_offline_item(nvidia_optical_flow "BUILD_opencv_cudaoptflow=OFF")
_dualstream_offline_item(face "BUILD_opencv_face=OFF")
_dualstream_offline_item(wechat_qrcode "BUILD_opencv_wechat_qrcode=OFF")
_dualstream_offline_item(xfeatures2d "BUILD_opencv_xfeatures2d=OFF")

# Belt and braces: no download tries at all, and a hook that OpenCV runs at the start of every
# ocv_download() call and that fails the configure when the file is not in the cache, before
# file(DOWNLOAD) could open a connection. OpenCV registers every <NAME>.cmake of the folders in
# OPENCV_CMAKE_HOOKS_DIR as hook NAME (and resets hooks set any other way).
set(OPENCV_DOWNLOAD_TRIES_LIST "" CACHE STRING "" FORCE)
set(OPENCV_CMAKE_HOOKS_DIR "${CMAKE_CURRENT_LIST_DIR}/opencv-offline-hooks" CACHE PATH "" FORCE)
