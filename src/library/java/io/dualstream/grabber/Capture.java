package io.dualstream.grabber;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One open connection to a stream: the seam between the grabber's logic and OpenCV's
 * {@code VideoCapture}. The real one is {@link OpenCvCapture}; tests drive the failure paths
 * (stall, end of stream, a retrieve that gives nothing, frames a conversion cannot take) with a
 * scripted one. Used by one thread at a time, the stream's own, and released once by it.
 */
interface Capture {
    /**
     * Waits for the next frame and keeps it in hand without converting or copying it.
     *
     * @return false when the stream ended or its connection broke; OpenCV 4.10 also returns true
     *     with no frame when the read timeout runs out, which the caller tells by the time it took
     */
    boolean grab();

    /** Copies the frame in hand into {@code into} (reusing its memory when the size fits). */
    boolean retrieve(Mat into);

    /** The frame's presentation time in ms ({@code CAP_PROP_POS_MSEC}); NaN or 0 when unknown. */
    double positionMillis();

    /** The frame rate the stream declares ({@code CAP_PROP_FPS}); 0 when it does not say. */
    double reportedFps();

    /** Frame width as negotiated by this connection. */
    int width();

    /** Frame height as negotiated by this connection. */
    int height();

    /** Frees the connection's native resources. Called exactly once, after the last grab/retrieve. */
    void release();
}
