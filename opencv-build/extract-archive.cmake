# Shared by build-plugin.cmake and build-opencv.cmake (included, not run on its own).
#
# ds_extract_archive(ARCHIVE TMP MARKER OUT_TOP): extracts ARCHIVE into the empty folder TMP and sets
# OUT_TOP to the folder inside that holds MARKER (a relative path), or to "" when none does. The top
# folder differs between archives (opencv-4.10.0/, opencv-4.10.0+dfsg/, none, ...), so the marker,
# not the name, tells which one is the source tree. The caller moves OUT_TOP away and removes TMP.
# The caller's _say() prints the progress line.
function(ds_extract_archive archive tmp marker out_top)
  file(REMOVE_RECURSE "${tmp}")
  file(MAKE_DIRECTORY "${tmp}")
  _say("  extracting ${archive}")
  file(ARCHIVE_EXTRACT INPUT "${archive}" DESTINATION "${tmp}")
  set(_top "")
  if(EXISTS "${tmp}/${marker}")
    set(_top "${tmp}")
  else()
    file(GLOB _cands LIST_DIRECTORIES TRUE "${tmp}/*")
    foreach(_c IN LISTS _cands)
      if(EXISTS "${_c}/${marker}")
        set(_top "${_c}")
        break()
      endif()
    endforeach()
  endif()
  set(${out_top} "${_top}" PARENT_SCOPE)
endfunction()
