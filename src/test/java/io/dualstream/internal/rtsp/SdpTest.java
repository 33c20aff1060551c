package io.dualstream.internal.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SDP parser shared by codec detection and the wire meter. */
class SdpTest {
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
    void probeReadsNoEncodingFromATrackWithoutRtpmap() {
        assertEquals(Optional.empty(), RtspProbe.videoEncoding("v=0\r\nm=video 0 RTP/AVP 96\r\na=control:x\r\n"));
        assertEquals(Optional.of("H264"), RtspProbe.videoEncoding("v=0\r\nm=video 0 RTP/AVP 96\r\n"
                + "a=rtpmap:96 h264/90000\r\n"));
    }
}
