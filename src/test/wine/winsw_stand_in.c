/*
 * WinSW v2 stand-in for WindowsServiceWineTest: the real WinSW-x64.exe cannot be downloaded here,
 * and Wine's service manager would prove nothing about Windows'. Copied to <name>.exe, it does what
 * the scripts rely on, and records it:
 *   - like WinSW, it needs <name>.xml next to itself (same base name), else it says so and exits 1;
 *   - every call appends to <name>.stand-in.txt next to itself: `call: [arg] [arg] ...`, and for
 *     `install` also the XML it found, between `xml-begin` and `xml-end` lines;
 *   - `version` prints `WinSW <WINSW_STAND_IN_VERSION or 2.12.0>`;
 *   - WINSW_STAND_IN_FAIL=<command>: that command exits 1073 (ERROR_SERVICE_EXISTS), else 0.
 * It installs, starts and stops nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void swap_extension(char *path, const char *extension) {
    char *dot = strrchr(path, '.');
    char *slash = strrchr(path, '\\');
    if (dot != NULL && (slash == NULL || dot > slash)) {
        *dot = '\0';
    }
    strcat(path, extension);
}

int main(int argc, char **argv) {
    char self[MAX_PATH], xml[MAX_PATH + 16], record[MAX_PATH + 16];
    DWORD length = GetModuleFileNameA(NULL, self, MAX_PATH);
    if (length == 0 || length >= MAX_PATH) {
        fprintf(stderr, "winsw-stand-in: GetModuleFileName failed\n");
        return 2;
    }
    strcpy(xml, self);
    swap_extension(xml, ".xml");
    strcpy(record, self);
    swap_extension(record, ".stand-in.txt");

    FILE *config = fopen(xml, "rb");
    if (config == NULL) {
        fprintf(stderr, "Unable to locate %s file within executable directory\n", strrchr(xml, '\\') + 1);
        return 1;
    }
    FILE *out = fopen(record, "ab");
    if (out == NULL) {
        fprintf(stderr, "winsw-stand-in: cannot write %s\n", record);
        return 2;
    }
    fprintf(out, "call:");
    for (int i = 1; i < argc; i++) {
        fprintf(out, " [%s]", argv[i]);
    }
    fprintf(out, "\n");
    const char *command = argc > 1 ? argv[1] : "";
    if (strcmp(command, "install") == 0) {
        fprintf(out, "xml-begin %s\n", xml);
        char buffer[4096];
        size_t n;
        while ((n = fread(buffer, 1, sizeof buffer, config)) > 0) {
            fwrite(buffer, 1, n, out);
        }
        fprintf(out, "xml-end\n");
    }
    fclose(config);
    fclose(out);

    if (strcmp(command, "version") == 0) {
        const char *version = getenv("WINSW_STAND_IN_VERSION");
        printf("WinSW %s\n", version ? version : "2.12.0");
        return 0;
    }
    const char *fail = getenv("WINSW_STAND_IN_FAIL");
    if (fail != NULL && strcmp(fail, command) == 0) {
        printf("winsw-stand-in: %s failed (as asked by WINSW_STAND_IN_FAIL)\n", command);
        return 1073;
    }
    printf("winsw-stand-in: %s done\n", command);
    return 0;
}
