package io.dualstream.internal.natives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.testing.RtspTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows plugin DLL packed in this build, loaded by bytedeco's real MSVC-built
 * {@code opencv_videoio4100.dll} (from the windows-x86_64 jar on the test class path) under Debian's
 * Wine, with a GStreamer runtime cross-built from Debian's sources
 * ({@code opencv-build/windows/build-gstreamer-runtime.sh}).
 *
 * <p>What runs under Wine are two small C programs ({@code src/test/wine/}), compiled here with
 * mingw-w64: there is no Windows JDK on these machines, so the Java/JNI layer on Windows is not part
 * of this test. The DLLs sit in one folder as JavaCPP extracts them: OpenCV's, the VC++ runtime of
 * javacpp's windows jar, OpenBLAS, and the plugin next to {@code opencv_videoio4100.dll} under its
 * exact name, as {@link GStreamerSupport} places it on Windows. GStreamer's {@code bin} folder is
 * reached through the search path (WINEPATH), as the loader's PATH entry does on Windows.
 *
 * <p>Needs {@code wine}, {@code x86_64-w64-mingw32-gcc-posix} and the runtime's root in
 * {@value #RUNTIME_PROPERTY}. Skipped with the reason when one is missing, except when
 * {@value Wine#REQUIRED_PROPERTY}=true (CI's {@code .ci/run}): then it fails.
 */
class WindowsPluginWineTest {
    static final String RUNTIME_PROPERTY = "dualstream.wine.gstreamer";
    private static final String PLATFORM = "windows-x86_64";
    /** Through the keyframe gate too: the DLL registers it at GStreamer's start (raw video passes it as is). */
    private static final String TEST_PIPELINE = "videotestsrc num-buffers=5 ! dskeyframegate ! videoconvert ! "
            + "video/x-raw,format=BGR,width=640,height=480 ! appsink";
    private static final int FRAMES = 3;

    @TempDir
    static Path work;

    private static Path host;
    private static Path runtime;
    private static String pluginName;

    @BeforeAll
    static void prepare() throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>(Wine.missingTools());
        String runtimeRoot = System.getProperty(RUNTIME_PROPERTY, "");
        if (runtimeRoot.isBlank() || !Files.isRegularFile(Path.of(runtimeRoot, "bin", "gstreamer-1.0-0.dll"))) {
            missing.add("a cross-built GStreamer runtime in -D" + RUNTIME_PROPERTY + "=<root> (got '" + runtimeRoot
                    + "'; build it with opencv-build/windows/build-gstreamer-runtime.sh)");
        }
        String openCvVersion = opencv_core.CV_VERSION();
        pluginName = BundledPlugin.candidateNames(PLATFORM, openCvVersion).get(0);
        Optional<BundledPlugin> plugin = BundledPlugin.find(PLATFORM, openCvVersion);
        if (plugin.isEmpty()) {
            missing.add("the Windows plugin " + pluginName + " in this build (opencv-build/build-windows-plugin.sh, "
                    + "then mvn package)");
        }
        Wine.requireNothingMissing("WindowsPluginWineTest", missing);
        runtime = Path.of(runtimeRoot);
        host = Files.createDirectories(work.resolve("javacpp-cache"));
        int copied = 0;
        String videoio = BundledPlugin.windowsVideoioLibrary(openCvVersion);
        copied += extract("org/bytedeco/opencv/" + PLATFORM + "/", videoio, "opencv_core", "opencv_imgproc",
                "opencv_imgcodecs", "opencv_videoio");
        copied += extract("org/bytedeco/javacpp/" + PLATFORM + "/", "msvcp140.dll", "");
        copied += extract("org/bytedeco/openblas/" + PLATFORM + "/", "libopenblas.dll", "libopenblas.dll");
        assertTrue(copied >= 6, "DLLs extracted from the windows-x86_64 jars: " + copied);
        assertTrue(Files.isRegularFile(host.resolve(videoio)));
        // where GStreamerSupport places it on Windows: next to opencv_videoio<ver>.dll, exact name
        assertEquals(host.resolve(pluginName), plugin.get().installInto(host));
        Wine.compile("plugin_probe", host);
        Wine.compile("msvc_videoio_capture", host);
    }

    @Test
    void pluginLoadsAndAnswersWhatOpenCvChecks() throws IOException, InterruptedException {
        Wine.Result probe = wine(List.of("plugin_probe.exe", windowsPath(host.resolve(pluginName))), Map.of());
        assertEquals(0, probe.exit(), probe.output());
        assertTrue(probe.output().contains("load: ok"), probe.output());
        String[] version = opencv_core.CV_VERSION().split("\\.");
        // OpenCV's checkCompatibility: major and minor equal, min_api 1; id CAP_GSTREAMER (1800)
        String opencv = "opencv=" + version[0] + "." + version[1] + ".";
        assertTrue(probe.output().contains("capture: valid_size=112 min_api=1 api=1 " + opencv), probe.output());
        assertTrue(probe.output().matches("(?s).*capture: [^\n]* id=1800 description=GStreamer OpenCV Video I/O "
                + "Capture plugin.*"), probe.output());
        assertTrue(probe.output().matches("(?s).*writer: [^\n]*min_api=1 api=1 " + opencv + "[^\n]* id=1800 "
                + "description=GStreamer OpenCV Video I/O Writer plugin.*"), probe.output());
    }

    @Test
    void msvcVideoioReadsTheSameFramesAsLinux() throws IOException, InterruptedException {
        Path raw = host.resolve("frames.raw");
        Wine.Result capture = wine(List.of("msvc_videoio_capture.exe", TEST_PIPELINE, String.valueOf(FRAMES),
                windowsPath(raw)), Map.of("OPENCV_LOG_LEVEL", "INFO"));
        assertEquals(0, capture.exit(), capture.output());
        assertTrue(capture.output().contains("hasBackend=1 opened=1 width=640 height=480"), capture.output());
        // hasBackend alone is not proof: the capture side of the plugin must have initialised
        assertTrue(capture.output().contains("plugin is ready to use 'GStreamer OpenCV Video I/O Capture plugin'"),
                capture.output());
        assertTrue(capture.output().contains("frame " + (FRAMES - 1) + ": rows=480 cols=640 type=16"), capture.output());
        byte[] fromWine = Files.readAllBytes(raw);
        byte[] fromLinux = linuxFrames(TEST_PIPELINE, FRAMES);
        assertEquals(FRAMES * 640 * 480 * 3, fromWine.length);
        assertArrayEquals(fromLinux, fromWine, "BGR bytes of " + FRAMES + " frames, Wine/MSVC host vs Linux");
    }

    @Test
    void rtspFromTheLinuxServerThroughTheMsvcHost() throws IOException, InterruptedException {
        String caps = "video/x-raw,format=RGB,width=320,height=240,framerate=10/1";
        // raw video over RTP: no decoder in the cross-built runtime is needed; smpte100 is a still picture (smpte has a noise patch)
        try (RtspTestServer server = RtspTestServer.startWithArguments(List.of("--launch",
                "/raw=( videotestsrc is-live=true pattern=smpte100 ! " + caps + " ! rtpvrawpay name=pay0 pt=96 )"))) {
            String pipeline = "rtspsrc location=" + server.url("/raw") + " protocols=tcp latency=0 ! rtpvrawdepay ! "
                    + "videoconvert ! video/x-raw,format=BGR ! appsink";
            Path raw = host.resolve("rtsp.raw");
            Wine.Result capture = wine(List.of("msvc_videoio_capture.exe", pipeline, "2", windowsPath(raw)),
                    Map.of("OPENCV_LOG_LEVEL", "INFO"));
            assertEquals(0, capture.exit(), capture.output());
            assertTrue(capture.output().contains("hasBackend=1 opened=1 width=320 height=240"), capture.output());
            assertTrue(capture.output().contains("frame 1: rows=240 cols=320 type=16"), capture.output());
            byte[] fromWine = Files.readAllBytes(raw);
            byte[] still = linuxFrames("videotestsrc num-buffers=1 pattern=smpte100 ! " + caps
                    + " ! videoconvert ! video/x-raw,format=BGR ! appsink", 1);
            assertEquals(2 * still.length, fromWine.length);
            assertArrayEquals(still, java.util.Arrays.copyOfRange(fromWine, still.length, fromWine.length),
                    "second RTSP frame under Wine vs the same picture made on Linux");
        }
    }

    /** The same pipeline through the Linux plugin and bytedeco's Linux natives. */
    private static byte[] linuxFrames(String pipeline, int frames) {
        GStreamerSupport.ensureAvailable();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (VideoCapture capture = new VideoCapture(pipeline, org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER);
                Mat frame = new Mat()) {
            assertTrue(capture.isOpened(), "Linux: " + pipeline);
            for (int i = 0; i < frames; i++) {
                assertTrue(capture.read(frame), "Linux frame " + i);
                byte[] row = new byte[frame.cols() * frame.channels()];
                for (int r = 0; r < frame.rows(); r++) {
                    frame.ptr(r).get(row);
                    bytes.writeBytes(row);
                }
            }
            capture.release();
        }
        return bytes.toByteArray();
    }

    /**
     * Copies the DLLs directly under {@code folder} whose names start with one of the prefixes, from
     * the jar on the class path that holds {@code folder + marker}.
     */
    private static int extract(String folder, String marker, String... namePrefixes) throws IOException {
        URL markerUrl = Thread.currentThread().getContextClassLoader().getResource(folder + marker);
        assertTrue(markerUrl != null && "jar".equals(markerUrl.getProtocol()),
                "no jar on the class path holds " + folder + marker);
        int copied = 0;
        JarURLConnection connection = (JarURLConnection) markerUrl.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith(folder) || !name.endsWith(".dll") || name.indexOf('/', folder.length()) >= 0) {
                    continue;
                }
                String file = name.substring(folder.length());
                for (String prefix : namePrefixes) {
                    if (file.startsWith(prefix)) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, host.resolve(file));
                        }
                        copied++;
                        break;
                    }
                }
            }
        }
        return copied;
    }

    /** Under Wine in the DLL folder, GStreamer's bin on the search path, the registry in the test folder. */
    private static Wine.Result wine(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("GST_REGISTRY_FORK", "no");
        env.put("GST_REGISTRY", windowsPath(work.resolve("gst-registry.bin")));
        return Wine.run(command, host, List.of(runtime.resolve("bin")), env);
    }

    private static String windowsPath(Path path) {
        return Wine.windowsPath(path);
    }
}
