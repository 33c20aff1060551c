package io.dualstream.internal.natives;

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

    /**
     * The jar's JNI libraries bind to our libraries by name: every OpenCV symbol they import must be
     * exported by the custom build. Known exceptions, all unused by DualStream: four OpenCL functions
     * and one instrumentation operator that OpenCV compiles only with OpenCL / instrumentation on
     * (our javacpp profile has both off; Debian's source has no OpenCL headers). A JNI method that
     * wraps one of them would fail with "undefined symbol" when called; nothing else is affected.
     */
    @Test
    void jniLibrariesFindEveryOpenCvSymbolTheyImport() throws Exception {
        GStreamerSupport.ensureAvailable();
        Set<String> known = Set.of("_ZN2cv3ocl14convertTypeStrEiiiPcm", "_ZN2cv3ocl6Kernel4run_EiPmS2_bRKNS0_5QueueE",
                "_ZN2cv5instreqERKNS0_8NodeDataES3_", "_ZNK2cv3ocl12PlatformInfo12versionMajorEv",
                "_ZNK2cv3ocl12PlatformInfo12versionMinorEv");
        Set<String> exported = new TreeSet<>();
        for (String module : MODULES) {
            exported.addAll(dynamicSymbols(customLib.resolve("libopencv_" + module + ".so"), "--defined-only"));
        }
        Set<Path> jni = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int slash = line.indexOf('/');
            if (slash >= 0 && line.contains("libjniopencv_")) {
                jni.add(Path.of(line.substring(slash).trim()));
            }
        }
        assertTrue(jni.size() >= MODULES.size(), "JNI libraries mapped: " + jni);
        Set<String> missing = new TreeSet<>();
        for (Path library : jni) {
            for (String symbol : dynamicSymbols(library, "--undefined-only")) {
                if (symbol.contains("2cv") && !exported.contains(symbol) && !known.contains(symbol)) {
                    missing.add(library.getFileName() + ": " + symbol);
                }
            }
        }
        assertEquals(Set.of(), missing, "symbols the jar's JNI code imports but the custom build lacks");
    }

    /** The dynamic symbol names of a library, through binutils' nm (installed with g++). */
    private static List<String> dynamicSymbols(Path library, String which) throws Exception {
        Process nm = new ProcessBuilder("nm", "-D", which, library.toString()).redirectErrorStream(true).start();
        List<String> names = new java.util.ArrayList<>();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(nm.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] fields = line.trim().split("\\s+");
                names.add(fields[fields.length - 1].replaceAll("@.*", ""));
            }
        }
        assertTrue(nm.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "nm did not finish");
        assertEquals(0, nm.exitValue(), "nm -D " + which + " " + library);
        return names;
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
