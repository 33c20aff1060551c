package io.dualstream.probe;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FPS;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_OPEN_TIMEOUT_MSEC;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_READ_TIMEOUT_MSEC;

import java.io.IOException;
import java.time.Duration;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * The article's first measurement: open the stream with OpenCV as an application would (frames
 * converted to BGR), read a frame, and take its size and channels and the FPS OpenCV reports; then
 * count frames for a while to measure the FPS that really arrives. The capture and the frame belong
 * to the calling thread from open to release.
 */
public final class OpenCvMeasurement {
    private OpenCvMeasurement() {
    }

    /**
     * @param reportedFps {@code CAP_PROP_FPS}; 0 when the stream does not say
     * @param measuredFps frames read per second over the counting window
     */
    public record Frames(int width, int height, int channels, double reportedFps, double measuredFps) {
        public long bytesPerFrame() {
            return (long) width * height * channels;
        }
    }

    /** @param pipeline a pipeline string ending in a BGR appsink */
    public static Frames measure(String pipeline, Duration timeout, Duration countFor) throws IOException {
        int[] params = {
            CAP_PROP_OPEN_TIMEOUT_MSEC, (int) timeout.toMillis(),
            CAP_PROP_READ_TIMEOUT_MSEC, (int) timeout.toMillis(),
        };
        try (VideoCapture capture = new VideoCapture(pipeline, CAP_GSTREAMER, params); Mat frame = new Mat()) {
            try {
                if (!capture.isOpened()) {
                    throw new IOException("OpenCV could not open the stream through GStreamer");
                }
                if (!capture.read(frame) || frame.empty()) {
                    throw new IOException("OpenCV opened the stream but got no frame within " + timeout.toMillis()
                            + " ms");
                }
                int width = frame.cols();
                int height = frame.rows();
                int channels = frame.channels();
                double reportedFps = capture.get(CAP_PROP_FPS);
                // Count frames as they arrive: the first read may have waited for a key frame.
                long start = System.nanoTime();
                int frames = 0;
                while (System.nanoTime() - start < countFor.toNanos() && capture.grab()) {
                    frames++;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Frames(width, height, channels, Double.isFinite(reportedFps) ? reportedFps : 0,
                        frames / seconds);
            } finally {
                capture.release();
            }
        }
    }
}
