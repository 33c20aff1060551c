package io.dualstream.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dualstream.internal.stream.CodecChoice;
import org.junit.jupiter.api.Test;

class BoxTest {
    @Test
    void scalesFromSubToMainCoordinatesAndClips() {
        assertEquals(new Box(625, 500, 625, 500), new Box(100, 60, 100, 60).scaled(640, 360, 4000, 3000));
        assertEquals(new Box(3750, 2500, 250, 500), new Box(600, 300, 100, 100).scaled(640, 360, 4000, 3000));
    }

    @Test
    void padsWithinTheFrame() {
        assertEquals(new Box(75, 75, 150, 150), new Box(100, 100, 100, 100).padded(0.25, 640, 360));
        assertEquals(new Box(0, 0, 125, 125), new Box(0, 0, 100, 100).padded(0.25, 640, 360));
    }

    @Test
    void settingsRefuseBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> new RelativePoint(1.5, 0));
        assertThrows(NullPointerException.class, () -> TriggerLine.vertical(0.5, null));
        assertThrows(IllegalArgumentException.class, () -> new TriggerLine(new RelativePoint(0.5, 0.5),
                new RelativePoint(0.5, 0.5), CrossingDirection.ANY));
        assertThrows(IllegalArgumentException.class, () -> CodecChoice.parse("mpeg2"));
        assertEquals(CodecChoice.H265, CodecChoice.parse(" HEVC "));
        assertEquals(CrossingDirection.LEFT_TO_RIGHT, CrossingDirection.parse("left-to-right"));
        assertThrows(IllegalArgumentException.class, () -> CrossingDirection.parse("up"));
        assertThrows(IllegalArgumentException.class, () -> new DetectorSettings(0, 200, 16, 0.1, 5));
    }
}
