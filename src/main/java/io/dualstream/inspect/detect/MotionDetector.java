package io.dualstream.inspect.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.contourArea;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_video.createBackgroundSubtractorMOG2;

import io.dualstream.inspect.Box;
import io.dualstream.inspect.Detection;
import io.dualstream.inspect.Detector;
import io.dualstream.inspect.DetectorSettings;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.BackgroundSubtractorMOG2;

/**
 * The built-in detector: whatever moves against a learned background. OpenCV's MOG2 background
 * subtractor marks the moving pixels, a morphological open removes speckle noise, a close joins the
 * pieces of one object, and every outer contour at least {@code minAreaFraction} of the frame
 * becomes one detection. Shadows are not detected (they would stretch boxes). The first frame only
 * seeds the model, and a "motion" over more than half the frame (lights switched, camera moved) is
 * ignored until the model has learned the new scene.
 *
 * <p>Reuses its buffers: nothing is allocated per frame except the result list. Not thread-safe;
 * one instance per camera, fed in frame order (the background model learns from every frame).
 */
public final class MotionDetector implements Detector {
    private final DetectorSettings settings;
    private final BackgroundSubtractorMOG2 subtractor;
    private final Mat foreground = new Mat();
    private final Mat mask = new Mat();
    private final Mat openKernel = getStructuringElement(MORPH_RECT, new Size(3, 3));
    private Mat closeKernel;
    private int kernelForWidth;
    private long framesSeen;

    public MotionDetector(DetectorSettings settings) {
        this.settings = settings;
        this.subtractor = createBackgroundSubtractorMOG2(settings.history(), settings.varThreshold(), false);
    }

    @Override
    public List<Detection> detect(Mat bgr, long frameNanos) {
        subtractor.apply(bgr, foreground);
        if (framesSeen++ == 0) {
            return List.of();   // the first frame only seeds the background model: all of it is "new"
        }
        threshold(foreground, mask, 127, 255, THRESH_BINARY);
        morphologyEx(mask, mask, MORPH_OPEN, openKernel);
        morphologyEx(mask, mask, MORPH_CLOSE, closeKernel(bgr.cols()));
        double minArea = settings.minAreaFraction() * bgr.cols() * bgr.rows();
        List<Detection> found = new ArrayList<>();
        try (MatVector contours = new MatVector(); Mat hierarchy = new Mat()) {
            findContours(mask, contours, hierarchy, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
            for (long i = 0; i < contours.size(); i++) {
                try (Mat contour = contours.get(i)) {
                    try (Rect r = boundingRect(contour)) {
                        // A filled box's contour area is (w-1)(h-1); the box area is the fairer size.
                        double area = Math.max(contourArea(contour), (double) r.width() * r.height() * 0.5);
                        // More than half the frame moving is a light change or a camera move, not an object.
                        boolean wholeScene = (double) r.width() * r.height() > 0.5 * bgr.cols() * bgr.rows();
                        if (area >= minArea && !wholeScene) {
                            found.add(new Detection(new Box(r.x(), r.y(), r.width(), r.height()), 1.0, "motion"));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** About 1 % of the width: joins the parts of one object without merging two neighbours. */
    private Mat closeKernel(int width) {
        if (closeKernel == null || kernelForWidth != width) {
            if (closeKernel != null) {
                closeKernel.close();
            }
            int size = Math.max(3, (width / 100) | 1);
            closeKernel = getStructuringElement(MORPH_RECT, new Size(size, size));
            kernelForWidth = width;
        }
        return closeKernel;
    }

    @Override
    public void close() {
        subtractor.close();
        foreground.close();
        mask.close();
        openKernel.close();
        if (closeKernel != null) {
            closeKernel.close();
        }
    }
}
