package io.dualstream.grabber;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * One {@code VideoCapture} open on a thread of its own, waited for at most the open timeout.
 *
 * <p>Why: OpenCV 4.10's GStreamer backend applies {@code CAP_PROP_OPEN_TIMEOUT_MSEC} only after
 * the open has finished, so an open whose RTSP handshake succeeded but whose media never arrives
 * waits its built-in 30 s. The grab thread must not be held that long (close() and the next attempt
 * wait on it). Ownership stays single: the capture belongs to the opener thread until the waiter
 * takes it; if the waiter gave up first, the opener releases it itself when the open returns.
 */
final class BoundedOpen {
    private final Object lock = new Object();
    private VideoCapture result;     // guarded by lock
    private boolean finished;        // guarded by lock
    private boolean abandoned;       // guarded by lock

    /**
     * Starts the open on a new daemon thread and waits for it.
     *
     * @return the opened capture, now the caller's; null when OpenCV could not open it, when the
     *     open timeout ran out, or when {@code cancelled} turned true meanwhile
     */
    static VideoCapture open(String pipeline, int[] params, String threadName, long timeoutNanos,
                             BooleanSupplier cancelled) throws InterruptedException {
        BoundedOpen attempt = new BoundedOpen();
        Thread opener = new Thread(() -> attempt.run(pipeline, params), threadName);
        opener.setDaemon(true);
        opener.start();
        return attempt.await(timeoutNanos, cancelled);
    }

    private void run(String pipeline, int[] params) {
        VideoCapture capture = new VideoCapture(pipeline, CAP_GSTREAMER, params);
        if (!capture.isOpened()) {
            release(capture);
            capture = null;
        }
        synchronized (lock) {
            if (!abandoned) {
                result = capture;
                finished = true;
                lock.notifyAll();
                return;
            }
        }
        if (capture != null) {
            release(capture);        // nobody waits for it any more: still this thread's own
        }
    }

    private VideoCapture await(long timeoutNanos, BooleanSupplier cancelled) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            try {
                while (!finished) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || cancelled.getAsBoolean()) {
                        abandoned = true;
                        return null;
                    }
                    // Short slices, so a close() is noticed without waiting out the open.
                    TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                }
                return result;
            } catch (InterruptedException e) {
                abandoned = true;
                throw e;
            }
        }
    }

    static void release(VideoCapture capture) {
        capture.release();
        capture.close();
    }
}
