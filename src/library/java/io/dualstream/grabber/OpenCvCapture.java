package io.dualstream.grabber;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FPS;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_HEIGHT;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_WIDTH;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_POS_MSEC;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/** {@link Capture} over an opened OpenCV {@code VideoCapture}; the only owner of it from now on. */
final class OpenCvCapture implements Capture {
    private final VideoCapture capture;
    private final int width;
    private final int height;

    OpenCvCapture(VideoCapture capture) {
        this.capture = capture;
        this.width = (int) capture.get(CAP_PROP_FRAME_WIDTH);
        this.height = (int) capture.get(CAP_PROP_FRAME_HEIGHT);
    }

    @Override
    public boolean grab() {
        return capture.grab();
    }

    @Override
    public boolean retrieve(Mat into) {
        return capture.retrieve(into);
    }

    @Override
    public double positionMillis() {
        return capture.get(CAP_PROP_POS_MSEC);
    }

    @Override
    public double reportedFps() {
        double fps = capture.get(CAP_PROP_FPS);
        return Double.isFinite(fps) && fps > 0 ? fps : 0;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void release() {
        BoundedOpen.release(capture);
    }
}
