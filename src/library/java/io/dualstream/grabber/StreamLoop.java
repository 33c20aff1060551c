package io.dualstream.grabber;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_OPEN_TIMEOUT_MSEC;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_READ_TIMEOUT_MSEC;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine under every stream reader: one thread that opens the stream, grabs frames for as long
 * as they come, and when they stop (stall, end of stream, lost connection) releases the connection
 * and opens it again with capped exponential backoff. It owns the connection from open to release;
 * what to do with each frame is the {@link Frames} of the front that runs it
 * ({@link MainStreamGrabber}, {@link SubStreamReader}).
 *
 * <p>Failures that retrying cannot fix (wrong credentials, path or codec, a colour conversion that
 * does not fit the frames) put the stream in {@link StreamState#FAILED}: it ends there, or, with
 * {@link GrabberOptions#permanentFailureRetry()}, tries again at that slow pace until someone fixes
 * the camera, because a station's service is not restarted for that.
 */
final class StreamLoop {
    private static final System.Logger LOG = System.getLogger(StreamLoop.class.getName());
    static final String CLOSED = "the stream was closed";
    /** A grab() that waited this close to the read timeout timed out (the pull's timed wait never ends early). */
    private static final long STALL_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Log a frame handler's failures for the first few frames of a run of them, then every this many. */
    private static final long FAILURE_LOG_EVERY = 500;

    /** What a front does with its stream; every method runs on the stream's thread. */
    interface Frames {
        /** A new connection streams; the frame size and the pipeline (and its conversion) may differ from the last. */
        void connected(Capture capture, PipelineToOpen pipeline);

        /**
         * A mark of the requests made so far, taken just before each {@code grab()} and again right
         * after one that waited for its frame; the last value comes back to {@link #grabbed}.
         */
        long barrier();

        /**
         * A frame arrived. Throw {@link RejectedConnection} when this connection's frames cannot be
         * used at all; any other exception fails this frame only and is logged.
         */
        void grabbed(Capture capture, long token, long grabStartedNanos, long grabbedNanos);

        /** The stream's thread ends (closed, or failed for good): the last call; release what the front owns. */
        void ended(String reason);
    }

    /** Thrown by {@link Frames#grabbed} when this connection's frames cannot be used (a permanent failure). */
    static final class RejectedConnection extends RuntimeException {
        RejectedConnection(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** Why a connection ended. */
    private record Loss(String reason, boolean permanent) {
    }

    private final GrabberOptions options;
    private final PipelineSource source;
    private final CaptureOpener opener;
    private final Frames frames;
    private final StreamHealth health;
    private final Thread thread;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    /** Wakes the thread from a backoff wait when close() is called. */
    private final CountDownLatch closeSignal = new CountDownLatch(1);

    // Written by the stream's thread only; read by anyone.
    private volatile int width;
    private volatile int height;
    private volatile double reportedFps;
    private volatile long framesGrabbed;
    private volatile long lastGrabNanos;
    private volatile long frameFailures;
    private volatile String lastFailure = "";
    private volatile String endReason;
    /** Why the last open was skipped by {@link FailureDiagnoser#beforeOpen()}; stream thread only. */
    private Diagnosis preflightFailure;
    /** What the last pipeline opened was (e.g. "RTP over TCP"), for the STREAMING line; stream thread only. */
    private String lastLabel = "";

    StreamLoop(PipelineSource source, GrabberOptions options, Frames frames, String threadPrefix) {
        this(source, options, frames, threadPrefix, new BoundedOpen(new int[] {
            CAP_PROP_OPEN_TIMEOUT_MSEC, (int) options.openTimeout().toMillis(),
            CAP_PROP_READ_TIMEOUT_MSEC, (int) options.readTimeout().toMillis(),
        }, "dualstream-open-" + options.name()));
    }

    /** With another opener: tests script the connections. */
    StreamLoop(PipelineSource source, GrabberOptions options, Frames frames, String threadPrefix,
               CaptureOpener opener) {
        this.source = source;
        this.options = options;
        this.frames = frames;
        this.opener = opener;
        this.health = new StreamHealth(options.name(), options.healthListener());
        this.thread = new Thread(this::run, threadPrefix + options.name());
        // Daemon: a forgotten stream must not keep the JVM alive; close() is still the way out.
        this.thread.setDaemon(true);
    }

    void start() {
        health.transition(StreamState.CONNECTING, "opening the stream", 0);
        thread.start();
    }

    /**
     * Waits until the first connection streams or the stream fails, at most {@code timeout}.
     *
     * @return null when it streams, else why not (one line)
     */
    String awaitFirstConnection(Duration timeout) throws InterruptedException {
        StreamState state = health.awaitSettled(timeout.toNanos());
        if (state == StreamState.STREAMING) {
            return null;
        }
        String why = lastFailure.isEmpty() ? "no connection within " + timeout.toMillis() + " ms" : lastFailure;
        return state == StreamState.FAILED || lastFailure.isEmpty() ? why
                : why + " (still failing after " + timeout.toMillis() + " ms)";
    }

    StreamHealth health() {
        return health;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The frame rate the current (or last) connection declares; 0 when it does not say. */
    double reportedFps() {
        return reportedFps;
    }

    long framesGrabbed() {
        return framesGrabbed;
    }

    long lastGrabNanos() {
        return lastGrabNanos;
    }

    /** Frames whose handling threw (their requests failed, grabbing went on). */
    long frameFailures() {
        return frameFailures;
    }

    /** Why the thread ended, or null while it runs. */
    String endReason() {
        return endReason;
    }

    /**
     * Asks the thread to stop and waits for it to leave {@code grab()} (or an open) and release the
     * connection, at most the close timeout. Safe to call twice and from any thread, including the
     * stream's own (then it does not wait).
     *
     * @return false when this was not the first call
     */
    boolean close() {
        if (!closeRequested.compareAndSet(false, true)) {
            return false;
        }
        closeSignal.countDown();
        if (Thread.currentThread() == thread) {
            return true;
        }
        try {
            thread.join(options.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // Releasing here would free the connection under the thread's feet; it releases it
            // itself as soon as grab() or the open returns, which the read and open timeouts bound.
            LOG.log(Level.WARNING, "stream ''{0}'': its thread is still inside grab() or an open after {1} ms; it "
                    + "releases the connection when that returns", options.name(), options.closeTimeout().toMillis());
        }
        return true;
    }

    boolean closeRequested() {
        return closeRequested.get();
    }

    private void run() {
        String reason = CLOSED;
        try {
            Loss loss = null;
            while (!closeRequested.get()) {
                Capture capture = connect(loss);
                if (capture == null) {
                    reason = closeRequested.get() ? CLOSED : "FAILED: " + health.reason();
                    break;
                }
                try {
                    loss = drain(capture);
                } finally {
                    capture.release();
                }
                if (loss == null) {
                    break;                       // close() was called
                }
                if (!options.reconnect() && !loss.permanent()) {
                    reason = loss.reason();
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            reason = "stream thread failed: " + e;
            LOG.log(Level.ERROR, "stream '" + options.name() + "': stream thread failed", e);
        } finally {
            endReason = reason;
            try {
                frames.ended(reason);
            } finally {
                health.ended();
                LOG.log(Level.INFO, "stream ''{0}'' released after {1} frames and {2} reconnects ({3})",
                        options.name(), framesGrabbed, health.summary().reconnects(), reason);
            }
        }
    }

    /**
     * Opens the stream until it streams, close() is called, or it fails for good.
     *
     * @param loss why the last connection ended, or null for the first connection
     * @return the new connection, or null (closed, or FAILED with no retry)
     */
    private Capture connect(Loss loss) {
        long lostAt = System.nanoTime();
        Duration wait = Duration.ZERO;
        if (loss != null) {
            if (loss.permanent()) {
                if (!fail(loss.reason(), 0)) {
                    return null;
                }
                wait = options.permanentFailureRetry().orElseThrow();
            } else {
                health.transition(StreamState.RECONNECTING, loss.reason(), 0);
                wait = options.backoff().delay(1, ThreadLocalRandom.current().nextDouble());
            }
        }
        for (int attempt = 1; !closeRequested.get(); attempt++) {
            if (!wait.isZero() && closed(wait)) {
                return null;
            }
            Capture capture = openOnce();
            if (capture != null) {
                if (closeRequested.get()) {
                    capture.release();
                    return null;
                }
                width = capture.width();
                height = capture.height();
                reportedFps = capture.reportedFps();
                String how = loss == null && attempt == 1 ? "opened"
                        : (loss == null ? "opened after " : "reconnected after ") + attempt + " attempt(s) in "
                        + Duration.ofNanos(System.nanoTime() - lostAt).toMillis() + " ms";
                health.transition(StreamState.STREAMING, how + ", " + width + "x" + height + label(), attempt);
                return capture;
            }
            if (closeRequested.get()) {
                return null;
            }
            Diagnosis diagnosis = diagnose();
            lastFailure = diagnosis.reason();
            if (diagnosis.permanent()) {
                if (!fail(diagnosis.reason(), attempt)) {
                    return null;
                }
                wait = options.permanentFailureRetry().orElseThrow();
            } else {
                StreamState waiting = health.everStreamed() ? StreamState.RECONNECTING : StreamState.CONNECTING;
                health.transition(waiting, "attempt " + attempt + " failed: " + diagnosis.reason(), attempt);
                wait = options.backoff().delay(attempt, ThreadLocalRandom.current().nextDouble());
                // The first failure of an outage says why, once; the attempts after it only at DEBUG.
                LOG.log(attempt == 1 ? Level.WARNING : Level.DEBUG, "stream ''{0}'': open attempt {1} failed: {2}; "
                        + "trying again with backoff", options.name(), attempt, diagnosis.reason());
            }
        }
        return null;
    }

    private String label() {
        return lastLabel.isEmpty() ? "" : " (" + lastLabel + ")";
    }

    /**
     * FAILED with this reason, logged once however often it repeats.
     *
     * @return true when the stream retries later ({@link GrabberOptions#permanentFailureRetry()})
     */
    private boolean fail(String reason, int attempt) {
        lastFailure = reason;
        Optional<Duration> retry = options.permanentFailureRetry();
        health.transition(StreamState.FAILED, reason + retry.map(d -> "; trying again every "
                + (d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms")).orElse(""), attempt);
        return retry.isPresent();
    }

    /** Waits {@code delay}; true when close() was called meanwhile. */
    private boolean closed(Duration delay) {
        try {
            return closeSignal.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Nobody but close() should stop this thread; keep the flag for whoever looks.
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** One attempt: the diagnoser's check, then the open, bounded by the open timeout; null when it failed. */
    private Capture openOnce() {
        Optional<Diagnosis> early;
        try {
            early = options.failureDiagnoser().beforeOpen();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream ''{0}'': failure diagnoser threw {1}", options.name(), e.toString());
            early = Optional.empty();
        }
        if (early.isPresent()) {
            preflightFailure = early.get();
            return null;
        }
        preflightFailure = null;
        PipelineToOpen pipeline = source.next();
        lastLabel = pipeline.label();
        Capture capture;
        try {
            capture = opener.open(pipeline, options.openTimeout().toNanos(), closeRequested::get);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (capture == null) {
            source.failed(opener.lastOpenTimedOut());
            return null;
        }
        source.opened();
        frames.connected(capture, pipeline);
        return capture;
    }

    private Diagnosis diagnose() {
        if (preflightFailure != null) {
            return preflightFailure;
        }
        try {
            return options.failureDiagnoser().diagnose();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream ''{0}'': failure diagnoser threw {1}", options.name(), e.toString());
            return Diagnosis.transientFailure("OpenCV could not open the pipeline (the diagnoser failed)");
        }
    }

    /**
     * Grabs until the stream stops delivering or close() is called.
     *
     * @return why the stream was lost, or null when close() was called
     */
    private Loss drain(Capture capture) {
        long readTimeoutNanos = options.readTimeout().toNanos();
        long lastFrame = System.nanoTime();       // the open delivered a frame (it prerolled)
        long failuresInARow = 0;
        while (!closeRequested.get()) {
            long token = frames.barrier();
            long grabStarted = System.nanoTime();
            boolean grabbed = capture.grab();
            long now = System.nanoTime();
            if (now - grabStarted >= Snapshot.WAITED_NANOS) {
                // It waited for this frame, so the frame is newer than every request made meanwhile:
                // those are due to it too, instead of waiting for the next frame (up to two intervals).
                // Read here, microseconds after the frame came, not after the work below.
                token = frames.barrier();
            }
            if (closeRequested.get()) {
                return null;
            }
            // OpenCV 4.10's GStreamer grab() returns TRUE, with no sample, when the read timeout
            // runs out (grabVideoFrame swaps in the empty pull result), and FALSE when the
            // pipeline ends or errors (a dropped connection, an rtspsrc timeout): silence as long as
            // the read timeout is a stall whatever grab() said; a false before that is a loss.
            long silent = now - lastFrame;
            if (silent >= readTimeoutNanos - STALL_MARGIN_NANOS) {
                String reason = "no frame for " + Duration.ofNanos(silent).toMillis() + " ms (read timeout "
                        + options.readTimeout().toMillis() + " ms)";
                health.transition(StreamState.STALLED, reason, 0);
                return new Loss("stalled: " + reason, false);
            }
            if (!grabbed) {
                return new Loss("the stream ended or its connection was lost (grab() returned no frame after "
                        + Duration.ofNanos(now - grabStarted).toMillis() + " ms)", false);
            }
            lastFrame = now;
            framesGrabbed++;
            lastGrabNanos = now;
            try {
                frames.grabbed(capture, token, grabStarted, now);
                failuresInARow = 0;
            } catch (RejectedConnection e) {
                return new Loss(e.getMessage(), true);
            } catch (RuntimeException e) {
                // One bad frame must not end the stream: its requests have failed, the next frame is served.
                frameFailures++;
                if (failuresInARow++ % FAILURE_LOG_EVERY == 0) {
                    LOG.log(Level.WARNING, "stream '" + options.name() + "': frame " + framesGrabbed
                            + " could not be handled (" + frameFailures + " so far); grabbing goes on", e);
                }
            }
        }
        return null;
    }
}
