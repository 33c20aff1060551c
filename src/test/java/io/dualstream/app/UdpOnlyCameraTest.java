package io.dualstream.app;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.testing.RtspTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera as real ones trip the first connection: it offers RTP over UDP only (answers a TCP SETUP
 * with 461, as VLC's RTSP output does), and its password is written percent-encoded in the URL, as
 * URL encoders, FFmpeg, VLC and GStreamer accept. {@code snapshot} and {@code probe} must work with
 * their default options, in their own JVM as a user runs them, and never print the password.
 */
@Timeout(120)
class UdpOnlyCameraTest {
    private static final String PASSWORD = "p@ss:w/rd";
    private static final String ENCODED = "p%40ss%3Aw%2Frd";
    private static RtspTestServer server;

    @TempDir
    Path folder;

    @BeforeAll
    static void startServer() throws Exception {
        GStreamerSupport.ensureAvailable();
        server = RtspTestServer.startWithArguments(Stream.of(List.of("--mount", "/cam=h264:640x360@25"),
                RtspTestServer.udpOnly("/cam"), RtspTestServer.auth("/cam", "operator", PASSWORD))
                .flatMap(List::stream).toList());
    }

    @AfterAll
    static void stopServer() {
        Optional.ofNullable(server).ifPresent(RtspTestServer::close);
    }

    /** The app in its own JVM against the camera, the password percent-encoded in the URL. */
    private AppProcess app(String command, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, server.url("/cam", "operator:" + ENCODED)));
        args.addAll(List.of(options));
        return AppProcess.run(folder, Map.of(), null, Duration.ofSeconds(90), args.toArray(String[]::new));
    }

    @Test
    void snapshotWithDefaultOptionsTakesUdpWhenTheCameraRefusesTcp() throws Exception {
        Path file = folder.resolve("udp.jpg");
        AppProcess result = app("snapshot", "--out", file.toString());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        try (Mat image = imread(file.toString())) {
            assertEquals(640, image.cols());
            assertEquals(360, image.rows());
        }
        assertTrue(result.err().contains("the camera refused RTP over TCP"), result.err());
        assertTrue(result.err().contains("RTP over udp (transport auto)"), result.err());
        assertNoPassword(result);
    }

    @Test
    void probeWithDefaultOptionsMeasuresAUdpOnlyCamera() throws Exception {
        AppProcess result = app("probe", "--seconds", "2");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("640x360"), result.out());
        assertTrue(result.out().contains("udp (the camera refused RTP over TCP)"), result.out());
        assertNoPassword(result);
    }

    @Test
    void explicitTcpOnAUdpOnlyCameraIsOneClearLine() throws Exception {
        AppProcess result = app("snapshot", "--transport", "tcp", "--out", folder.resolve("x.jpg").toString(),
                "--timeout", "10s");
        assertEquals(Main.EXIT_FAILED, result.exitCode(), result.err());
        String last = result.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.contains("offers RTP over UDP only"), result.err());
        assertFalse(last.contains("461"), "a clear line, not the status code: " + last);
        assertNoPassword(result);
    }

    private static void assertNoPassword(AppProcess result) {
        for (String form : List.of(PASSWORD, ENCODED, "w/rd", "rd%")) {
            assertFalse(result.out().contains(form) || result.err().contains(form), "password shown as " + form);
        }
    }
}
