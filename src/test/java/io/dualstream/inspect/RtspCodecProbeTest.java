package io.dualstream.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.pipeline.Codec;
import io.dualstream.pipeline.RtspUrl;
import io.dualstream.testing.RtspTestServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** codec: auto against the real RTSP server on 127.0.0.1. */
@Timeout(60)
class RtspCodecProbeTest {
    @Test
    void readsTheCodecFromTheStreamDescription() throws Exception {
        try (RtspTestServer server = RtspTestServer.start("/a=h264:320x240@10", "/b=h265:320x240@10")) {
            assertEquals(Codec.H264, RtspCodecProbe.codecOf(RtspUrl.parse(server.url("/a")), Duration.ofSeconds(10)));
            assertEquals(Codec.H265, RtspCodecProbe.codecOf(RtspUrl.parse(server.url("/b")), Duration.ofSeconds(10)));
            IOException missing = assertThrows(IOException.class, () -> RtspCodecProbe.codecOf(
                    RtspUrl.parse(server.url("/nothing").replace("rtsp://", "rtsp://op:s3cret@")),
                    Duration.ofSeconds(10)));
            assertTrue(missing.getMessage().contains("RTSP 404"), missing.getMessage());
            assertFalse(missing.getMessage().contains("s3cret"), missing.getMessage());
        }
    }

    @Test
    void digestResponseFollowsRfc2617() {
        // RFC 2617 section 3.5's values, without qop (as RTSP cameras use Digest)
        String expected = md5Chain();
        assertEquals(expected, RtspCodecProbe.digestResponse("Mufasa", "testrealm@host.com", "Circle Of Life",
                "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093"));
    }

    private static String md5Chain() {
        try {
            java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
            java.util.function.Function<String, String> hex = text -> java.util.HexFormat.of()
                    .formatHex(md5.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            // HA1 of RFC 2617's example is 939e7578ed9e3c518a452acee763bce9
            assertEquals("939e7578ed9e3c518a452acee763bce9", hex.apply("Mufasa:testrealm@host.com:Circle Of Life"));
            return hex.apply("939e7578ed9e3c518a452acee763bce9:dcd98b7102dd2f0e8b11d0f600bfb0c093:"
                    + hex.apply("GET:/dir/index.html"));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesRtspsAndUnreachableCameras() {
        IOException tls = assertThrows(IOException.class, () -> RtspCodecProbe.codecOf(
                RtspUrl.parse("rtsps://127.0.0.1:1/x"), Duration.ofSeconds(2)));
        assertTrue(tls.getMessage().contains("set codec h264 or h265"), tls.getMessage());
        assertThrows(IOException.class, () -> RtspCodecProbe.codecOf(RtspUrl.parse("rtsp://127.0.0.1:1/x"),
                Duration.ofSeconds(2)));
    }
}
