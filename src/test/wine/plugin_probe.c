/*
 * plugin_probe.exe PLUGIN.dll
 * Loads OpenCV's GStreamer plugin DLL the way OpenCV's loader does (LoadLibraryW, then the two init
 * entry points with ABI 1 / API 1) and prints what the host checks in checkCompatibility():
 *   capture: valid_size=.. min_api=.. api=.. opencv=MAJOR.MINOR.PATCH id=.. description=..
 *   writer:  ...
 * Exit 0 when both entry points answered, 1 otherwise. Built with mingw-w64, run under Wine by
 * WindowsPluginWineTest; the layout below is OpenCV's C plugin interface (llapi.h, plugin_*_api.hpp).
 */
#include <stdio.h>
#include <stddef.h>
#include <windows.h>

typedef struct {
    size_t valid_size;
    unsigned min_api_version, api_version;
    unsigned opencv_version_major, opencv_version_minor, opencv_version_patch;
    const char *opencv_version_status;
    const char *api_description;
} api_header;

typedef struct {
    api_header header;
    int id; /* first entry of both the capture and the writer API */
} plugin_api;

typedef const plugin_api *(*init_fn)(int abi, int api, void *reserved);

static int report(HMODULE dll, const char *label, const char *symbol) {
    init_fn init = (init_fn) (void (*)(void)) GetProcAddress(dll, symbol);
    if (!init) {
        printf("%s: no entry point %s\n", label, symbol);
        return 0;
    }
    const plugin_api *api = init(1, 1, NULL);
    if (!api) {
        printf("%s: %s(1, 1) returned NULL\n", label, symbol);
        return 0;
    }
    printf("%s: valid_size=%u min_api=%u api=%u opencv=%u.%u.%u id=%d description=%s\n", label,
           (unsigned) api->header.valid_size, api->header.min_api_version, api->header.api_version,
           api->header.opencv_version_major, api->header.opencv_version_minor,
           api->header.opencv_version_patch, api->id,
           api->header.api_description ? api->header.api_description : "(null)");
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: plugin_probe PLUGIN.dll\n");
        return 2;
    }
    wchar_t path[MAX_PATH];
    MultiByteToWideChar(CP_UTF8, 0, argv[1], -1, path, MAX_PATH);
    HMODULE dll = LoadLibraryW(path);
    if (!dll) {
        printf("load: FAILED, error %lu\n", (unsigned long) GetLastError());
        return 1;
    }
    printf("load: ok\n");
    int ok = report(dll, "capture", "opencv_videoio_capture_plugin_init_v1");
    ok &= report(dll, "writer", "opencv_videoio_writer_plugin_init_v1");
    fflush(stdout);
    return ok ? 0 : 1;
}
