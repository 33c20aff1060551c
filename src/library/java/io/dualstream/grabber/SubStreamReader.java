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
         * One frame, on the reader's thread; nothing more is read until this returns, so hand slow
         * work to a thread of your own (with a clone of the frame).
         *
         * @param frame        the frame; shared, not a copy: the reader's one reusable bytedeco
         *                     {@code Mat}, overwritten by the next frame and freed when the reader
         *                     stops. Valid only during this call, on this thread: {@code clone()}
         *                     what you keep, and never close or release it
         * @param frameNumber  1-based count of frames read, over all connections
         * @param arrivedNanos {@link System#nanoTime()} when the frame arrived
         * @param steadyNanos  its arrival without the jitter of CPU load ({@link StreamClock})
         */
        void onFrame(Mat frame, long frameNumber, long arrivedNanos, long steadyNanos);

        /**
         * The reader stops for good (closed, or failed): the last call. Release what the consumer owns here.
         * The frame {@code Mat} is freed right after this returns.
         *
         * @param reason why it stopped, one line: "the stream was closed", or the failure (never a password)
         */
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
     *
     * @param source   the pipeline of each open attempt, called on the reader's thread only
     * @param options  the reader's options
     * @param consumer told about every frame and the end, on the reader's thread; kept, not copied
     * @return a reader already running (state {@link StreamState#CONNECTING}), the caller's to
     *     {@link #close()}
     * @throws GStreamerUnavailableException when OpenCV cannot use GStreamer here, with the fix
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
     * Waits until the first connection streams or fails, at most {@code timeout}. The reader goes
     * on trying after a timeout; close it if you give up.
     *
     * @param timeout how long to wait at most
     * @return null when it streams, else why not (one line, never a password)
     * @throws InterruptedException if the calling thread is interrupted while waiting; the reader
     *                              goes on
     */
    public String awaitFirstConnection(Duration timeout) throws InterruptedException {
        return loop.awaitFirstConnection(timeout);
    }

    /**
     * The stream's health now.
     *
     * @return the current state; it may change right after this call returns
     */
    public StreamState state() {
        return loop.health().state();
    }

    /**
     * The stream's health over its life: state, outages and their total time, reconnects.
     *
     * @return a new summary of this moment, consistent in itself; an immutable value that does not
     *     follow later changes
     */
    public HealthSummary health() {
        return loop.health().summary();
    }

    /**
     * Frames handed to the consumer.
     *
     * @return the count over all connections, failed consumer calls included
     */
    public long framesRead() {
        return framesRead;
    }

    /**
     * Frames whose consumer call threw.
     *
     * @return the count over the reader's life
     */
    public long consumerFailures() {
        return consumerFailures;
    }

    /**
     * Time since the last frame arrived, or empty before the first one.
     *
     * @return the time since the last {@code grab()} that returned a frame, or empty before the first
     */
    public Optional<Duration> sinceLastFrame() {
        return loop.framesGrabbed() == 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(System.nanoTime() - loop.lastGrabNanos()));
    }

    /**
     * The frame rate the stream declares ({@code CAP_PROP_FPS}) on the current connection; 0 when it does not say.
     *
     * @return frames per second as declared, not measured; 0 before the first connection too
     */
    public double reportedFps() {
        return loop.reportedFps();
    }

    /**
     * Frame width as negotiated by the pipeline on the current (or last) connection.
     *
     * @return the width in pixels, 0 before the first connection
     */
    public int width() {
        return loop.width();
    }

    /**
     * Frame height as negotiated by the pipeline on the current (or last) connection.
     *
     * @return the height in pixels, 0 before the first connection
     */
    public int height() {
        return loop.height();
    }

    /**
     * True until the reader is closed or failed for good.
     *
     * @return false once {@link #close()} was called or the stream ended; true while reconnecting
     */
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
