package io.dualstream.grabber;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_COLORCVT_MAX;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;

/** Checks of a {@code cvtColor} code: where it is set, and against a stream's real frames. */
final class ColorConversions {
    private ColorConversions() {
    }

    /** A code OpenCV knows, or negative for "none". */
    static int check(int code) {
        if (code >= COLOR_COLORCVT_MAX) {
            throw new IllegalArgumentException("colorConversion must be an OpenCV COLOR_* code (0.."
                    + (COLOR_COLORCVT_MAX - 1) + ") or -1 for none, got " + code);
        }
        return code;
    }

    /**
     * Converts {@code frame} into {@code into} (or copies it when {@code code} is negative).
     *
     * @throws IllegalStateException when the code does not fit the frame (e.g. an NV12 code on a BGR
     *     frame), naming both
     */
    static void convert(Mat frame, Mat into, int code) {
        if (code < 0) {
            frame.copyTo(into);
            return;
        }
        try {
            cvtColor(frame, into, code);
        } catch (RuntimeException e) {
            throw new IllegalStateException("colour conversion " + code + " does not fit this stream's frames ("
                    + frame.cols() + "x" + frame.rows() + ", " + frame.channels() + " channel(s)): the pipeline's "
                    + "appsink format and the conversion disagree", e);
        }
    }
}
