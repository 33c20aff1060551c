package io.dualstream.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The wire meter's pure part: RTP payload length (SDP and authentication are tested in the rtsp package). */
class RtspWireMeterTest {
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
}
