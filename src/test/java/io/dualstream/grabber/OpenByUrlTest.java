package io.dualstream.grabber;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.testing.RtspTestServer;
import java.io.IOException;
import java.time.Duration;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedder's entry points against the real RTSP test server: {@link MainStreamGrabber#open(String)}
 * with the stream core's defaults (codec and transport asked from the camera), and
 * {@link Snapshot#openCvMat()}, the official-API copy that outlives its snapshot.
 */
class OpenByUrlTest {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static RtspTestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RtspTestServer.start("/h265=h265:" + WIDTH + "x" + HEIGHT + "@25");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(60)
    void aUrlAloneOpensAnH265CameraAndTheOpenCvCopyOutlivesTheSnapshot() throws Exception {
        org.opencv.core.Mat copy;
        byte[] original;
        try (MainStreamGrabber grabber = MainStreamGrabber.open(server.url("/h265"))) {
            try (Snapshot snapshot = grabber.takeSnapshot(Duration.ofSeconds(5))) {
                Mat image = snapshot.image();
                assertEquals(WIDTH, image.cols());
                assertEquals(HEIGHT, image.rows());
                assertEquals(3, image.channels(), "BGR");
                original = bytes(image);
                copy = snapshot.openCvMat();
            }
            assertTrue(grabber.isRunning());
        }
        // the snapshot and the grabber are gone; the caller's Mat is its own
        assertEquals(WIDTH, copy.cols());
        assertEquals(HEIGHT, copy.rows());
        assertEquals(org.opencv.core.CvType.CV_8UC3, copy.type());
        byte[] copied = new byte[(int) (copy.total() * copy.channels())];
        copy.get(0, 0, copied);
        assertArrayEquals(original, copied);
        copy.release();
    }

    @Test
    @Timeout(30)
    void aWrongPathFailsAtOnceWithTheReason() {
        long started = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> MainStreamGrabber.open(server.url("/nothing-here")));
        assertTrue(e.getMessage().contains("/nothing-here") || e.getMessage().contains("404"), e.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(8).toNanos(), "a permanent failure is not retried");
    }

    @Test
    void notAnRtspUrlIsRefusedBeforeAnythingOpens() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MainStreamGrabber.open("http://camera/main"));
        assertTrue(e.getMessage().contains("rtsp"), e.getMessage());
    }

    @Test
    void aClosedSnapshotHasNoOpenCvCopy() throws Exception {
        Snapshot snapshot = new Snapshot(new Mat(2, 2, org.bytedeco.opencv.global.opencv_core.CV_8UC3), 1,
                java.time.Instant.now(), 0, 0, 0, 0);
        snapshot.close();
        assertThrows(IllegalStateException.class, snapshot::openCvMat);
    }

    private static byte[] bytes(Mat image) {
        byte[] data = new byte[(int) (image.total() * image.channels())];
        Mat continuous = image.isContinuous() ? image : image.clone();
        new BytePointer(continuous.data()).get(data);
        return data;
    }
}
