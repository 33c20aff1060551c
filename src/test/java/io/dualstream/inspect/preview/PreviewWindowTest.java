package io.dualstream.inspect.preview;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.inspect.CrossingDirection;
import io.dualstream.inspect.TriggerLine;
import io.dualstream.inspect.output.StreamStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The preview never slows the camera thread. The screen is a stand-in (CI has no display): a
 * "window" that takes 100 ms per frame, far slower than the 25 fps the camera thread offers.
 */
class PreviewWindowTest {
    /** Fake screen: stands in for HighGUI, which needs a display. Slow on purpose. */
    private static final class SlowFakeScreen implements PreviewWindow.Screen {
        final AtomicInteger shown = new AtomicInteger();
        volatile int lastWidth;

        @Override
        public void show(String title, Mat image) {
            lastWidth = image.cols();
            shown.incrementAndGet();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void idle() {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close(String title) {
        }
    }

    @Test
    @Timeout(30)
    void aSlowWindowDropsFramesInsteadOfSlowingTheCameraThread() throws Exception {
        SlowFakeScreen screen = new SlowFakeScreen();
        StreamStats stats = new StreamStats(1, 25, 1, 25, 1280, 960, 0);
        long slowestOffer = 0;
        int offered = 100;
        try (PreviewWindow window = new PreviewWindow("cam", TriggerLine.vertical(0.5, CrossingDirection.ANY), screen)
                .start();
             Mat frame = new Mat(360, 640, CV_8UC3, new Scalar(10, 10, 10, 0))) {
            for (int i = 0; i < offered; i++) {
                long before = System.nanoTime();
                window.offer(frame, List.of(), stats, Duration.ofMillis(5));
                slowestOffer = Math.max(slowestOffer, System.nanoTime() - before);
                Thread.sleep(10);
            }
            Thread.sleep(300);
            assertEquals(offered, window.shown() + window.dropped(), "every frame shown or dropped");
            assertTrue(window.dropped() > offered / 2, "a slow window drops frames: " + window.dropped());
            assertEquals(640, screen.lastWidth);
            System.out.printf("preview: %d offered, %d shown, %d dropped, slowest offer %.2f ms%n", offered,
                    window.shown(), window.dropped(), slowestOffer / 1e6);
        }
        // A window 100 ms per frame must not hold the camera thread: offer is a clone and a swap.
        assertTrue(slowestOffer < 50_000_000L, "offer took " + slowestOffer / 1e6 + " ms");
    }
}
