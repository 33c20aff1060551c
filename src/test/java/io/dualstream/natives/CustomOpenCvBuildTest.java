package io.dualstream.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs only in the {@code opencv-custom} Maven profile: proves that OpenCV's libraries in this JVM
 * come from the custom build (opencv-build/build-opencv.sh --profile javacpp), loaded through
 * JavaCPP's {@code pathsFirst}, and that GStreamer works built in, with no plugin anywhere.
 */
class CustomOpenCvBuildTest {
    private static final List<String> MODULES = List.of("core", "imgproc", "imgcodecs", "videoio");
    private static Path customLib;

    @BeforeAll
    static void customLibraryFolder() throws IOException {
        String value = System.getProperty("dualstream.opencv.custom.lib", "");
        if (value.isBlank() || value.startsWith("${") || !Files.isDirectory(Path.of(value))) {
            fail("the opencv-custom profile needs the custom build's lib folder: mvn -Popencv-custom "
                    + "-Dopencv.custom.lib=<LIB_DIR printed by opencv-build/build-opencv.sh --profile javacpp> verify"
                    + " (got '" + value + "')");
        }
        customLib = Path.of(value).toRealPath();
        assertEquals("true", System.getProperty("org.bytedeco.javacpp.pathsFirst"), "the profile sets pathsFirst");
    }

    /** Every mapped libopencv_* file of this process, as real paths. */
    private static Set<Path> mappedOpenCvLibraries() throws IOException {
        Set<Path> mapped = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int slash = line.indexOf('/');
            if (slash >= 0 && line.contains("libopencv_")) {
                Path file = Path.of(line.substring(slash).trim());
                mapped.add(Files.exists(file) ? file.toRealPath() : file);
            }
        }
        return mapped;
    }

    @Test
    void openCvLibrariesComeFromTheCustomFolderAndNoneFromTheJar() throws IOException {
        GStreamerSupport.Status status = GStreamerSupport.ensureAvailable();
        Set<Path> mapped = mappedOpenCvLibraries();
        for (String module : MODULES) {
            assertTrue(mapped.stream().anyMatch(p -> p.getFileName().toString().startsWith("libopencv_" + module + ".so")
                    && p.getParent().equals(customLib)), "libopencv_" + module + " must be mapped from " + customLib
                    + "; mapped: " + mapped);
        }
        for (Path p : mapped) {
            assertEquals(customLib, p.getParent(), "an OpenCV library from elsewhere (the jar's copy?): " + p
                    + "; all mapped: " + mapped);
        }
        assertEquals(customLib, PluginLocation.openCvLibraryFolder());
        assertTrue(status.builtIn(), "GStreamer must be built in, not a plugin: " + status);
    }

    @Test
    void gstreamerIsBuiltInAndNoPluginIsUsed() throws IOException {
        GStreamerSupport.Status status = GStreamerSupport.ensureAvailable();
        assertEquals("GSTREAMER", status.backendName());
        assertEquals(java.util.Optional.empty(), status.pluginFile());
        String info = opencv_core.getBuildInformation().getString();
        assertTrue(BuildInformation.hasBuiltInGStreamer(info), info);
        assertFalse(mappedOpenCvLibraries().stream().anyMatch(p -> p.getFileName().toString()
                .startsWith("libopencv_videoio_gstreamer")), "no GStreamer plugin may be loaded");
        try (var files = Files.list(customLib)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("libopencv_videoio_gstreamer")),
                    "nothing may be placed into the custom build's folder");
        }
        assertTrue(CustomOpenCvBuildTest.class.getResource("/io/dualstream/natives/linux-x86_64") == null,
                "the profile must not bundle the plugin");
    }
}
