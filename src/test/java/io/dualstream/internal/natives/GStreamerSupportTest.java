package io.dualstream.internal.natives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader with the real bundled plugin and the real OpenCV natives. */
class GStreamerSupportTest {
    @TempDir
    Path folder;

    @Test
    void placesThePluginNextToOpenCvAndProvesCapGstreamer() {
        GStreamerSupport.Status status = GStreamerSupport.ensureAvailable();
        assertEquals("GSTREAMER", status.backendName());
        Path pluginFile = status.pluginFile().orElseThrow(
                () -> new AssertionError("the jar's OpenCV has no GStreamer built in: the plugin must be used"));
        assertTrue(!status.builtIn());
        assertTrue(Files.isRegularFile(pluginFile), pluginFile.toString());
        assertEquals(PluginLocation.openCvLibraryFolder(), pluginFile.getParent(),
                "the plugin must sit where OpenCV looks: next to its videoio library");
        assertTrue(status.openCvVersion().startsWith("4."), status.openCvVersion());
        assertSame(status, GStreamerSupport.ensureAvailable(), "second call must not redo the work");
    }

    @Test
    void openCvLibraryFolderHoldsTheLoadedVideoioLibrary() throws Exception {
        try (var files = Files.list(PluginLocation.openCvLibraryFolder())) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("libopencv_videoio.so")
                    || f.getFileName().toString().startsWith("opencv_videoio")));
        }
    }

    @Test
    void candidateNamesFollowOpenCvsPluginLoader() {
        assertEquals(List.of("libopencv_videoio_gstreamer.so"), BundledPlugin.candidateNames("linux-x86_64", "4.10.0"));
        assertEquals("opencv_videoio_gstreamer4100_64.dll",
                BundledPlugin.candidateNames("windows-x86_64", "4.10.0").get(0));
    }

    @Test
    void theWindowsPluginIsInTheJarUnderTheNameOpenCvLooksFor() throws Exception {
        BundledPlugin plugin = BundledPlugin.find("windows-x86_64", "4.10.0").orElseThrow(
                () -> new AssertionError("the windows-x86_64 plugin is not on the test classpath: run "
                        + "opencv-build/build-windows-plugin.sh"));
        assertEquals("opencv_videoio4100.dll", BundledPlugin.windowsVideoioLibrary("4.10.0"));
        assertTrue(getClass().getClassLoader().getResource("org/bytedeco/opencv/windows-x86_64/opencv_videoio4100.dll")
                != null, "bytedeco's windows-x86_64 jar must carry the DLL the plugin is placed beside");
        Files.createFile(folder.resolve("opencv_videoio4100.dll"));
        Path installed = plugin.installInto(folder);
        assertEquals(folder.resolve("opencv_videoio_gstreamer4100_64.dll"), installed);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(installed), 2);
        assertArrayEquals(new byte[] {'M', 'Z'}, head, "a Windows PE file");
    }

    @Test
    void aPlatformWithoutBundledPluginIsReportedAsMissing() throws Exception {
        assertTrue(BundledPlugin.find("linux-riscv64", "4.10.0").isEmpty());
    }

    @Test
    void installWritesOnceAndReplacesADifferentFile() throws Exception {
        BundledPlugin plugin = BundledPlugin.find("linux-x86_64", "4.10.0").orElseThrow(
                () -> new AssertionError("the linux-x86_64 plugin is not on the test classpath: run "
                        + "opencv-build/build-plugin.sh"));
        Path installed = plugin.installInto(folder);
        FileTime first = FileTime.fromMillis(0);
        Files.setLastModifiedTime(installed, first);
        assertEquals(installed, plugin.installInto(folder));
        assertEquals(first, Files.getLastModifiedTime(installed), "an identical copy must not be rewritten");

        byte[] expected = Files.readAllBytes(installed);
        Files.write(installed, new byte[] {1, 2, 3});
        plugin.installInto(folder);
        assertArrayEquals(expected, Files.readAllBytes(installed), "a different file must be replaced");
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
    }
}
