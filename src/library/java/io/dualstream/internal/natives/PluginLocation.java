package io.dualstream.internal.natives;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_videoio;

/**
 * Where OpenCV's videoio looks for its backend plugins in this process.
 *
 * <p>OpenCV searches {@code OPENCV_VIDEOIO_PLUGIN_PATH} when it is set, else the folder of its own
 * library ({@code getBinLocation} in {@code backend_plugin.cpp}). With bytedeco's jars that folder is
 * JavaCPP's extraction cache, which exists only once the natives are loaded, so this class loads
 * them first. Environment variables cannot be set reliably from Java, so we place the plugin next to
 * the library rather than point the variable at it.
 */
final class PluginLocation {
    static final String PLUGIN_PATH_VARIABLE = "OPENCV_VIDEOIO_PLUGIN_PATH";

    private PluginLocation() {
    }

    /** The folder that holds the loaded OpenCV videoio library. Loads OpenCV's natives if needed. */
    static Path openCvLibraryFolder() {
        String jniLibrary = Loader.load(opencv_videoio.class);
        if (isLinux()) {
            Optional<Path> mapped = loadedLibraryFolder("libopencv_videoio");
            if (mapped.isPresent()) {
                return mapped.get();
            }
        }
        // bytedeco extracts the JNI wrapper and the OpenCV libraries into one folder.
        return Path.of(jniLibrary).toAbsolutePath().getParent();
    }

    /** The folders named by {@code OPENCV_VIDEOIO_PLUGIN_PATH}, empty when it is not set. */
    static List<Path> configuredPluginFolders() {
        String value = System.getenv(PLUGIN_PATH_VARIABLE);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    /** Reads /proc/self/maps: the exact file the dynamic loader mapped, even with pathsFirst. */
    private static Optional<Path> loadedLibraryFolder(String namePrefix) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                Path file = Path.of(line.substring(slash).trim());
                if (file.getFileName().toString().startsWith(namePrefix + ".so")) {
                    return Optional.of(file.getParent());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read /proc/self/maps to find OpenCV's library folder", e);
        }
    }

    static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
