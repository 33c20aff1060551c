package io.dualstream.grabber;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * Opens a stream's {@code VideoCapture} on a thread of its own, waited for at most the open
 * timeout, and never more than one at a time per stream.
 *
 * <p>Why a thread: OpenCV 4.10's GStreamer backend applies {@code CAP_PROP_OPEN_TIMEOUT_MSEC} only
 * after the open has finished, so an open whose RTSP handshake succeeded but whose media never
 * arrives waits its built-in 30 s. The stream's thread must not be held that long (close() and the
 * next attempt wait on it). So an open that runs out of time is abandoned: its thread goes on and
 * releases the capture itself when OpenCV returns.
 *
 * <p>Why one at a time: an abandoned open still holds an RTSP session, and a camera that limits
 * sessions must not see two of ours. The next attempt first waits for the abandoned one to end
 * (counted as a failed attempt when it does not within the open timeout). {@link #inFlight()} counts
 * open threads of all streams, for tests and diagnostics.
 */
final class BoundedOpen implements CaptureOpener {
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();

    private final int[] params;
    private final String threadName;
    /** The last attempt given up on; it may still be inside OpenCV. Stream thread only. */
    private Attempt abandoned;
    private boolean lastTimedOut;

    /**
     * @param params     OpenCV open parameters ({@code CAP_PROP_*_TIMEOUT_MSEC} pairs)
     * @param threadName name of the opener threads (never a URL or password)
     */
    BoundedOpen(int[] params, String threadName) {
        this.params = params.clone();
        this.threadName = threadName;
    }

    /** Open threads now running, over all streams of this JVM (abandoned ones included). */
    static int inFlight() {
        return IN_FLIGHT.get();
    }

    @Override
    public boolean lastOpenTimedOut() {
        return lastTimedOut;
    }

    @Override
    public Capture open(PipelineToOpen pipeline, long timeoutNanos, BooleanSupplier cancelled)
            throws InterruptedException {
        lastTimedOut = false;
        long deadline = System.nanoTime() + timeoutNanos;
        if (abandoned != null) {
            if (!abandoned.awaitEnd(deadline, cancelled)) {
                lastTimedOut = true;          // the previous open still holds its session: not a second one
                return null;
            }
            abandoned = null;
        }
        Attempt attempt = new Attempt();
        Thread opener = new Thread(() -> attempt.run(pipeline.pipeline(), params), threadName);
        opener.setDaemon(true);
        IN_FLIGHT.incrementAndGet();
        try {
            opener.start();
        } catch (Error e) {
            IN_FLIGHT.decrementAndGet();
            throw e;
        }
        VideoCapture capture = attempt.await(deadline, cancelled);
        if (capture != null) {
            return new OpenCvCapture(capture);
        }
        if (!attempt.isFinished()) {
            abandoned = attempt;
            lastTimedOut = true;
        }
        return null;
    }

    /** One open on its own thread; the capture belongs to that thread until the waiter takes it. */
    private static final class Attempt {
        private final Object lock = new Object();
        private VideoCapture result;     // guarded by lock
        private boolean finished;        // guarded by lock
        private boolean abandoned;       // guarded by lock

        void run(String pipeline, int[] params) {
            VideoCapture capture = null;
            try {
                capture = new VideoCapture(pipeline, CAP_GSTREAMER, params);
                if (!capture.isOpened()) {
                    release(capture);
                    capture = null;
                }
                synchronized (lock) {
                    if (!abandoned) {
                        result = capture;     // handed over: the waiter owns it now
                        capture = null;
                        lock.notifyAll();
                    }
                }
            } finally {
                if (capture != null) {
                    release(capture);         // nobody waits for it any more: still this thread's own
                }
                // Counted out, and only then finished: the next open of this stream may start once
                // this one holds nothing, so a camera never sees two of our sessions at once.
                IN_FLIGHT.decrementAndGet();
                synchronized (lock) {
                    finished = true;
                    lock.notifyAll();
                }
            }
        }

        boolean isFinished() {
            synchronized (lock) {
                return finished;
            }
        }

        /** The capture, or null (refused, out of time, or cancelled: then the attempt is abandoned). */
        VideoCapture await(long deadline, BooleanSupplier cancelled) throws InterruptedException {
            synchronized (lock) {
                try {
                    // A capture handed over counts even before its thread has finished counting itself out.
                    while (!finished && result == null) {
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
                    if (result != null) {
                        VideoCapture handedOver = result;   // ours already: release it rather than leak it
                        result = null;
                        release(handedOver);
                    }
                    throw e;
                }
            }
        }

        /** Waits for an abandoned attempt's thread to finish; false when the deadline or a cancel came first. */
        boolean awaitEnd(long deadline, BooleanSupplier cancelled) throws InterruptedException {
            synchronized (lock) {
                while (!finished) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || cancelled.getAsBoolean()) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                }
                return true;
            }
        }
    }

    static void release(VideoCapture capture) {
        capture.release();
        capture.close();
    }
}
