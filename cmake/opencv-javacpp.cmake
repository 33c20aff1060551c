# Initial cache for the `javacpp` profile (cmake -C cmake/opencv-javacpp.cmake ...).
#
# Goal: per-module shared libraries that JavaCPP can load *instead of* the ones inside the bytedeco
# opencv jar (org.bytedeco.javacpp.pathsFirst=true + java.library.path=<this build's lib/>):
#   - same version as the pom's bytedeco OpenCV, so the sonames match (libopencv_core.so.410 ...);
#     the jar's JNI libraries (libjniopencv_core.so ...) have NEEDED entries on exactly these names,
#     and the dynamic linker reuses a soname that is already loaded;
#   - same C++ string ABI as the bytedeco build (1.5.11: the new one, GCC's default here);
#   - GStreamer built into videoio (no plugin needed).
# Everything else is off to keep the build short on 2 cores. The module list defaults to what the
# JNI libraries of core, imgproc, imgcodecs and videoio need; add modules with
# -DBUILD_LIST=core,imgproc,...  (the driver's OPENCV_MODULES).
set(BUILD_SHARED_LIBS ON CACHE BOOL "")
set(CMAKE_BUILD_TYPE Release CACHE STRING "")
set(BUILD_LIST "core,imgproc,imgcodecs,videoio" CACHE STRING "")
set(BUILD_opencv_world OFF CACHE BOOL "")

# Video I/O: GStreamer built in, as in the article; the rest of bytedeco's Linux set (v4l) stays.
set(WITH_GSTREAMER ON CACHE BOOL "")
set(WITH_FFMPEG OFF CACHE BOOL "")
set(WITH_V4L ON CACHE BOOL "")
set(WITH_OBSENSOR OFF CACHE BOOL "")
set(WITH_1394 OFF CACHE BOOL "")
set(WITH_GPHOTO2 OFF CACHE BOOL "")
set(WITH_MSMF OFF CACHE BOOL "")
set(WITH_DSHOW OFF CACHE BOOL "")
set(VIDEOIO_ENABLE_PLUGINS ON CACHE BOOL "")

# Image codecs: the system's libjpeg/libpng/zlib (Debian's source has no 3rdparty/ to build them).
set(WITH_JPEG ON CACHE BOOL "")
set(WITH_PNG ON CACHE BOOL "")
set(BUILD_JPEG OFF CACHE BOOL "")
set(BUILD_PNG OFF CACHE BOOL "")
set(BUILD_ZLIB OFF CACHE BOOL "")
foreach(_off WITH_TIFF WITH_WEBP WITH_OPENJPEG WITH_JASPER WITH_OPENEXR WITH_AVIF WITH_IMGCODEC_HDR
             WITH_IMGCODEC_SUNRASTER WITH_IMGCODEC_PXM WITH_IMGCODEC_PFM WITH_GDAL WITH_GDCM WITH_SPNG)
  set(${_off} OFF CACHE BOOL "")
endforeach()

# Nothing that needs a download (IPP ICV, TBB source, ADE...) or a bundled 3rdparty/ tree, which
# Debian's source archive does not have (ITT, quirc, protobuf, flatbuffers, OpenCL headers, carotene).
foreach(_off WITH_IPP BUILD_IPP_IW WITH_ITT WITH_QUIRC WITH_PROTOBUF WITH_FLATBUFFERS WITH_ADE BUILD_TBB
             WITH_CAROTENE WITH_KLEIDICV WITH_TIMVX WITH_NVCUVID WITH_NVCUVENC WITH_VULKAN)
  set(${_off} OFF CACHE BOOL "")
endforeach()

# Parallel/math backends: plain pthreads, no BLAS/LAPACK/Eigen/OpenCL (bytedeco's core links OpenBLAS;
# its JNI code does not need it).
foreach(_off WITH_TBB WITH_OPENMP WITH_HPX WITH_LAPACK WITH_EIGEN WITH_OPENCL WITH_OPENCL_SVM WITH_OPENCLAMDFFT
             WITH_OPENCLAMDBLAS WITH_VA WITH_VA_INTEL WITH_OPENGL WITH_GTK WITH_QT WITH_VTK WITH_CUDA)
  set(${_off} OFF CACHE BOOL "")
endforeach()

# Only the libraries: no apps, tests, docs or language bindings (Java comes from the jar).
foreach(_off BUILD_TESTS BUILD_PERF_TESTS BUILD_EXAMPLES BUILD_DOCS BUILD_opencv_apps BUILD_JAVA
             BUILD_opencv_java BUILD_opencv_python3 BUILD_opencv_python2 BUILD_opencv_js
             OPENCV_GENERATE_PKGCONFIG BUILD_opencv_objc)
  set(${_off} OFF CACHE BOOL "")
endforeach()

# One SIMD dispatch target besides the baseline: most of the speed of the full list, a fraction of
# the compile time. Override with -DCPU_DISPATCH=... (empty: baseline only).
set(CPU_DISPATCH "AVX2" CACHE STRING "")
