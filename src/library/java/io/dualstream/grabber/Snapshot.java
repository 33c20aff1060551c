package io.dualstream.grabber;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One full-resolution frame handed out by {@link MainStreamGrabber#takeSnapshot(Duration)}.
 *
 * <p>The image is the caller's own copy: the grabber never touches it again, so it may be read,
 * modified or kept on any thread. Its native memory is freed by {@link #close()}; use
 * try-with-resources, or {@code image().clone()} to keep pixels beyond the snapshot's life.
 */
public final class Snapshot implements AutoCloseable {
    private final Mat image;
    private final long frameNumber;
    private final Instant grabbedAt;
    /**
     * A {@code grab()} that took this long was waiting for its frame, not handed one that was already
     * queued (that takes microseconds): the frame arrived when it returned.
     */
    static final long WAITED_NANOS = 2_000_000L;

    private final long grabStartedNanos;
    private final long grabbedNanos;
    private final long requestedNanos;
    private final long deliveredNanos;
    private final AtomicBoolean closed = new AtomicBoolean();

    Snapshot(Mat image, long frameNumber, Instant grabbedAt, long grabStartedNanos, long grabbedNanos,
             long requestedNanos, long deliveredNanos) {
        this.image = image;
        this.frameNumber = frameNumber;
        this.grabbedAt = grabbedAt;
        this.grabStartedNanos = grabStartedNanos;
        this.grabbedNanos = grabbedNanos;
        this.requestedNanos = requestedNanos;
        this.deliveredNanos = deliveredNanos;
    }

    /**
     * The frame, in BGR unless the grabber was configured otherwise.
     *
     * @return this snapshot's own bytedeco {@code Mat} (not shared with the grabber), usable on any
     *     thread until {@link #close()} frees it; do not close it yourself, {@code clone()} it to keep
     *     the pixels longer
     * @throws IllegalStateException when this snapshot is closed
     */
    public Mat image() {
        if (closed.get()) {
            throw new IllegalStateException("snapshot of frame " + frameNumber + " is closed: its image was freed");
        }
        return image;
    }

    /**
     * A copy of the image as an {@code org.opencv.core.Mat} of OpenCV's official Java API, for code
     * written against {@code org.opencv.*} ({@code Imgcodecs.imwrite("frame.jpg", snapshot.openCvMat())}).
     * One native copy per call.
     *
     * @return the caller's own {@code Mat}, independent of this snapshot: still valid after
     *     {@link #close()}; free it with {@code release()} when done (or leave it to the garbage collector)
     * @throws IllegalStateException when this snapshot is closed
     */
    public org.opencv.core.Mat openCvMat() {
        return OpenCvJava.copyOf(image());
    }

    /**
     * 1-based count of frames the grabber had grabbed when it grabbed this one.
     *
     * @return the frame's number, counted over all connections; still valid after {@link #close()}
     */
    public long frameNumber() {
        return frameNumber;
    }

    /**
     * Wall-clock time at which {@code grab()} returned this frame.
     *
     * @return an immutable {@link Instant}, for logs and file names; use {@link #grabbedNanos()} to
     *     measure intervals
     */
    public Instant grabbedAt() {
        return grabbedAt;
    }

    /**
     * {@link System#nanoTime()} when the {@code grab()} call that returned this frame began.
     *
     * @return a {@code nanoTime()} reading, comparable only with others of this JVM
     */
    public long grabStartedNanos() {
        return grabStartedNanos;
    }

    /**
     * {@link System#nanoTime()} when {@code grab()} returned this frame.
     *
     * @return a {@code nanoTime()} reading, comparable only with others of this JVM
     */
    public long grabbedNanos() {
        return grabbedNanos;
    }

    /**
     * {@link System#nanoTime()} when the snapshot was requested. Before {@link #grabbedNanos()}
     * (see {@link #reachedGrabberAfterRequest()}), except for
     * {@link MainStreamGrabber#requestSnapshotNearest(long)}, whose frame may be older.
     *
     * @return a {@code nanoTime()} reading, comparable only with others of this JVM
     */
    public long requestedNanos() {
        return requestedNanos;
    }

    /**
     * Whether this frame reached the grabber after the request: its {@code grab()} began after the
     * request, or that {@code grab()} returned after it having waited at least
     * {@value #WAITED_NANOS} ns, i.e. for a frame that was not there yet. True for every
     * {@link MainStreamGrabber#takeSnapshot} snapshot.
     *
     * @return true when the frame is not one that sat ready before the request
     */
    public boolean reachedGrabberAfterRequest() {
        return grabStartedNanos > requestedNanos
                || (grabbedNanos > requestedNanos && grabbedNanos - grabStartedNanos >= WAITED_NANOS);
    }

    /**
     * Time from the request to the frame being ready in the caller's hands.
     *
     * @return the fixed delay between request and delivery (it does not grow while the snapshot is kept)
     */
    public Duration latency() {
        return Duration.ofNanos(deliveredNanos - requestedNanos);
    }

    /**
     * How long ago this frame was grabbed.
     *
     * @return the time from {@link #grabbedNanos()} to this call; grows with each call
     */
    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - grabbedNanos);
    }

    /** Frees the image. Safe to call more than once and from any thread. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            image.close();
        }
    }
}
