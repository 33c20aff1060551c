/*
 * msvc_videoio_capture.exe PIPELINE FRAMES OUT.raw
 * Drives bytedeco's MSVC-built opencv_videoio4100.dll (the DLL that OpenCV's Java API sits on) the way
 * `new VideoCapture(pipeline, CAP_GSTREAMER)` does, without a JVM: its exported C++ members are called
 * through their MSVC-mangled names (x64 has one calling convention; `this` comes first), with an
 * MSVC-layout std::string built by hand. The plugin is found by OpenCV itself, next to
 * opencv_videoio4100.dll. Prints
 *   hasBackend=0|1 opened=0|1 width=W height=H
 *   frame N: rows cols type step
 * and appends each frame's pixel rows to OUT.raw. Exit 0 when FRAMES frames were read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define CAP_GSTREAMER 1800
#define CAP_PROP_FRAME_WIDTH 3
#define CAP_PROP_FRAME_HEIGHT 4

/* std::string of MSVC's STL, x64 release: 16-byte small buffer or pointer, size, capacity */
typedef struct {
    union { char buf[16]; char *ptr; } bx;
    size_t size;
    size_t res;
} msvc_string;

/* cv::Mat (4.x): flags, dims, rows, cols, data, datastart, dataend, datalimit, allocator, u, size.p, step.p, step.buf[2] */
typedef struct {
    int flags, dims, rows, cols;
    unsigned char *data;
    const unsigned char *datastart, *dataend, *datalimit;
    void *allocator, *u;
    int *size_p;
    size_t *step_p;
    size_t step_buf[2];
} cv_mat;

/* cv::_OutputArray: flags, obj, sz (no virtual functions) */
typedef struct {
    int flags;
    void *obj;
    int width, height;
} cv_output_array;

typedef unsigned char (*has_backend_fn)(int api);
typedef void *(*ctor_fn)(void *self);
typedef unsigned char (*open_fn)(void *self, const msvc_string *name, int api);
typedef unsigned char (*is_opened_fn)(const void *self);
typedef double (*get_fn)(const void *self, int prop);
typedef unsigned char (*read_fn)(void *self, const cv_output_array *image);
typedef void (*member_fn)(void *self);

static void *need(HMODULE dll, const char *name) {
    void *p = (void *) GetProcAddress(dll, name);
    if (!p) {
        printf("missing export %s\n", name);
        exit(3);
    }
    return p;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: msvc_videoio_capture PIPELINE FRAMES OUT.raw\n");
        return 2;
    }
    int frames = atoi(argv[2]);
    HMODULE videoio = LoadLibraryA("opencv_videoio4100.dll");
    HMODULE core = LoadLibraryA("opencv_core4100.dll");
    if (!videoio || !core) {
        printf("cannot load opencv_videoio4100.dll / opencv_core4100.dll: error %lu\n", (unsigned long) GetLastError());
        return 3;
    }
    has_backend_fn has_backend = (has_backend_fn) need(videoio, "?hasBackend@videoio_registry@cv@@YA_NW4VideoCaptureAPIs@2@@Z");
    ctor_fn capture_ctor = (ctor_fn) need(videoio, "??0VideoCapture@cv@@QEAA@XZ");
    open_fn capture_open = (open_fn) need(videoio,
        "?open@VideoCapture@cv@@UEAA_NAEBV?$basic_string@DU?$char_traits@D@std@@V?$allocator@D@2@@std@@H@Z");
    is_opened_fn is_opened = (is_opened_fn) need(videoio, "?isOpened@VideoCapture@cv@@UEBA_NXZ");
    get_fn get = (get_fn) need(videoio, "?get@VideoCapture@cv@@UEBANH@Z");
    read_fn read = (read_fn) need(videoio, "?read@VideoCapture@cv@@UEAA_NAEBV_OutputArray@2@@Z");
    member_fn release = (member_fn) need(videoio, "?release@VideoCapture@cv@@UEAAXXZ");
    member_fn capture_dtor = (member_fn) need(videoio, "??1VideoCapture@cv@@UEAA@XZ");
    ctor_fn mat_ctor = (ctor_fn) need(core, "??0Mat@cv@@QEAA@XZ");
    member_fn mat_dtor = (member_fn) need(core, "??1Mat@cv@@QEAA@XZ");

    int backend = has_backend(CAP_GSTREAMER);
    void *capture = calloc(1, 256); /* sizeof(cv::VideoCapture) is 24: room to spare */
    capture_ctor(capture);
    msvc_string name;
    memset(&name, 0, sizeof name);
    size_t len = strlen(argv[1]);
    if (len < 16) {
        memcpy(name.bx.buf, argv[1], len + 1);
        name.res = 15;
    } else {
        name.bx.ptr = argv[1];
        name.res = len;
    }
    name.size = len;
    int opened = capture_open(capture, &name, CAP_GSTREAMER) && is_opened(capture);
    printf("hasBackend=%d opened=%d width=%.0f height=%.0f\n", backend, opened,
           opened ? get(capture, CAP_PROP_FRAME_WIDTH) : 0.0, opened ? get(capture, CAP_PROP_FRAME_HEIGHT) : 0.0);
    fflush(stdout);
    int got = 0;
    FILE *out = fopen(argv[3], "wb");
    if (opened && out) {
        cv_mat *mat = calloc(1, 512);
        mat_ctor(mat);
        cv_output_array array = { (1 << 16) | (1 << 25), mat, 0, 0 }; /* _InputArray::MAT | ACCESS_WRITE */
        for (int i = 0; i < frames; i++) {
            if (!read(capture, &array) || !mat->data) {
                printf("frame %d: read failed\n", i);
                break;
            }
            size_t step = mat->step_p[0];
            printf("frame %d: rows=%d cols=%d type=%d step=%zu\n", i, mat->rows, mat->cols, mat->flags & 0xFFF, step);
            int channels = ((mat->flags & 0xFFF) >> 3) + 1;
            for (int r = 0; r < mat->rows; r++) {
                fwrite(mat->data + r * step, 1, (size_t) mat->cols * channels, out);
            }
            got++;
        }
        mat_dtor(mat);
        free(mat);
    }
    if (out) {
        fclose(out);
    }
    release(capture);
    capture_dtor(capture);
    free(capture);
    fflush(stdout);
    return got == frames ? 0 : 1;
}
