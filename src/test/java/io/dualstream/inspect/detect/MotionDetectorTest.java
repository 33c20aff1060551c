package io.dualstream.inspect.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.inspect.Box;
import io.dualstream.inspect.Detection;
import io.dualstream.inspect.DetectorSettings;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** Real OpenCV: MOG2 and contours on drawn frames. */
class MotionDetectorTest {
    private static Mat frame(int boxX, int boxY) {
        Mat frame = new Mat(360, 640, CV_8UC3, new Scalar(20, 20, 20, 0));
        if (boxX >= 0) {
            rectangle(frame, new Point(boxX, boxY), new Point(boxX + 60, boxY + 40), new Scalar(255, 255, 255, 0),
                    FILLED, 8, 0);
        }
        return frame;
    }

    @Test
    void findsAMovingBoxWhereItIsAndNothingOnAStillBackground() {
        try (MotionDetector detector = new MotionDetector(DetectorSettings.defaults())) {
            for (int i = 0; i < 30; i++) {
                try (Mat still = frame(-1, 0)) {
                    assertEquals(List.of(), detector.detect(still, System.nanoTime()), "still frame " + i);
                }
            }
            for (int x = 50; x < 550; x += 25) {
                try (Mat moving = frame(x, 100)) {
                    List<Detection> found = detector.detect(moving, System.nanoTime());
                    assertEquals(1, found.size(), "box at x=" + x + ": " + found);
                    Box box = found.get(0).box();
                    assertTrue(Math.abs(box.centerX() - (x + 30)) <= 3 && Math.abs(box.centerY() - 120) <= 3,
                            "box at x=" + x + " found at " + box);
                }
            }
        }
    }

    @Test
    void ignoresObjectsSmallerThanTheMinimumArea() {
        DetectorSettings settings = new DetectorSettings(0.05, 200, 32, 0.1, 5);   // 5 % of 640x360 > 60x40
        try (MotionDetector detector = new MotionDetector(settings)) {
            for (int i = 0; i < 10; i++) {
                try (Mat still = frame(-1, 0)) {
                    detector.detect(still, 0);
                }
            }
            try (Mat moving = frame(300, 100)) {
                assertEquals(List.of(), detector.detect(moving, 0));
            }
        }
    }
}
