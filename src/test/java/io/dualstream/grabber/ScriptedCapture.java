package io.dualstream.grabber;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * A FAKE capture, named as such: the connection to a camera, scripted step by step by the test so
 * that the failure paths of the stream engine (stall, end of stream, a retrieve that gives nothing,
 * a frame the colour conversion cannot take) run deterministically without a network. Each
 * {@code grab()} waits for the test's next step. Frames are real OpenCV {@code Mat}s whose pixels
 * all hold the frame's tag, so a test can tell which frame a snapshot is.
 */
final class ScriptedCapture implements Capture {
    /** What the next grab() meets. */
    enum Kind { FRAME, BAD_FRAME, NO_RETRIEVE, END }

    record Step(Kind kind, int tag) {
    }

    static final int WIDTH = 64;
    static final int HEIGHT = 48;

    private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
    private final long readTimeoutMillis;
    private final AtomicInteger releases = new AtomicInteger();
    private Step current;

    ScriptedCapture(long readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** A good BGRA frame, all channels of all pixels {@code tag}. */
    void frame(int tag) {
        steps.add(new Step(Kind.FRAME, tag));
    }

    /** A two-channel frame: a BGRA-to-BGR conversion cannot take it. */
    void badFrame(int tag) {
        steps.add(new Step(Kind.BAD_FRAME, tag));
    }

    /** A frame whose retrieve() gives nothing. */
    void noRetrieve() {
        steps.add(new Step(Kind.NO_RETRIEVE, 0));
    }

    /** The stream ends (grab() returns false). */
    void end() {
        steps.add(new Step(Kind.END, 0));
    }

    int releases() {
        return releases.get();
    }

    @Override
    public boolean grab() {
        try {
            current = steps.poll(readTimeoutMillis, TimeUnit.MILLISECONDS);
            // OpenCV 4.10 returns true with no frame when the read timeout runs out: so does this.
            if (current == null) {
                return true;
            }
            // A grab that waits for its frame takes more than the 2 ms the grabber counts as waiting.
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return current.kind() != Kind.END;
    }

    @Override
    public boolean retrieve(Mat into) {
        if (current == null || current.kind() == Kind.NO_RETRIEVE) {
            return false;
        }
        into.create(HEIGHT, WIDTH, current.kind() == Kind.BAD_FRAME ? CV_8UC2 : CV_8UC4);
        into.put(new Scalar(current.tag(), current.tag(), current.tag(), current.tag()));
        return true;
    }

    @Override
    public double positionMillis() {
        return 0;
    }

    @Override
    public double reportedFps() {
        return 25;
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    @Override
    public void release() {
        releases.incrementAndGet();
    }

    /** A FAKE opener: hands out the scripted connections in order, or refuses while there is none. */
    static final class Opener implements CaptureOpener {
        private final BlockingQueue<ScriptedCapture> connections = new LinkedBlockingQueue<>();
        private final AtomicInteger opens = new AtomicInteger();

        void offer(ScriptedCapture capture) {
            connections.add(capture);
        }

        int opens() {
            return opens.get();
        }

        @Override
        public Capture open(PipelineToOpen pipeline, long timeoutNanos, BooleanSupplier cancelled) {
            opens.incrementAndGet();
            return connections.poll();
        }

        @Override
        public boolean lastOpenTimedOut() {
            return false;
        }
    }
}
