package io.dualstream.app;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.moments;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Moments;

/**
 * Finds one bright object on a dark background and returns its centre: enough for the synthetic
 * cameras (a white ball on black) and for a light object on a dark conveyor. Reuses its buffers, so
 * it allocates nothing per frame; not thread-safe, one instance per sub stream.
 */
final class BrightObjectDetector implements AutoCloseable {
    /** Centre of the detected object in the frame's pixel coordinates. */
    record Centroid(double x, double y, double area) {
    }

    private final double threshold;
    private final double minArea;
    private final Mat gray = new Mat();
    private final Mat mask = new Mat();

    BrightObjectDetector(double threshold, double minArea) {
        if (threshold < 0 || threshold > 255) {
            throw new IllegalArgumentException("threshold must be 0..255, got " + threshold);
        }
        this.threshold = threshold;
        this.minArea = minArea;
    }

    Optional<Centroid> detect(Mat bgr) {
        cvtColor(bgr, gray, COLOR_BGR2GRAY);
        threshold(gray, mask, threshold, 255, THRESH_BINARY);
        try (Moments m = moments(mask, true)) {
            double area = m.m00();
            if (area < minArea) {
                return Optional.empty();
            }
            return Optional.of(new Centroid(m.m10() / area, m.m01() / area, area));
        }
    }

    @Override
    public void close() {
        gray.close();
        mask.close();
    }
}
