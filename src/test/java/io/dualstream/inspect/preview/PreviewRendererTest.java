package io.dualstream.inspect.preview;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.inspect.Box;
import io.dualstream.inspect.CrossingDirection;
import io.dualstream.inspect.TriggerLine;
import io.dualstream.inspect.output.StreamStats;
import io.dualstream.inspect.track.Track;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** The preview's drawing, into a real Mat; and its display check (CI has no display). */
class PreviewRendererTest {
    private static int[] bgr(Mat frame, int x, int y) {
        try (UByteIndexer pixels = frame.createIndexer()) {
            return new int[] {pixels.get(y, x, 0), pixels.get(y, x, 1), pixels.get(y, x, 2)};
        }
    }

    @Test
    void drawsTheLineTheBoxesAndTheStatus() {
        PreviewRenderer renderer = new PreviewRenderer(TriggerLine.vertical(0.5, CrossingDirection.ANY));
        try (Mat frame = new Mat(360, 640, CV_8UC3, new Scalar(0, 0, 0, 0))) {
            renderer.draw(frame, List.of(new Track(3, new Box(100, 100, 50, 40), 0, 5),
                            new Track(4, new Box(400, 200, 30, 30), 2, 9)),
                    new StreamStats(100, 25, 98, 24.5, 1280, 960, 2), Duration.ofMillis(12));
            assertEquals(List.of(0, 255, 255), List.of(bgr(frame, 320, 50)[0], bgr(frame, 320, 50)[1],
                    bgr(frame, 320, 50)[2]), "yellow trigger line at x = 0.5");
            assertEquals(255, bgr(frame, 100, 120)[1], "green box edge of a seen object");
            assertEquals(0, bgr(frame, 125, 120)[1], "inside the box stays as it was");
            assertEquals(128, bgr(frame, 400, 215)[0], "grey box edge of a missed object");
            int textPixels = 0;
            for (int x = 0; x < 300; x++) {
                for (int y = 335; y < 355; y++) {
                    textPixels += bgr(frame, x, y)[2] > 200 ? 1 : 0;
                }
            }
            assertTrue(textPixels > 100, "status text drawn at the bottom, " + textPixels + " white pixels");
        }
    }

    @Test
    void noDisplayIsOneClearLineAndWindowsAlwaysHasOne() {
        String reason = DisplayCheck.whyNoDisplay(Map.of(), "Linux").orElseThrow();
        assertTrue(reason.contains("DISPLAY") && reason.contains("--preview") && !reason.contains("\n"), reason);
        assertTrue(DisplayCheck.whyNoDisplay(Map.of("DISPLAY", ":0"), "Linux").isEmpty());
        assertTrue(DisplayCheck.whyNoDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux").isEmpty());
        assertTrue(DisplayCheck.whyNoDisplay(Map.of(), "Windows 11").isEmpty());
    }

    @Test
    void openingWithoutADisplayFailsWithThatLine() {
        if (DisplayCheck.whyNoDisplay(System.getenv(), System.getProperty("os.name")).isEmpty()) {
            System.out.println("skipped: this machine has a display, so the preview would open");
            return;
        }
        PreviewUnavailableException e = assertThrows(PreviewUnavailableException.class,
                () -> PreviewWindow.open("cam", TriggerLine.vertical(0.5, CrossingDirection.ANY)));
        assertTrue(e.getMessage().startsWith("the preview window needs a display"), e.getMessage());
    }
}
