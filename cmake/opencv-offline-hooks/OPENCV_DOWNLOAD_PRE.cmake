# Included by OpenCV's ocv_download() (hook OPENCV_DOWNLOAD_PRE: this folder is OPENCV_CMAKE_HOOKS_DIR,
# set by opencv-offline.cmake)
# inside the function, so DL_FILENAME, DL_HASH, DL_URL, DL_ID and DL_RELATIVE_URL are visible.
# Offline: a file that is not in OPENCV_DOWNLOAD_PATH stops the configure here, before OpenCV would
# try to download it, with the one line that says what to fetch and where to put it.
if(DL_ID)
  string(TOLOWER "${DL_ID}" _dualstream_id)
  string(REGEX REPLACE "[^a-zA-Z0-9_/ ]" "_" _dualstream_id "${_dualstream_id}")
  set(_dualstream_cached "${OPENCV_DOWNLOAD_PATH}/${_dualstream_id}/${DL_HASH}-${DL_FILENAME}")
else()
  set(_dualstream_cached "${OPENCV_DOWNLOAD_PATH}/${DL_HASH}-${DL_FILENAME}")
endif()
if(NOT EXISTS "${_dualstream_cached}")
  set(_dualstream_url "")
  foreach(_u ${DL_URL})
    if(_u)
      set(_dualstream_url "${_u}")
      break()
    endif()
  endforeach()
  if(DL_RELATIVE_URL)
    set(_dualstream_url "${_dualstream_url}${DL_FILENAME}")
  endif()
  file(APPEND "${OPENCV_DOWNLOAD_LOG}" "#dualstream_offline_refused \"${_dualstream_cached}\" \"${_dualstream_url}\"\n")
  message(FATAL_ERROR " OFFLINE: OpenCV wants to download ${DL_FILENAME} (id '${DL_ID}', from ${_dualstream_url}) "
    "and it is not in the download cache as ${_dualstream_cached} -- fix: switch off the feature that needs it "
    "(table in cmake/opencv-offline.cmake), or fill the cache online with "
    "`opencv-build/build-opencv.sh --fill-download-cache DIR` and copy DIR over")
endif()
