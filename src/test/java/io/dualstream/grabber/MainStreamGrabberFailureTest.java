package io.dualstream.grabber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.rtsp.RtspDiagnoser;
import io.dualstream.internal.rtsp.RtspProbe;
import io.dualstream.testing.RtspTestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unrecoverable inputs end in FAILED with one clear reason instead of an endless retry: wrong
 * credentials (at the first open, and when the camera's password changes while streaming) and the
 * wrong codec. Real RTSP server with a Basic-auth mount.
 */
class MainStreamGrabberFailureTest {
    private static final String PASSWORD = "right:pa@ss";

    @BeforeAll
    static void gstreamer() {
        GStreamerSupport.ensureAvailable();
    }

    /** The same pipeline the app renders for credentials: user-id/user-pw, never in the location. */
    private static String securePipeline(RtspTestServer server, String password) {
        return "rtspsrc location=\"" + server.url("/secure") + "\" user-id=\"admin\" user-pw=\"" + password
                + "\" protocols=tcp latency=0 tcp-timeout=3000000 ! rtph264depay ! h264parse "
                + "! avdec_h264 ! queue max-size-buffers=1 leaky=downstream ! videoconvert ! video/x-raw,format=BGR "
                + "! appsink drop=true max-buffers=1 sync=false";
    }

    private static GrabberOptions options(RtspTestServer server, String password, Codec codec, HealthRecorder health) {
        RtspUrl url = RtspUrl.parse(server.url("/secure").replace("rtsp://", "rtsp://admin:" + password + "@"));
        return GrabberOptions.builder().name("secure").openTimeout(Duration.ofSeconds(4))
                .readTimeout(Duration.ofSeconds(2)).backoffInitial(Duration.ofMillis(200))
                .backoffMax(Duration.ofSeconds(1)).healthListener(health)
                .failureDiagnoser(new RtspDiagnoser(url, codec, new RtspProbe(Duration.ofSeconds(2)))).build();
    }

    private static RtspTestServer secureServer(String password) throws IOException {
        return RtspTestServer.startWithArguments(List.of("--mount", "/secure=h264:320x240@10",
                "--auth", "/secure=admin:" + password));
    }

    @Test
    @Timeout(60)
    void wrongCredentialsFailAtOnceWithTheReason() throws Exception {
        HealthRecorder health = new HealthRecorder();
        try (RtspTestServer server = secureServer(PASSWORD)) {
            IOException e = assertThrows(IOException.class, () -> MainStreamGrabber.openPipeline(
                    securePipeline(server, "wrong"), options(server, "wrong", Codec.H264, health)));
            assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
            assertTrue(e.getMessage().contains("admin:***@"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong"), e.getMessage());
            assertEquals(StreamState.FAILED, health.all().get(health.all().size() - 1).event().state());
        }
    }

    @Test
    @Timeout(90)
    void aPasswordChangedWhileStreamingEndsInFailedNotAnEndlessRetry() throws Exception {
        HealthRecorder health = new HealthRecorder();
        try (RtspTestServer server = secureServer(PASSWORD);
             MainStreamGrabber grabber = MainStreamGrabber.openPipeline(securePipeline(server, PASSWORD),
                     options(server, PASSWORD, Codec.H264, health))) {
            grabber.takeSnapshot(Duration.ofSeconds(5)).close();
            long changed = System.nanoTime();
            server.restartWithArguments(List.of("--mount", "/secure=h264:320x240@10",
                    "--auth", "/secure=admin:another-password"));
            HealthRecorder.Seen failed = health.await(StreamState.FAILED, changed, Duration.ofSeconds(30));
            assertNotNull(failed, "no FAILED after the password changed: " + health.all());
            assertTrue(failed.event().reason().contains("refused the credentials"), failed.event().reason());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (grabber.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(grabber.isRunning());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> grabber.takeSnapshot(Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("FAILED"), e.getMessage());
            assertEquals(1, health.count(StreamState.FAILED));
            System.out.printf("password changed: FAILED after %d ms, on reconnect attempt %d%n",
                    Duration.ofNanos(failed.nanos() - changed).toMillis(), failed.event().attempt());
        }
    }

    @Test
    @Timeout(60)
    void theWrongCodecIsNamedWithTheOptionThatFixesIt() throws Exception {
        HealthRecorder health = new HealthRecorder();
        try (RtspTestServer server = RtspTestServer.start("/h265=h265:320x240@10")) {
            RtspUrl url = RtspUrl.parse(server.url("/h265"));
            GrabberOptions options = GrabberOptions.builder().name("codec").openTimeout(Duration.ofSeconds(4))
                    .healthListener(health)
                    .failureDiagnoser(new RtspDiagnoser(url, Codec.H264, new RtspProbe(Duration.ofSeconds(2)))).build();
            IOException e = assertThrows(IOException.class, () -> MainStreamGrabber.openPipeline(
                    "rtspsrc location=\"" + url.withoutCredentials() + "\" protocols=tcp latency=0 tcp-timeout=3000000 "
                            + "! rtph264depay ! h264parse ! avdec_h264 ! videoconvert "
                            + "! video/x-raw,format=BGR ! appsink drop=true max-buffers=1 sync=false", options));
            assertTrue(e.getMessage().contains("the stream is H.265 but the pipeline decodes H.264"), e.getMessage());
            assertTrue(e.getMessage().contains("--codec h265 or --codec auto"), e.getMessage());
        }
    }
}
