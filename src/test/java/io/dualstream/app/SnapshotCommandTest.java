package io.dualstream.app;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.testing.RtspTestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code snapshot} command as a user runs it, against a real RTSP server on 127.0.0.1. */
@Timeout(120)
class SnapshotCommandTest {
    private static RtspTestServer server;

    @TempDir
    Path folder;

    @BeforeAll
    static void startServer() throws Exception {
        server = RtspTestServer.start("/h264=h264:1280x720@25", "/h265=h265:960x540@25");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"h264, 1280, 720, snap.jpg", "h265, 960, 540, snap.png"})
    void savesAFullSizeFrameInTheFormatOfTheExtension(String codec, int width, int height, String name) {
        Path file = folder.resolve(name);
        CommandRunner result = CommandRunner.run("snapshot", server.url("/" + codec), "--codec", codec,
                "--out", file.toString(), "--timeout", "20s");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("saved " + file), result.out());
        try (Mat image = imread(file.toString())) {
            assertEquals(width, image.cols());
            assertEquals(height, image.rows());
        }
    }

    @Test
    void aClosedPortFailsWithOneLineThatMasksThePassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path file = folder.resolve("never.jpg");
        String password = "s3cr@t:/!x";
        CommandRunner result = CommandRunner.run("snapshot", "rtsp://admin:" + password + "@127.0.0.1:" + closedPort
                + "/h264", "--out", file.toString(), "--timeout", "3s");
        assertEquals(Main.EXIT_FAILED, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("rtsp://admin:***@127.0.0.1:" + closedPort), result.err());
        assertFalse(result.err().contains(password) || result.out().contains(password));
        assertFalse(Files.exists(file));
    }

    @Test
    void theWrongCodecSaysWhichOptionToTry() {
        CommandRunner result = CommandRunner.run("snapshot", server.url("/h265"), "--out",
                folder.resolve("wrong.jpg").toString(), "--timeout", "5s", "--codec", "h264");
        assertEquals(Main.EXIT_FAILED, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("the stream is H.265 but the pipeline decodes H.264: use --codec h265 or "
                + "--codec auto"), result.err());
    }

    @Test
    void aMissingGStreamerElementIsNamedWithItsPackage() {
        // No GPU here, so GStreamer has no NVDEC decoder: a real missing element, asked for by name.
        org.junit.jupiter.api.Assumptions.assumeFalse(new io.dualstream.internal.pipeline.GstInspectRegistry().has("nvh264dec"),
                "this machine has nvh264dec: the missing-element case cannot be shown with it");
        CommandRunner result = CommandRunner.run("snapshot", server.url("/h264"), "--out",
                folder.resolve("gpu.jpg").toString(), "--codec", "h264", "--decoder", "nvdec");
        assertEquals(Main.EXIT_MISSING_COMPONENT, result.exitCode(), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("nvh264dec"), result.err());
    }

    @Test
    void badArgumentsAreUsageErrorsBeforeAnythingIsOpened() {
        Path file = folder.resolve("x.jpg");
        assertUsage(CommandRunner.run("snapshot", "http://127.0.0.1/x", "--out", file.toString()), "rtsp");
        assertUsage(CommandRunner.run("snapshot", server.url("/h264"), "--out", folder.resolve("x.nope").toString()),
                "extension");
        assertUsage(CommandRunner.run("snapshot", server.url("/h264")), "Missing required option: '--out=FILE'");
        assertUsage(CommandRunner.run("snapshot", server.url("/h264"), "--out", file.toString(), "--codec", "mpeg2"),
                "codec");
        assertUsage(CommandRunner.run("snapshot", server.url("/h264"), "--out", file.toString(), "--transport", "sctp"),
                "tcp, udp");
        assertUsage(CommandRunner.run("snapshot", server.url("/h264"), "--out", file.toString(), "--timeout", "soon"),
                "duration");
        assertUsage(CommandRunner.run("snapshot", server.url("/h264"), "--out", file.toString(), "--bogus", "1"),
                "Unknown options: '--bogus'");
    }

    @Test
    void helpExplainsTheCommand() {
        CommandRunner result = CommandRunner.run("snapshot", "--help");
        assertEquals(Main.EXIT_OK, result.exitCode());
        assertTrue(result.out().contains("--out=FILE"), result.out());
        assertTrue(result.out().contains("Exit codes:"), result.out());
        assertTrue(result.out().contains("FILE was written"), result.out());
    }

    private static void assertUsage(CommandRunner result, String expected) {
        assertEquals(Main.EXIT_USAGE, result.exitCode(), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains(expected), "expected '" + expected + "' in: " + result.err());
    }
}
