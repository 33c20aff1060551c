package io.dualstream.internal.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** RTSP authentication shared by the DESCRIBE probe and the wire meter: RFC 2617 test vectors. */
class RtspAuthTest {
    private static final String NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

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

    @Test
    void digestWithoutQopIsTheRfc2069Chain() {
        // RFC 2617's HA1 for its example, and the response cameras expect when they offer no qop
        String ha1 = RtspAuth.md5("Mufasa:testrealm@host.com:Circle Of Life");
        assertEquals("939e7578ed9e3c518a452acee763bce9", ha1);
        RtspAuth.State state = RtspAuth.answer(List.of("Digest realm=\"testrealm@host.com\", nonce=\"" + NONCE + "\""),
                "Mufasa", "Circle Of Life").orElseThrow();
        String header = RtspAuth.forRequest(state, "DESCRIBE", "rtsp://cam/x");
        assertTrue(header.contains("response=\"" + RtspAuth.md5(ha1 + ":" + NONCE + ":"
                + RtspAuth.md5("DESCRIBE:rtsp://cam/x")) + "\""), header);
        assertTrue(!header.contains("qop"), header);
    }

    @Test
    void digestWithQopAuthCountsNoncesAndKeepsOpaque() {
        RtspAuth.State state = RtspAuth.answer(List.of("Digest realm=\"r\", qop=\"auth,auth-int\", nonce=\"" + NONCE
                + "\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), "u", "p").orElseThrow();
        String first = RtspAuth.forRequest(state, "SETUP", "rtsp://cam/x/track1");
        String second = RtspAuth.forRequest(state, "PLAY", "rtsp://cam/x");
        assertTrue(first.contains("qop=auth, nc=00000001"), first);
        assertTrue(second.contains("nc=00000002"), second);
        assertTrue(first.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), first);
        Matcher cnonce = Pattern.compile("cnonce=\"([^\"]+)\"").matcher(first);
        assertTrue(cnonce.find(), first);
        String expected = RtspAuth.md5(RtspAuth.md5("u:r:p") + ":" + NONCE + ":00000001:" + cnonce.group(1) + ":auth:"
                + RtspAuth.md5("SETUP:rtsp://cam/x/track1"));
        assertTrue(first.contains("response=\"" + expected + "\""), first);
    }

    @Test
    void basicWhenNoDigestIsOffered() {
        RtspAuth.State state = RtspAuth.answer(List.of("Basic realm=\"cam\""), "admin", "p@ss:/!").orElseThrow();
        assertEquals("Basic YWRtaW46cEBzczovIQ==", RtspAuth.forRequest(state, "DESCRIBE", "rtsp://cam/x"));
        assertTrue(RtspAuth.answer(List.of("Bearer x"), "a", "b").isEmpty());
        Map<String, String> params = RtspAuth.params("Realm=\"a b\", nonce=xyz");
        assertEquals("a b", params.get("realm"));
        assertEquals("xyz", params.get("nonce"));
    }
}
