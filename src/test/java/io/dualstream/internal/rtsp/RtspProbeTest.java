package io.dualstream.internal.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.grabber.Diagnosis;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.pipeline.Transport;
import io.dualstream.testing.RtspTestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The RTSP probe against the real RTSP server (open and Basic-auth mounts) and real sockets. */
@Timeout(60)
class RtspProbeTest {
    static final String PASSWORD = "p@ss:/!%'w";
    private static RtspTestServer server;
    private final RtspProbe probe = new RtspProbe(Duration.ofSeconds(2));

    @BeforeAll
    static void startServer() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--mount", "/h264=h264:320x240@10",
                "--mount", "/h265=h265:320x240@10", "--mount", "/secure=h264:320x240@10",
                "--auth", "/secure=admin:" + PASSWORD, "--mount", "/udp=h264:320x240@10"));
        arguments.addAll(RtspTestServer.udpOnly("/udp"));
        server = RtspTestServer.startWithArguments(arguments);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static RtspUrl url(String text) {
        return RtspUrl.parse(text);
    }

    @Test
    void readsTheCodecFromTheSdp() throws IOException {
        assertEquals(Optional.of("H264"), probe.describe(url(server.url("/h264"))).encoding());
        assertEquals(Optional.of("H265"), probe.describe(url(server.url("/h265"))).encoding());
        assertEquals(Codec.H265, new CodecDetector(probe).detect(url(server.url("/h265"))));
    }

    @Test
    void answersWithTheRightCredentialsAndRefusesWrongOrMissingOnes() {
        String secure = server.url("/secure").replace("rtsp://", "rtsp://admin:" + PASSWORD + "@");
        ProbeResult ok = probe.describe(url(secure));
        assertEquals(ProbeResult.Outcome.OK, ok.outcome(), ok.detail());
        ProbeResult wrong = probe.describe(url(server.url("/secure").replace("rtsp://", "rtsp://admin:nope@")));
        assertEquals(ProbeResult.Outcome.UNAUTHORIZED, wrong.outcome(), wrong.detail());
        ProbeResult none = probe.describe(url(server.url("/secure")));
        assertEquals(ProbeResult.Outcome.UNAUTHORIZED, none.outcome(), none.detail());
        Diagnosis d = new RtspDiagnoser(url(server.url("/secure").replace("rtsp://", "rtsp://admin:nope@")),
                Codec.H264, probe).diagnose();
        assertTrue(d.permanent());
        assertTrue(d.reason().contains("refused the credentials"), d.reason());
        assertFalse(d.reason().contains("nope"), d.reason());
    }

    @Test
    void tellsPermanentFromTransientFailures() throws IOException {
        assertOutcome(ProbeResult.Outcome.NOT_FOUND, server.url("/nothing-here"), true);
        assertOutcome(ProbeResult.Outcome.UNKNOWN_HOST, "rtsp://no-such-camera.invalid/x", true);
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertOutcome(ProbeResult.Outcome.REFUSED, "rtsp://127.0.0.1:" + closed + "/x", false);
        try (ServerSocket http = answering("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
            assertOutcome(ProbeResult.Outcome.NOT_RTSP, "rtsp://127.0.0.1:" + http.getLocalPort() + "/x", true);
        }
        try (ServerSocket silent = answering(null)) {
            assertOutcome(ProbeResult.Outcome.TIMEOUT, "rtsp://127.0.0.1:" + silent.getLocalPort() + "/x", false);
        }
        Diagnosis codec = new RtspDiagnoser(url(server.url("/h265")), Codec.H264, probe).diagnose();
        assertTrue(codec.permanent());
        assertTrue(codec.reason().contains("is H.265") && codec.reason().contains("--codec h265"), codec.reason());
        IOException e = assertThrows(IOException.class,
                () -> new CodecDetector(probe).detect(url("rtsp://no-such-camera.invalid/x")));
        assertTrue(e.getMessage().contains("does not resolve"), e.getMessage());
    }

    @Test
    void codecDetectorRefusesRtspsAndUnreachableCamerasWithoutThePassword() {
        // moved from the inspection runtime's former codec probe, which CodecDetector replaced
        IOException tls = assertThrows(IOException.class,
                () -> new CodecDetector(probe).detect(url("rtsps://127.0.0.1:1/x")));
        assertTrue(tls.getMessage().contains("give --codec h264 or --codec h265"), tls.getMessage());
        assertThrows(IOException.class, () -> new CodecDetector(probe).detect(url("rtsp://127.0.0.1:1/x")));
        IOException missing = assertThrows(IOException.class, () -> new CodecDetector(probe).detect(
                url(server.url("/nothing").replace("rtsp://", "rtsp://op:s3cret@"))));
        assertTrue(missing.getMessage().contains("RTSP 404"), missing.getMessage());
        assertFalse(missing.getMessage().contains("s3cret"), missing.getMessage());
    }

    @Test
    void beforeOpenAsksDescribeSoPermanentFailuresNeverReachOpenCv() throws IOException {
        assertTrue(new RtspDiagnoser(url(server.url("/h264")), Codec.H264, probe).beforeOpen().isEmpty());
        Optional<Diagnosis> codec = new RtspDiagnoser(url(server.url("/h265")), Codec.H264, probe).beforeOpen();
        assertTrue(codec.isPresent() && codec.get().permanent() && codec.get().reason().contains("is H.265"),
                codec.toString());
        Optional<Diagnosis> wrong = new RtspDiagnoser(url(server.url("/secure").replace("rtsp://",
                "rtsp://admin:nope@")), Codec.H264, probe).beforeOpen();
        assertTrue(wrong.isPresent() && wrong.get().permanent(), wrong.toString());
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Optional<Diagnosis> refused = new RtspDiagnoser(url("rtsp://127.0.0.1:" + closed + "/x"), Codec.H264, probe)
                .beforeOpen();
        assertTrue(refused.isPresent() && !refused.get().permanent(), refused.toString());
        Optional<Diagnosis> tls = new RtspDiagnoser(url("rtsps://127.0.0.1:" + closed + "/x"), Codec.H264, probe)
                .beforeOpen();
        assertTrue(tls.isPresent() && !tls.get().permanent(), "rtsps gets the port check: " + tls);
    }

    @Test
    void setupOverTcpWorksOnAnOrdinaryMount() {
        ProbeResult tcp = probe.setup(url(server.url("/h264")), Transport.TCP);
        assertEquals(ProbeResult.Outcome.OK, tcp.outcome(), tcp.detail());
        assertEquals("RTSP 200 OK for RTP over TCP", tcp.detail());
        assertEquals(Optional.of("H264"), tcp.encoding());
        ProbeResult udp = probe.setup(url(server.url("/h265")), Transport.UDP);
        assertEquals(ProbeResult.Outcome.OK, udp.outcome(), udp.detail());
        assertEquals(Optional.of("H265"), udp.encoding());
    }

    @Test
    void aUdpOnlyMountRefusesTcpWithUnsupportedTransportAndTakesUdp() {
        RtspUrl udpOnly = url(server.url("/udp"));
        assertEquals(ProbeResult.Outcome.OK, probe.describe(udpOnly).outcome(), "DESCRIBE does not see it");
        long start = System.nanoTime();
        ProbeResult tcp = probe.setup(udpOnly, Transport.TCP);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ProbeResult.Outcome.UNSUPPORTED_TRANSPORT, tcp.outcome(), tcp.detail());
        assertEquals("RTSP 461 Unsupported transport for RTP over TCP", tcp.detail());
        long again = System.nanoTime();
        assertEquals(ProbeResult.Outcome.UNSUPPORTED_TRANSPORT, probe.setup(udpOnly, Transport.TCP).outcome());
        System.out.printf("probe: DESCRIBE + SETUP answered 461 in %d ms, %d ms the second time (loopback)%n",
                millis, (System.nanoTime() - again) / 1_000_000);
        ProbeResult udp = probe.setup(udpOnly, Transport.UDP);
        assertEquals(ProbeResult.Outcome.OK, udp.outcome(), udp.detail());
        assertEquals(Optional.of("H264"), udp.encoding());
        // The probe tears its session down: the shared media is set up again and again without 503.
        for (int i = 0; i < 3; i++) {
            assertEquals(ProbeResult.Outcome.OK, probe.setup(udpOnly, Transport.UDP).outcome());
        }

        Diagnosis d = new RtspDiagnoser(udpOnly, Codec.H264, probe).diagnose(tcp);
        assertTrue(d.permanent(), d.reason());
        assertTrue(d.reason().startsWith("the camera offers RTP over UDP only (it refused RTP over TCP): use "
                + "transport udp or auto"), d.reason());
        assertFalse(d.reason().contains("SETUP answered"), d.reason());
    }

    @Test
    void setupAnswersBasicCredentialsTypedRawOrPercentEncoded() {
        String encoded = "p%40ss%3A%2F%21%25%27w";   // PASSWORD percent-encoded
        for (String password : List.of(PASSWORD, encoded)) {
            RtspUrl secure = url(server.url("/secure", "admin:" + password));
            assertEquals(PASSWORD, secure.password().orElseThrow());
            ProbeResult ok = probe.setup(secure, Transport.TCP);
            assertEquals(ProbeResult.Outcome.OK, ok.outcome(), ok.detail());
        }
        ProbeResult literal = probe.setup(url(server.url("/secure", "admin:" + encoded.replace("%", "%25"))),
                Transport.TCP);
        assertEquals(ProbeResult.Outcome.UNAUTHORIZED, literal.outcome(), "%25XY is a literal %XY: wrong password");
        ProbeResult none = probe.setup(url(server.url("/secure")), Transport.UDP);
        assertEquals(ProbeResult.Outcome.UNAUTHORIZED, none.outcome(), none.detail());
    }

    @Test
    void setupAnswersDigestForEveryRequestOnAUdpOnlyCamera() throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--mount", "/cam=h264:320x240@10", RtspTestServer.DIGEST));
        arguments.addAll(RtspTestServer.udpOnly("/cam"));
        arguments.addAll(RtspTestServer.auth("/cam", "admin", PASSWORD));
        try (RtspTestServer digest = RtspTestServer.startWithArguments(arguments)) {
            RtspUrl cam = url(digest.url("/cam", "admin:p%40ss%3A%2F%21%25%27w"));
            assertEquals(ProbeResult.Outcome.UNSUPPORTED_TRANSPORT, probe.setup(cam, Transport.TCP).outcome());
            ProbeResult udp = probe.setup(cam, Transport.UDP);
            assertEquals(ProbeResult.Outcome.OK, udp.outcome(), udp.detail());
            ProbeResult wrong = probe.setup(url(digest.url("/cam", "admin:p@ss")), Transport.UDP);
            assertEquals(ProbeResult.Outcome.UNAUTHORIZED, wrong.outcome(), wrong.detail());
            assertFalse(wrong.detail().contains("p@ss"), wrong.detail());
        }
    }

    @Test
    void setupClassifiesFailuresBeforeTheSetupAsDescribeDoes() throws IOException {
        assertEquals(ProbeResult.Outcome.NOT_FOUND, probe.setup(url(server.url("/nothing")), Transport.TCP).outcome());
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(ProbeResult.Outcome.REFUSED,
                probe.setup(url("rtsp://127.0.0.1:" + closed + "/x"), Transport.UDP).outcome());
        assertEquals(ProbeResult.Outcome.NOT_PROBED,
                probe.setup(url("rtsps://127.0.0.1:1/x"), Transport.TCP).outcome());
    }

    private void assertOutcome(ProbeResult.Outcome expected, String text, boolean permanent) {
        ProbeResult result = probe.describe(url(text));
        assertEquals(expected, result.outcome(), result.detail());
        assertEquals(permanent, new RtspDiagnoser(url(text), Codec.H264, probe).diagnose().permanent(), text);
    }

    /** A real TCP server on 127.0.0.1 that answers every connection with this text, or never (null). */
    private static ServerSocket answering(String reply) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    client.getInputStream().read(new byte[1024]);
                    if (reply != null) {
                        OutputStream out = client.getOutputStream();
                        out.write(reply.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } else {
                        Thread.sleep(3000);
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "probe-test-peer");
        t.setDaemon(true);
        t.start();
        return server;
    }
}
