package io.dualstream.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of the RTSP client: SDP, control URLs, RTP payload length, Digest authentication. */
class RtspWireMeterTest {
    @Test
    void findsTheFirstVideoTrack() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=x\r\na=control:*\r\nm=audio 0 RTP/AVP 97\r\n"
                + "a=rtpmap:97 MPEG4-GENERIC/48000/2\r\na=control:stream=1\r\nm=video 0 RTP/AVP 96\r\n"
                + "a=rtpmap:96 H265/90000\r\na=control:stream=0\r\n";
        Sdp.Track track = Sdp.firstVideoTrack(sdp).orElseThrow();
        assertEquals("stream=0", track.control());
        assertEquals("H265", track.encoding());
        assertEquals(90_000, track.clockRate());
        assertTrue(Sdp.firstVideoTrack("v=0\r\nm=audio 0 RTP/AVP 0\r\n").isEmpty());
    }

    @Test
    void resolvesControlUrls() {
        assertEquals("rtsp://h/x/stream=0", Sdp.resolveControl("rtsp://h/x/", "stream=0"));
        assertEquals("rtsp://h/x/stream=0", Sdp.resolveControl("rtsp://h/x", "stream=0"));
        assertEquals("rtsp://h/x", Sdp.resolveControl("rtsp://h/x", "*"));
        assertEquals("rtsp://other/t1", Sdp.resolveControl("rtsp://h/x", "rtsp://other/t1"));
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

    /** RFC 2617 section 3.5's worked example. */
    @Test
    void digestMatchesTheRfcExample() {
        Map<String, String> params = RtspAuth.params("realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        assertEquals("testrealm@host.com", params.get("realm"));
        String ha1 = RtspAuth.md5("Mufasa:testrealm@host.com:Circle Of Life");
        String ha2 = RtspAuth.md5("GET:/dir/index.html");
        assertEquals("6629fae49393a05397450978507c4ef1",
                RtspAuth.md5(ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:" + ha2));
        RtspAuth.State state = RtspAuth.answer(List.of("Basic realm=\"x\"", "Digest " + "realm=\"testrealm@host.com\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\""), "Mufasa", "Circle Of Life").orElseThrow();
        String header = RtspAuth.forRequest(state, "GET", "/dir/index.html");
        assertTrue(header.startsWith("Digest username=\"Mufasa\""), header);
        assertTrue(header.contains("response=\"" + RtspAuth.md5(ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + ha2)
                + "\""), header);
        assertTrue(!state.toString().contains("Circle"), state.toString());
    }
}
