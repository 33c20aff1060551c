package io.dualstream.bench;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

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
 * Reads the {@code debugqroverlay} stamp (x=2 %, y=62 %: left edge, just below the middle of the frame) from a BGR frame with OpenCV's
 * {@code QRCodeDetector}: only the corner holding it, scaled so a module is about 4 pixels, which
 * keeps a 12 MP frame's decode to a few milliseconds. One detector per consumer thread.
 */
final class QrStamp implements AutoCloseable {
    private static final Pattern COUNT = Pattern.compile("\"BUFFERCOUNT\"\\s*:\\s*(\\d+)");
    private static final Pattern TIMESTAMP = Pattern.compile("\"TIMESTAMP\"\\s*:\\s*(\\d+)");

    /** A decoded stamp: the source's buffer count and the buffer's running time in ns. */
    record Stamp(long count, long timestampNanos) {
    }

    private final QRCodeDetector detector = new QRCodeDetector();
    private final Mat gray = new Mat();
    private final Mat small = new Mat();
    private final QRCodeDetectorAruco secondLook = new QRCodeDetectorAruco();

    /** The stamp, or null when the code cannot be read (a corrupt or smeared frame). */
    Stamp read(Mat bgr) {
        int x = 0;
        // debugqroverlay's x/y place the code's centre area: it spans about 50-70 % of the height.
        int y = (int) (bgr.rows() * 0.40);
        int width = (int) (bgr.cols() * 0.2);
        int height = (int) (bgr.rows() * 0.45);
        try (Rect rect = new Rect(x, y, width, height); Mat corner = new Mat(bgr, rect)) {
            cvtColor(corner, gray, COLOR_BGR2GRAY);
        }
        // QRCodeDetector needs about 4 pixels per module: the stamp has 4 at 1920 wide, 8 at 4000.
        double scale = Math.max(1.0, bgr.cols() / 2000.0);
        Mat input = gray;
        if (scale > 1.0) {
            try (Size size = new Size((int) (gray.cols() / scale), (int) (gray.rows() / scale))) {
                resize(gray, small, size, 0, 0, INTER_AREA);
            }
            input = small;
        }
        Stamp stamp = decode(detector, input);
        // QRCodeDetector misses some clean codes (2 to 3 % of the 1080p stamps; every missed one looked
        // at was sharp); OpenCV's other QR detector reads those, while a smeared code stays unreadable.
        return stamp != null ? stamp : decode(secondLook, input);
    }

    private static Stamp decode(GraphicalCodeDetector qr, Mat input) {
        try (BytePointer text = qr.detectAndDecode(input)) {
            String decoded = text == null ? "" : text.getString();
            Matcher count = COUNT.matcher(decoded);
            Matcher timestamp = TIMESTAMP.matcher(decoded);
            if (!count.find()) {
                return null;
            }
            return new Stamp(Long.parseLong(count.group(1)), timestamp.find() ? Long.parseLong(timestamp.group(1)) : -1);
        }
    }

    @Override
    public void close() {
        detector.close();
        gray.close();
        small.close();
        secondLook.close();
    }
}
