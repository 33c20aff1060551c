package io.dualstream.examples;

import io.dualstream.grabber.GStreamer;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

/**
 * Existing code on OpenCV's official Java API keeps its own {@code VideoCapture}: the library only
 * makes GStreamer available to OpenCV (the plugin placed, and on Windows GStreamer's DLLs found).
 */
public final class OwnVideoCapture {
    private OwnVideoCapture() {
    }

    /** @param args a GStreamer pipeline ending in an appsink, and the image file to write */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: OwnVideoCapture '<pipeline> ! appsink' frame.jpg");
            System.exit(2);
        }
        System.out.println(GStreamer.ensureAvailable());
        GStreamer.loadOpenCvJava();
        VideoCapture capture = new VideoCapture(args[0], Videoio.CAP_GSTREAMER);
        Mat frame = new Mat();
        try {
            if (!capture.isOpened() || !capture.read(frame) || frame.empty()) {
                System.err.println("no frame from the pipeline");
                System.exit(1);
            }
            Imgcodecs.imwrite(args[1], frame);
            System.out.println("saved " + args[1] + " " + frame.cols() + "x" + frame.rows());
        } finally {
            capture.release();
            frame.release();
        }
    }
}
