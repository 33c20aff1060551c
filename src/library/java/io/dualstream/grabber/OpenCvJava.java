package io.dualstream.grabber;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * OpenCV's official Java bindings ({@code org.opencv.*}) next to bytedeco's. Both sit on the same
 * {@code libopencv_core} in the process, so a bytedeco {@code Mat} can be copied straight into the
 * {@code cv::Mat} behind an {@code org.opencv.core.Mat}: one copy, no Java array in between.
 */
final class OpenCvJava {
    private static volatile boolean loaded;

    private OpenCvJava() {
    }

    static void load() {
        if (!loaded) {
            synchronized (OpenCvJava.class) {
                if (!loaded) {
                    Loader.load(org.bytedeco.opencv.opencv_java.class);
                    loaded = true;
                }
            }
        }
    }

    /** A new {@code org.opencv.core.Mat} holding a copy of {@code image}; the caller owns it. */
    static org.opencv.core.Mat copyOf(Mat image) {
        load();
        org.opencv.core.Mat copy = new org.opencv.core.Mat();
        // A view of copy's cv::Mat without a deallocator: copy keeps owning it, the view frees nothing.
        try (Mat target = new Mat(new CvMatAddress(copy.nativeObj))) {
            image.copyTo(target);
        }
        return copy;
    }

    /** A pointer to a {@code cv::Mat} that someone else owns. */
    private static final class CvMatAddress extends Pointer {
        CvMatAddress(long address) {
            this.address = address;
        }
    }
}
