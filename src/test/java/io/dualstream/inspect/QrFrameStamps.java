package io.dualstream.inspect;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_OTSU;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.GraphicalCodeDetector;
import org.bytedeco.opencv.opencv_objdetect.QRCodeDetector;
import org.bytedeco.opencv.opencv_objdetect.QRCodeDetectorAruco;

/**
 * Reads the source frame count that the fixture's {@code debugqroverlay} stamps into the
 * bottom-left corner of every frame, with OpenCV's {@code QRCodeDetector} (real decoding, no fake).
 */
final class QrFrameStamps {
    private static final Pattern COUNT = Pattern.compile("\"BUFFERCOUNT\"\\s*:\\s*(\\d+)");

    private QrFrameStamps() {
    }

    /** The corner of the frame holding the QR code, as a grey copy (small: cheap to keep per frame). */
    static Mat corner(Mat bgr) {
        int x = 0;
        int y = (int) (bgr.rows() * 0.35);
        int width = (int) (bgr.cols() * 0.3);
        try (Rect rect = new Rect(x, y, width, bgr.rows() - y); Mat view = new Mat(bgr, rect)) {
            Mat gray = new Mat();
            cvtColor(view, gray, COLOR_BGR2GRAY);
            return gray;
        }
    }

    /**
     * The source frame count in the QR code, or empty when it cannot be read. Tries the image as it
     * is, then enlarged 2x and binarised: compression blurs the 2-pixel modules of the sub stream.
     */
    static OptionalLong count(Mat image) {
        OptionalLong count = decode(image);
        if (count.isPresent()) {
            return count;
        }
        try (Mat large = new Mat(); Mat binary = new Mat()) {
            resize(image, large, new Size(image.cols() * 2, image.rows() * 2), 0, 0, INTER_CUBIC);
            count = decode(large);
            if (count.isPresent()) {
                return count;
            }
            threshold(large, binary, 0, 255, THRESH_BINARY | THRESH_OTSU);
            return decode(binary);
        }
    }

    /**
     * OpenCV's classic QR detector first; when it finds nothing, its ArUco-based one, which reads some
     * of the stamps the classic one misses (2-3 % of clean codes in the benchmark).
     */
    private static OptionalLong decode(Mat image) {
        OptionalLong count;
        try (QRCodeDetector detector = new QRCodeDetector()) {
            count = decode(detector, image);
        }
        if (count.isPresent()) {
            return count;
        }
        try (QRCodeDetectorAruco detector = new QRCodeDetectorAruco()) {
            return decode(detector, image);
        }
    }

    private static OptionalLong decode(GraphicalCodeDetector detector, Mat image) {
        try (BytePointer text = detector.detectAndDecode(image)) {
            String decoded = text == null ? "" : text.getString();
            Matcher matcher = COUNT.matcher(decoded);
            return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
        }
    }
}
