package io.dualstream.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.pipeline.Transport;
import io.dualstream.testing.RtspTestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wire meter: its pure parts (RTP payload length, the session keep-alive period, the report's
 * transport line), and real measurements of a 1 Mbit/s constant-bitrate stream served by the fixture
 * over RTP over TCP and, from a UDP-only mount, over real UDP datagrams on loopback (SDP and
 * authentication are tested in the rtsp package).
 */
@Timeout(90)
class RtspWireMeterTest {
    private static final double CBR_BITS_PER_SECOND = 1_000_000;
    private static final String CBR = "( videotestsrc is-live=true pattern=snow ! video/x-raw,width=320,height=240,"
            + "framerate=25/1 ! x264enc bitrate=1000 pass=cbr speed-preset=ultrafast tune=zerolatency "
            + "key-int-max=25 option-string=nal-hrd=cbr:filler ! rtph264pay name=pay0 pt=96 config-interval=1 )";
    private static final String PASSWORD = "p@ss:w/rd!'x";
    private static final String ENCODED_PASSWORD = "p%40ss%3Aw%2Frd%21%27x";
    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static RtspTestServer server;

    @BeforeAll
    static void startServer() throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--launch", "/cbr=" + CBR, "--launch", "/udp=" + CBR));
        arguments.addAll(RtspTestServer.udpOnly("/udp"));
        arguments.addAll(RtspTestServer.auth("/udp", "admin", PASSWORD));
        server = RtspTestServer.startWithArguments(arguments);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void payloadLengthSkipsCsrcExtensionAndPadding() {
        byte[] plain = new byte[112];
        plain[0] = (byte) 0x80;
        assertEquals(100, RtspWireMeter.payloadLength(plain));
        byte[] rich = new byte[12 + 8 + 4 + 8 + 50 + 4];
        rich[0] = (byte) (0x80 | 0x20 | 0x10 | 2);   // padding, extension, 2 CSRCs
        rich[12 + 8 + 3] = 2;                         // extension of 2 words
        rich[rich.length - 1] = 4;                    // 4 bytes of padding
        assertEquals(50, RtspWireMeter.payloadLength(rich));
    }

    @Test
    void keepAliveIsHalfTheSessionTimeout() {
        assertEquals(30_000_000_000L, RtspWireMeter.keepAliveNanos("abc"));
        assertEquals(5_000_000_000L, RtspWireMeter.keepAliveNanos("abc;timeout=10"));
        assertEquals(1_000_000_000L, RtspWireMeter.keepAliveNanos("abc; Timeout=1"), "at least 1 s");
        assertEquals(30_000_000_000L, RtspWireMeter.keepAliveNanos("abc;timeout=soon"));
    }

    @Test
    void measuresOverTcpByDefault() throws IOException {
        RtspWireMeter.Result tcp = RtspWireMeter.measure(RtspUrl.parse(server.url("/cbr")), WINDOW, TIMEOUT);
        assertEquals(Transport.TCP, tcp.transport());
        assertFalse(tcp.tcpRefused());
        assertEquals("tcp", tcp.transportText());
        assertBitrate(tcp);
    }

    @Test
    void fallsBackToUdpWhenTheCameraRefusesTcp() throws IOException {
        // A percent-encoded password with @ : / ! ' in it, answered for DESCRIBE, both SETUPs and PLAY.
        RtspUrl url = RtspUrl.parse(server.url("/udp", "admin:" + ENCODED_PASSWORD));
        RtspWireMeter.Result udp = RtspWireMeter.measure(url, WINDOW, TIMEOUT);
        assertEquals(Transport.UDP, udp.transport());
        assertTrue(udp.tcpRefused());
        assertEquals("udp (the camera refused RTP over TCP)", udp.transportText());
        assertBitrate(udp);
        assertTrue(udp.socketBytes() > udp.payloadBytes(), "the datagrams hold RTP headers too: " + udp);
    }

    @Test
    void anExplicitTransportIsTheOnlyOneTried() throws IOException {
        RtspUrl udpOnly = RtspUrl.parse(server.url("/udp", "admin:" + ENCODED_PASSWORD));
        IOException refused = assertThrows(IOException.class,
                () -> RtspWireMeter.measure(udpOnly, WINDOW, TIMEOUT, Transport.TCP));
        assertEquals("the camera offers RTP over UDP only (it refused RTP over TCP): use transport udp or auto",
                refused.getMessage());
        RtspWireMeter.Result udp = RtspWireMeter.measure(RtspUrl.parse(server.url("/cbr")), Duration.ofSeconds(1),
                TIMEOUT, Transport.UDP);
        assertEquals(Transport.UDP, udp.transport());
        assertFalse(udp.tcpRefused());
        assertEquals("udp", udp.transportText());
        assertTrue(udp.packets() > 0, udp.toString());
    }

    @Test
    void aWrongPasswordIsRefusedWithoutEchoingIt() {
        IOException e = assertThrows(IOException.class, () -> RtspWireMeter.measure(
                RtspUrl.parse(server.url("/udp", "admin:Wr%40ngSecret")), WINDOW, TIMEOUT));
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertFalse(e.getMessage().contains("Wr@ngSecret") || e.getMessage().contains("Wr%40ngSecret"),
                e.getMessage());
    }

    @Test
    void theReportSaysWhichTransportWasMeasuredAndWhy() {
        OpenCvMeasurement.Frames frames = new OpenCvMeasurement.Frames(320, 240, 3, 25, 25);
        ProbeReport udp = new ProbeReport("rtsp://admin:***@cam/x", "H.264", frames,
                new RtspWireMeter.Result("H264", 375_000, 3, 300, 400_000, 3.1, Transport.UDP, true));
        assertTrue(udp.text().contains("\nTransport:         udp (the camera refused RTP over TCP)\n"), udp.text());
        assertTrue(udp.json().contains("\"transport\":\"udp\",\"tcp_refused\":true,"
                + "\"transport_text\":\"udp (the camera refused RTP over TCP)\""), udp.json());
        ProbeReport tcp = new ProbeReport("rtsp://cam/x", "H.264", frames,
                new RtspWireMeter.Result("H264", 375_000, 3, 300, 400_000, 3.1, Transport.TCP, false));
        assertTrue(tcp.text().contains("\nTransport:         tcp\n"), tcp.text());
        assertTrue(tcp.json().contains("\"transport\":\"tcp\",\"tcp_refused\":false,"), tcp.json());
    }

    private static void assertBitrate(RtspWireMeter.Result result) {
        double actual = result.payloadBitsPerSecond();
        System.out.printf("wire meter over %s: %.3f Mbit/s RTP payload, %d packets in %.1f s%n",
                result.transportText(), actual / 1e6, result.packets(), result.payloadSeconds());
        assertTrue(result.payloadSeconds() >= WINDOW.toSeconds() - 0.5, result.toString());
        // Each measurement starts the mount's encoder afresh, and x264's CBR spends its full initial
        // buffer in the first seconds: about +10 % over a 3 s window (ProbeCommandTest's 6 s: 5 %).
        assertTrue(Math.abs(actual - CBR_BITS_PER_SECOND) <= 0.15 * CBR_BITS_PER_SECOND,
                "expected 1 Mbit/s within 15 %, got " + actual + ": " + result);
    }
}
