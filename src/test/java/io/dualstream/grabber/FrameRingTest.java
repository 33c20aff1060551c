package io.dualstream.grabber;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YUV2BGR_I420;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** Real Mats in I420 layout (one channel, height × 1.5 rows), as OpenCV's GStreamer backend returns them. */
class FrameRingTest {
    private static final int W = 64;
    private static final int H = 48;

    /** Writes an I420 frame whose luma is {@code value} into the ring's next slot. */
    private static void push(FrameRing ring, int value, long frameNumber, long nanos) {
        try (Mat frame = new Mat(H * 3 / 2, W, CV_8UC1, new Scalar(value, 0, 0, 0))) {
            frame.copyTo(ring.nextSlot());
        }
        ring.commit(frameNumber, nanos, Instant.now());
    }

    @Test
    void picksTheFrameThatArrivedClosestToTheTarget() {
        try (FrameRing ring = new FrameRing(3)) {
            assertTrue(ring.nearest(0).isEmpty());
            push(ring, 10, 1, 1_000);
            push(ring, 20, 2, 2_000);
            push(ring, 30, 3, 3_000);
            assertEquals(2, ring.frameNumber(ring.nearest(2_400).getAsInt()));
            assertEquals(3, ring.frameNumber(ring.nearest(2_600).getAsInt()));
            assertEquals(1, ring.frameNumber(ring.nearest(0).getAsInt()));
            push(ring, 40, 4, 4_000);   // overwrites frame 1
            assertEquals(3, ring.size());
            assertEquals(2, ring.frameNumber(ring.nearest(0).getAsInt()));
            assertEquals(4_000, ring.newestArrivalNanos());
        }
    }

    @Test
    void copiesOutAreTheCallersOwnAndSlotsAreReused() {
        try (FrameRing ring = new FrameRing(2)) {
            push(ring, 50, 1, 1_000);
            push(ring, 60, 2, 2_000);
            long address = ring.slotAddress(0);
            try (Mat bgr = ring.copyOut(ring.nearest(1_000).getAsInt(), COLOR_YUV2BGR_I420);
                 Mat raw = ring.copyOut(0, -1)) {
                assertEquals(W, bgr.cols());
                assertEquals(H, bgr.rows());
                assertEquals(3, bgr.channels());
                assertEquals(H * 3 / 2, raw.rows());
                push(ring, 70, 3, 3_000);   // overwrites slot 0 in place
                assertEquals(address, ring.slotAddress(0));
                assertNotEquals(address, raw.data().address());
                assertEquals(50, raw.ptr(0).get() & 0xff, "the copy kept the old frame");
            }
        }
    }

    @Test
    void refusesAnEmptyRing() {
        assertThrows(IllegalArgumentException.class, () -> new FrameRing(0));
    }
}
