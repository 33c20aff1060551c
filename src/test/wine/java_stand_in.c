/*
 * java.exe stand-in for the tests of windows\*.cmd under Wine (no Windows JDK can be had here).
 *   java -version        prints `openjdk version "<JAVA_STAND_IN_VERSION or 17.0.12>" 2024-07-16` on stderr
 *   java <anything else> prints `java-stand-in: [arg] [arg] ...` and exits JAVA_STAND_IN_EXIT, else 3
 *                        (doctor's "missing" code)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "-version") == 0) {
        const char *version = getenv("JAVA_STAND_IN_VERSION");
        fprintf(stderr, "openjdk version \"%s\" 2024-07-16\n", version ? version : "17.0.12");
        return 0;
    }
    printf("java-stand-in:");
    for (int i = 1; i < argc; i++) {
        printf(" [%s]", argv[i]);
    }
    printf("\n");
    const char *exit_code = getenv("JAVA_STAND_IN_EXIT");
    return exit_code ? atoi(exit_code) : 3;
}
