package io.dualstream.grabber;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Reads every frame of a stream and hands each to a {@link FrameConsumer} on the reader's own
 * thread: the sub stream that a detector watches. Same engine as {@link MainStreamGrabber}
 * ({@link StreamLoop}): bounded opens, stall detection, reconnect with backoff, health states and
 * listener, and the slow retry of permanent failures when the options ask for it.
 *
 * <p>The frame handed to the consumer is the reader's one reusable {@code Mat} (converted with the
 * pipeline's colour conversion, if any): valid during the call only; clone what you keep. Nothing is
 * allocated per frame. A consumer that throws loses that frame only; the reader logs it and goes on.
 */
public final class SubStreamReader implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SubStreamReader.class.getName());
    /** Log a consumer's failures for the first frame of a run of them, then every this many. */
    private static final long FAILURE_LOG_EVERY = 500;

    /** What is done with each frame; every method runs on the reader's thread, one call at a time. */
    public interface FrameConsumer {
        /**
         * @param frame        the frame, valid during this call only; the reader's own {@code Mat}
         * @param frameNumber  1-based count of frames read, over all connections
         * @param arrivedNanos {@link System#nanoTime()} when the frame arrived
         * @param steadyNanos  its arrival without the jitter of CPU load ({@link StreamClock})
         */
        void onFrame(Mat frame, long frameNumber, long arrivedNanos, long steadyNanos);

        /** The reader stops for good (closed, or failed): the last call. Release what the consumer owns here. */
        default void onStopped(String reason) {
        }
    }

    private final GrabberOptions options;
    private final FrameConsumer consumer;
    private final StreamLoop loop;

    // Reader thread only.
    private final Mat frame = new Mat();
    private final Mat converted = new Mat();
    private StreamClock clock = new StreamClock();
    private int conversion = -1;
    private boolean checkConversion;
    private long failuresInARow;

    // Written by the reader thread only.
    private volatile long framesRead;
    private volatile long consumerFailures;

    private SubStreamReader(PipelineSource source, GrabberOptions options, FrameConsumer consumer,
                            CaptureOpener opener) {
        this.options = options;
        this.consumer = consumer;
        StreamLoop.Frames frames = new Frames();
        this.loop = opener == null ? new StreamLoop(source, options, frames, "dualstream-read-")
                : new StreamLoop(source, options, frames, "dualstream-read-", opener);
    }

    /**
     * Starts reading and returns at once; the first connection is made on the reader's thread, and
     * retried like a reconnect. {@link GrabberOptions#preTriggerFrames()} is not used.
     */
    public static SubStreamReader start(PipelineSource source, GrabberOptions options, FrameConsumer consumer) {
        return start(source, options, consumer, null);
    }

    /** With another opener: tests script the connections. */
    static SubStreamReader start(PipelineSource source, GrabberOptions options, FrameConsumer consumer,
                                 CaptureOpener opener) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(consumer, "consumer");
        if (opener == null) {
            GStreamer.ensureAvailable();   // real captures: OpenCV must have GStreamer before the first open
        }
        SubStreamReader reader = new SubStreamReader(source, options, consumer, opener);
        reader.loop.start();
        return reader;
    }

    /**
     * Waits until the first connection streams or fails, at most {@code timeout}.
     *
     * @return null when it streams, else why not
     */
    public String awaitFirstConnection(Duration timeout) throws InterruptedException {
        return loop.awaitFirstConnection(timeout);
    }

    public StreamState state() {
        return loop.health().state();
    }

    /** The stream's health over its life: state, outages and their total time, reconnects. */
    public HealthSummary health() {
        return loop.health().summary();
    }

    /** Frames handed to the consumer. */
    public long framesRead() {
        return framesRead;
    }

    /** Frames whose consumer call threw. */
    public long consumerFailures() {
        return consumerFailures;
    }

    /** Time since the last frame arrived, or empty before the first one. */
    public Optional<Duration> sinceLastFrame() {
        return loop.framesGrabbed() == 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(System.nanoTime() - loop.lastGrabNanos()));
    }

    /** The frame rate the stream declares ({@code CAP_PROP_FPS}) on the current connection; 0 when it does not say. */
    public double reportedFps() {
        return loop.reportedFps();
    }

    public int width() {
        return loop.width();
    }

    public int height() {
        return loop.height();
    }

    /** True until the reader is closed or failed for good. */
    public boolean isRunning() {
        return loop.endReason() == null && !loop.closeRequested();
    }

    /**
     * Stops reading and waits (at most the close timeout) for the thread to finish the frame in hand,
     * call {@link FrameConsumer#onStopped} and release the stream. Safe to call twice and from any
     * thread, the consumer's included.
     */
    @Override
    public void close() {
        loop.close();
    }

    private final class Frames implements StreamLoop.Frames {
        @Override
        public void connected(Capture capture, PipelineToOpen pipeline) {
            clock = new StreamClock();
            conversion = pipeline.colorConversion();
            checkConversion = true;
        }

        @Override
        public long barrier() {
            return 0;
        }

        @Override
        public void grabbed(Capture capture, long token, long grabStarted, long grabbed) {
            if (!capture.retrieve(frame) || frame.empty()) {
                return;
            }
            Mat image = frame;
            if (conversion >= 0) {
                try {
                    ColorConversions.convert(frame, converted, conversion);
                } catch (IllegalStateException e) {
                    if (checkConversion) {
                        throw new StreamLoop.RejectedConnection(e.getMessage() + ": fix the colour conversion", e);
                    }
                    throw e;
                }
                image = converted;
            }
            checkConversion = false;
            long steady = clock.steadyArrival(grabbed, capture.positionMillis());
            long number = ++framesRead;
            try {
                consumer.onFrame(image, number, grabbed, steady);
                failuresInARow = 0;
            } catch (RuntimeException e) {
                consumerFailures++;
                if (failuresInARow++ % FAILURE_LOG_EVERY == 0) {
                    LOG.log(Level.WARNING, "stream '" + options.name() + "': the frame consumer failed on frame "
                            + number + " (" + consumerFailures + " so far); reading goes on", e);
                }
            }
        }

        @Override
        public void ended(String reason) {
            try {
                consumer.onStopped(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stream '" + options.name() + "': the frame consumer failed to stop", e);
            } finally {
                frame.close();
                converted.close();
            }
        }
    }
}
