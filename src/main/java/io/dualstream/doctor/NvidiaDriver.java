package io.dualstream.doctor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the NVIDIA driver's CUDA library ({@code libcuda.so.1}, {@code nvcuda.dll}) by looking where the
 * driver installs it, without loading anything: loading native code on a machine without the driver
 * is exactly what the doctor must not trip over.
 */
final class NvidiaDriver {
    private NvidiaDriver() {
    }

    static String libraryName() {
        return OperatingSystem.isWindows() ? "nvcuda.dll" : "libcuda.so.1";
    }

    static List<Path> searchFolders() {
        List<Path> folders = new ArrayList<>();
        String libraryPath = System.getenv(OperatingSystem.isWindows() ? "PATH" : "LD_LIBRARY_PATH");
        if (libraryPath != null) {
            for (String entry : libraryPath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    folders.add(Path.of(entry));
                }
            }
        }
        if (OperatingSystem.isWindows()) {
            String root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
            folders.add(Path.of(root, "System32"));
        } else {
            for (String folder : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/nvidia/lib64",
                    "/usr/lib/wsl/lib", "/usr/local/cuda/compat")) {
                folders.add(Path.of(folder));
            }
        }
        return folders;
    }

    /** @return the driver library's path, or empty when no NVIDIA driver is installed */
    static Optional<Path> find() {
        return searchFolders().stream().map(folder -> folder.resolve(libraryName())).filter(Files::exists)
                .findFirst();
    }
}
