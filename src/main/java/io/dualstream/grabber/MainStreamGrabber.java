package io.dualstream.grabber;

import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_HEIGHT;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_WIDTH;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_OPEN_TIMEOUT_MSEC;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_POS_MSEC;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_READ_TIMEOUT_MSEC;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * Drains a high-resolution camera stream continuously and hands out one full frame on request.
 *
 * <p>A background thread calls {@code VideoCapture.grab()} in a loop, which keeps only the newest
 * decoded frame in hand and costs no colour conversion or copy. Only when
 * {@link #takeSnapshot(Duration)} is called does that thread {@code retrieve()} the frame into one
 * reusable {@link Mat} and convert it into a new {@code Mat} that becomes the caller's own.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>A snapshot is always a frame that reached the grabber after the request was registered:
 *       either its {@code grab()} began after the request, or that {@code grab()} was still waiting
 *       for GStreamer's next frame when the request came (to within the microseconds between the
 *       frame's arrival and {@code grab()} returning). Never a frame that sat ready before the
 *       request. So a request waits at most one frame interval plus the conversion.</li>
 *   <li>No request is lost: every caller gets its frame, a {@link TimeoutException} naming the
 *       stream's state, or an {@link IllegalStateException} saying why the grabber stopped. A
 *       request made while the stream reconnects is served by the first frame after it is back.</li>
 *   <li>The stream recovers by itself: when {@code grab()} returns no frame (the read timeout ran
 *       out, the camera rebooted, the connection dropped), the grab thread releases the capture and
 *       reopens the same pipeline with capped exponential backoff, until it streams again or the
 *       {@link FailureDiagnoser} calls the failure permanent ({@link StreamState#FAILED}). Every
 *       change of {@link StreamState} is logged once, with its reason, and told to the
 *       {@link HealthListener}.</li>
 *   <li>The {@code VideoCapture} and the reusable {@code Mat} are owned by the grab thread alone
 *       and released and reopened by it after its last {@code grab()} has returned: neither
 *       {@link #close()} nor a reconnect ever frees native memory that another thread is using.</li>
 * </ul>
 *
 * <p>This class depends only on the JDK and OpenCV, so it can be embedded in any OpenCV Java code.
 * It needs an OpenCV whose videoio has GStreamer (built in, or as OpenCV's videoio plugin). It logs
 * through {@link System.Logger}.
 */
public final class MainStreamGrabber implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MainStreamGrabber.class.getName());
    private static final String CLOSED = "the grabber was closed";
    /** A grab() that waited this close to the read timeout timed out (the pull's timed wait never ends early). */
    private static final long STALL_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** Secret-bearing (rtspsrc's user-pw): handed to OpenCV only, never logged. */
    private final String pipeline;
    private final GrabberOptions options;
    private final Thread grabThread;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    /** Wakes the grab thread from a backoff wait when close() is called. */
    private final CountDownLatch closeSignal = new CountDownLatch(1);
    /** The capture opened by {@link #open}; handed to the grab thread by Thread.start(). */
    private VideoCapture firstCapture;

    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<PendingSnapshot> pending = new ArrayDeque<>();
    private final ArrayDeque<PendingSnapshot> pendingNearest = new ArrayDeque<>();
    private long nextTicket;
    private String stoppedReason;
    private StreamState state;
    private String stateReason = "";
    private long stateSinceNanos;
    private int stateAttempt;

    // Written by the grab thread only; read by anyone for statistics.
    private volatile int width;
    private volatile int height;
    private volatile long framesGrabbed;
    private volatile long lastGrabNanos;
    private volatile long retrievals;
    private volatile long retrieveBufferAddress;
    private volatile long reconnects;
    /** Why the last open was skipped by {@link FailureDiagnoser#beforeOpen()}; opening threads only. */
    private volatile Diagnosis preflightFailure;

    private MainStreamGrabber(String pipeline, GrabberOptions options) {
        this.pipeline = pipeline;
        this.options = options;
        this.grabThread = new Thread(this::grabLoop, "dualstream-grab-" + options.name());
        // Daemon: a forgotten grabber must not keep the JVM alive; close() is still the way out.
        this.grabThread.setDaemon(true);
    }

    /**
     * Opens the pipeline with OpenCV's GStreamer backend and starts grabbing. From then on the
     * grabber reconnects by itself (unless {@link GrabberOptions#reconnect()} is off). This first
     * open retries transient failures for up to the open timeout, and gives up at once on a
     * permanent one (wrong credentials, unknown host, wrong codec: see {@link FailureDiagnoser}).
     *
     * @param pipeline a GStreamer pipeline ending in an {@code appsink}; it may carry credentials,
     *                 so it is never logged — {@link GrabberOptions#name()} is used instead
     * @throws IOException when OpenCV cannot open the pipeline within the open timeout; the message
     *                     is the {@link FailureDiagnoser}'s reason
     */
    public static MainStreamGrabber open(String pipeline, GrabberOptions options) throws IOException {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(options, "options");
        MainStreamGrabber grabber = new MainStreamGrabber(pipeline, options);
        grabber.transition(StreamState.CONNECTING, "opening the pipeline", 0);
        VideoCapture capture = grabber.openFirst();
        grabber.adopt(capture);
        grabber.transition(StreamState.STREAMING, "opened, " + grabber.width + "x" + grabber.height, 0);
        grabber.firstCapture = capture;
        grabber.grabThread.start();
        return grabber;
    }

    /**
     * Returns a frame grabbed after this call began, as the caller's own copy.
     *
     * <p>Safe to call from many threads at once; each caller gets its own {@link Snapshot}, which it
     * must close. While the stream reconnects, the request waits for the first frame after it is
     * back.
     *
     * @throws TimeoutException      if no new frame arrived within {@code timeout}; the message
     *                               names the stream's state (e.g. RECONNECTING and why)
     * @throws IllegalStateException if the grabber is closed or its stream has failed or ended
     * @throws InterruptedException  if the calling thread is interrupted while waiting
     */
    public Snapshot takeSnapshot(Duration timeout) throws TimeoutException, InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        PendingSnapshot request = register();
        try {
            return request.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return giveUp(request, timeout);
        } catch (InterruptedException e) {
            abandon(request);
            throw e;   // the caller sees the interrupt as this exception, so the flag stays clear
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Asks for a frame grabbed after this call and returns at once: the future completes on the grab
     * thread with the caller's own {@link Snapshot}, or exceptionally with an
     * {@link IllegalStateException} when the grabber closes or its stream fails first. For a loop
     * that must not wait, such as a sub-stream detector. Whoever receives the snapshot closes it; if
     * the future is cancelled before it completes, the grabber frees the frame itself. The future has
     * no timeout of its own: while the stream reconnects it waits.
     *
     * @throws IllegalStateException if the grabber is closed or its stream has failed or ended
     */
    public CompletableFuture<Snapshot> requestSnapshot() {
        return register().result;
    }

    private PendingSnapshot register() {
        synchronized (lock) {
            if (stoppedReason != null) {
                throw new IllegalStateException("no snapshot from stream '" + options.name() + "': " + stoppedReason);
            }
            PendingSnapshot request = new PendingSnapshot(nextTicket++, System.nanoTime());
            pending.addLast(request);
            return request;
        }
    }

    /**
     * Asks for the kept frame that arrived closest to {@code targetNanos} (a {@link System#nanoTime()}
     * in the recent past, e.g. when the sub-stream frame that fired a trigger arrived, best taken from
     * a {@link StreamClock} of that stream), judged by each frame's steady arrival time
     * ({@link StreamClock}: arrival without the jitter of CPU load), out of the last
     * {@link GrabberOptions#preTriggerFrames()} frames and the first frame arriving after it. Unlike
     * {@link #requestSnapshot()}, the frame may be older than the request: that is the point. Returns
     * at once; the future completes on the grab thread with the caller's own BGR copy.
     *
     * @throws IllegalStateException if the grabber keeps no frames ({@code preTriggerFrames} is 0), is
     *                               closed or its stream has ended
     */
    public CompletableFuture<Snapshot> requestSnapshotNearest(long targetNanos) {
        if (options.preTriggerFrames() == 0) {
            throw new IllegalStateException("stream '" + options.name() + "' keeps no frames: set "
                    + "GrabberOptions.preTriggerFrames above 0, or use requestSnapshot()");
        }
        synchronized (lock) {
            if (stoppedReason != null) {
                throw new IllegalStateException("no snapshot from stream '" + options.name() + "': " + stoppedReason);
            }
            PendingSnapshot request = new PendingSnapshot(-1, System.nanoTime(), targetNanos);
            pendingNearest.addLast(request);
            return request.result;
        }
    }

    /** The stream's health now. */
    public StreamState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Frames grabbed so far, over all connections. */
    public long framesGrabbed() {
        return framesGrabbed;
    }

    /** How many times the stream was reopened successfully after a loss. */
    public long reconnects() {
        return reconnects;
    }

    /** Time since the last frame was grabbed, or empty before the first one. */
    public Optional<Duration> sinceLastFrame() {
        long last = lastGrabNanos;
        return framesGrabbed == 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(System.nanoTime() - last));
    }

    /** How many times a frame was retrieved (once per served frame, however many callers it served). */
    public long retrievals() {
        return retrievals;
    }

    /**
     * Native address of the reusable retrieve buffer after the last retrieve, 0 before the first.
     * Stays the same from one snapshot to the next while the frame size does: the proof that the
     * grabber reuses one {@code Mat} instead of allocating 36 MB per 12 MP snapshot.
     */
    public long retrieveBufferAddress() {
        return retrieveBufferAddress;
    }

    /** Frame width as negotiated by the pipeline on the current (or last) connection. */
    public int width() {
        return width;
    }

    /** Frame height as negotiated by the pipeline on the current (or last) connection. */
    public int height() {
        return height;
    }

    /** True until the grabber is closed or its stream failed for good; true while reconnecting. */
    public boolean isRunning() {
        synchronized (lock) {
            return stoppedReason == null;
        }
    }

    /**
     * Stops grabbing, waits for the grab thread to leave {@code grab()} (or a reopen) and lets it
     * release the capture. Pending snapshot requests fail with "closed". Safe to call twice and from
     * any thread, including a {@link HealthListener}.
     */
    @Override
    public void close() {
        if (!closeRequested.compareAndSet(false, true)) {
            return;
        }
        closeSignal.countDown();
        failPending(CLOSED);
        if (Thread.currentThread() == grabThread) {
            return;
        }
        try {
            grabThread.join(options.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (grabThread.isAlive()) {
            // Releasing here would free the capture under the grab thread's feet; it releases
            // itself as soon as grab() or the open returns, which the read and open timeouts bound.
            LOG.log(Level.WARNING, "stream ''{0}'': grab thread still inside grab() or a reopen after {1} ms; it "
                    + "releases the capture when that returns", options.name(), options.closeTimeout().toMillis());
        }
    }

    private void grabLoop() {
        VideoCapture capture = firstCapture;
        firstCapture = null;
        Mat frame = new Mat();
        FrameRing ring = options.preTriggerFrames() > 0 ? new FrameRing(options.preTriggerFrames()) : null;
        String reason = CLOSED;
        try {
            while (capture != null) {
                String lost = drain(capture, frame, ring);
                releaseCapture(capture);
                capture = null;
                if (lost == null) {
                    break;                       // close() was called
                }
                if (!options.reconnect()) {
                    reason = lost;
                    break;
                }
                capture = reconnect(lost);
                if (capture == null) {
                    synchronized (lock) {
                        reason = state == StreamState.FAILED ? "FAILED: " + stateReason : CLOSED;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            reason = "grab thread failed: " + e;
            LOG.log(Level.ERROR, "stream ''" + options.name() + "'': grab thread failed", e);
        } finally {
            stop(reason);
            frame.close();
            if (ring != null) {
                ring.close();
            }
            if (capture != null) {
                releaseCapture(capture);
            }
            LOG.log(Level.INFO, "stream ''{0}'' released after {1} frames and {2} reconnects ({3})", options.name(),
                    framesGrabbed, reconnects, reason);
        }
    }

    /**
     * Grabs until the stream stops delivering or close() is called.
     *
     * @return why the stream was lost, or null when close() was called
     */
    private String drain(VideoCapture capture, Mat frame, FrameRing ring) {
        long readTimeoutNanos = options.readTimeout().toNanos();
        long lastFrame = System.nanoTime();       // the open delivered a frame (it prerolled)
        StreamClock clock = new StreamClock();    // per connection: timestamps restart with the stream
        while (!closeRequested.get()) {
            long barrier;
            synchronized (lock) {
                barrier = nextTicket;
            }
            long grabStarted = System.nanoTime();
            boolean grabbed = capture.grab();
            long now = System.nanoTime();
            if (now - grabStarted >= Snapshot.WAITED_NANOS) {
                // It waited for this frame, so the frame is newer than every request made meanwhile:
                // serve those too, instead of making them wait for the next frame (up to two intervals).
                synchronized (lock) {
                    barrier = nextTicket;
                }
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
                transition(StreamState.STALLED, reason, 0);
                return "stalled: " + reason;
            }
            if (!grabbed) {
                return "the stream ended or its connection was lost (grab() returned no frame after "
                        + Duration.ofNanos(now - grabStarted).toMillis() + " ms)";
            }
            lastFrame = now;
            frameGrabbed(capture, frame, ring, clock, barrier, grabStarted, now);
        }
        return null;
    }

    /** The one place where a frame has just been grabbed: count it and serve the requests it is due to. */
    private void frameGrabbed(VideoCapture capture, Mat frame, FrameRing ring, StreamClock clock, long barrier,
                              long grabStarted, long grabbed) {
        framesGrabbed++;
        lastGrabNanos = grabbed;
        if (ring != null) {
            keep(capture, ring, clock, grabbed);
        }
        List<PendingSnapshot> due = takeDue(barrier);
        if (!due.isEmpty()) {
            serve(capture, frame, due, grabStarted, grabbed);
        }
    }

    /**
     * Reopens the pipeline until it streams, close() is called, or the diagnoser calls the failure
     * permanent.
     *
     * @return the new capture, or null (closed, or FAILED)
     */
    private VideoCapture reconnect(String lost) {
        long lostAt = System.nanoTime();
        transition(StreamState.RECONNECTING, lost, 0);
        for (int attempt = 1; !closeRequested.get(); attempt++) {
            Duration delay = options.backoff().delay(attempt, ThreadLocalRandom.current().nextDouble());
            try {
                if (closeSignal.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                // Nobody but close() should stop this thread; keep the flag for whoever looks.
                Thread.currentThread().interrupt();
                return null;
            }
            VideoCapture capture = openCapture();
            if (capture != null) {
                if (closeRequested.get()) {
                    releaseCapture(capture);
                    return null;
                }
                adopt(capture);
                reconnects++;
                transition(StreamState.STREAMING, "reconnected after " + attempt + " attempt(s) in "
                        + Duration.ofNanos(System.nanoTime() - lostAt).toMillis() + " ms, " + width + "x" + height,
                        attempt);
                return capture;
            }
            if (closeRequested.get()) {
                return null;
            }
            Diagnosis diagnosis = diagnose();
            if (diagnosis.permanent()) {
                transition(StreamState.FAILED, diagnosis.reason(), attempt);
                return null;
            }
            synchronized (lock) {
                stateAttempt = attempt;
                stateReason = "attempt " + attempt + " failed: " + diagnosis.reason();
            }
            LOG.log(Level.DEBUG, "stream ''{0}'': reconnect attempt {1} failed: {2}", options.name(), attempt,
                    diagnosis.reason());
        }
        return null;
    }

    /**
     * The first open: transient failures (a camera still booting, a server busy) are retried with
     * backoff for up to the open timeout; a permanent one ends it at once.
     */
    private VideoCapture openFirst() throws IOException {
        long deadline = System.nanoTime() + options.openTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            VideoCapture capture = openCapture();
            if (capture != null) {
                return capture;
            }
            Diagnosis diagnosis = diagnose();
            Duration delay = options.backoff().delay(attempt, ThreadLocalRandom.current().nextDouble());
            if (diagnosis.permanent() || System.nanoTime() + delay.toNanos() >= deadline) {
                transition(StreamState.FAILED, "first connection failed: " + diagnosis.reason(), attempt);
                throw new IOException("stream '" + options.name() + "' could not be opened: " + diagnosis.reason());
            }
            LOG.log(Level.DEBUG, "stream ''{0}'': open attempt {1} failed: {2}", options.name(), attempt,
                    diagnosis.reason());
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("stream '" + options.name() + "': interrupted while opening", e);
            }
        }
    }

    /**
     * Opens the pipeline, waiting at most the open timeout (see {@link BoundedOpen} for why on
     * another thread); null, with nothing left to release, when it did not open in time or close()
     * was called meanwhile.
     */
    private VideoCapture openCapture() {
        Optional<Diagnosis> early;
        try {
            early = options.failureDiagnoser().beforeOpen();
        } catch (RuntimeException e) {
            early = Optional.empty();
        }
        if (early.isPresent()) {
            preflightFailure = early.get();
            return null;
        }
        preflightFailure = null;
        int[] params = {
            CAP_PROP_OPEN_TIMEOUT_MSEC, (int) options.openTimeout().toMillis(),
            CAP_PROP_READ_TIMEOUT_MSEC, (int) options.readTimeout().toMillis(),
        };
        try {
            return BoundedOpen.open(pipeline, params, "dualstream-open-" + options.name(),
                    options.openTimeout().toNanos(), closeRequested::get);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void adopt(VideoCapture capture) {
        width = (int) capture.get(CAP_PROP_FRAME_WIDTH);
        height = (int) capture.get(CAP_PROP_FRAME_HEIGHT);
    }

    private Diagnosis diagnose() {
        if (preflightFailure != null) {
            return preflightFailure;
        }
        try {
            return options.failureDiagnoser().diagnose();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream ''{0}'': failure diagnoser threw {1}", options.name(),
                    e.getClass().getName());
            return Diagnosis.transientFailure("OpenCV could not open the pipeline (the diagnoser failed)");
        }
    }

    /** Records a state change, logs it once and tells the listener; a repeated state is no transition. */
    private void transition(StreamState next, String reason, int attempt) {
        HealthEvent event;
        synchronized (lock) {
            if (state == next) {
                return;
            }
            event = new HealthEvent(options.name(), state, next, reason, attempt, Instant.now());
            state = next;
            stateReason = reason;
            stateAttempt = attempt;
            stateSinceNanos = System.nanoTime();
        }
        Level level = switch (next) {
            case FAILED -> Level.ERROR;
            case STALLED, RECONNECTING -> Level.WARNING;
            default -> Level.INFO;
        };
        LOG.log(level, event.toString());
        try {
            options.healthListener().onTransition(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream ''" + options.name() + "'': health listener failed", e);
        }
    }

    /** "RECONNECTING for 3200 ms (attempt 4 failed: connection refused)", for messages. */
    private String describeState() {
        synchronized (lock) {
            return state + " for " + Duration.ofNanos(System.nanoTime() - stateSinceNanos).toMillis() + " ms ("
                    + stateReason + ")";
        }
    }

    /** Requests registered before the grab that just returned began; later ones wait for the next frame. */
    private List<PendingSnapshot> takeDue(long barrier) {
        synchronized (lock) {
            if (pending.isEmpty() || pending.peekFirst().ticket >= barrier) {
                return List.of();
            }
            List<PendingSnapshot> due = new ArrayList<>();
            while (!pending.isEmpty() && pending.peekFirst().ticket < barrier) {
                due.add(pending.pollFirst());
            }
            return due;
        }
    }

    private void serve(VideoCapture capture, Mat frame, List<PendingSnapshot> due, long grabStarted,
                       long grabbed) {
        if (!capture.retrieve(frame) || frame.empty()) {
            // Keep them for the next frame rather than fail: their own timeouts bound the wait.
            synchronized (lock) {
                for (int i = due.size() - 1; i >= 0; i--) {
                    pending.addFirst(due.get(i));
                }
            }
            LOG.log(Level.DEBUG, "stream ''{0}'': retrieve() gave no image for frame {1}", options.name(),
                    framesGrabbed);
            return;
        }
        retrievals++;
        retrieveBufferAddress = frame.data().address();
        Instant grabbedAt = Instant.now().minusNanos(System.nanoTime() - grabbed);
        // Make every copy before handing any out: a caller may close its snapshot at once.
        Mat converted = new Mat();
        if (options.colorConversion().isPresent()) {
            cvtColor(frame, converted, options.colorConversion().getAsInt());
        } else {
            frame.copyTo(converted);
        }
        List<Mat> copies = new ArrayList<>(due.size());
        copies.add(converted);
        for (int i = 1; i < due.size(); i++) {
            copies.add(converted.clone());
        }
        long delivered = System.nanoTime();
        for (int i = 0; i < due.size(); i++) {
            PendingSnapshot request = due.get(i);
            Snapshot snapshot = new Snapshot(copies.get(i), framesGrabbed, grabbedAt, grabStarted, grabbed,
                    request.requestedNanos, delivered);
            if (!request.result.complete(snapshot)) {
                snapshot.close();   // the caller gave up in the meantime
            }
        }
    }

    /**
     * Retrieves the frame just grabbed into the ring, then serves the nearest-frame requests whose
     * target is now behind the newest kept frame (a later frame could not be closer). Frames are
     * placed in time by their steady arrival ({@link StreamClock}), not by their jittery arrival.
     */
    private void keep(VideoCapture capture, FrameRing ring, StreamClock clock, long grabbed) {
        if (!capture.retrieve(ring.nextSlot()) || ring.nextSlot().empty()) {
            return;
        }
        long steady = clock.steadyArrival(grabbed, capture.get(CAP_PROP_POS_MSEC));
        ring.commit(framesGrabbed, grabbed, steady, Instant.now().minusNanos(System.nanoTime() - grabbed));
        List<PendingSnapshot> due = new ArrayList<>();
        synchronized (lock) {
            pendingNearest.removeIf(request -> request.targetNanos <= steady && due.add(request));
        }
        int conversion = options.colorConversion().orElse(-1);
        for (PendingSnapshot request : due) {
            int slot = ring.nearest(request.targetNanos).getAsInt();
            Snapshot snapshot = new Snapshot(ring.copyOut(slot, conversion), ring.frameNumber(slot),
                    ring.arrivedAt(slot), ring.arrivedNanos(slot), ring.arrivedNanos(slot), request.requestedNanos,
                    System.nanoTime());
            if (!request.result.complete(snapshot)) {
                snapshot.close();   // the caller gave up in the meantime
            }
        }
    }

    private Snapshot giveUp(PendingSnapshot request, Duration timeout) throws TimeoutException {
        abandon(request);
        if (request.result.isDone() && !request.result.isCancelled()) {
            try {
                return request.result.join();   // delivered just as the wait ran out
            } catch (CancellationException | java.util.concurrent.CompletionException e) {
                // fall through to the timeout below
            }
        }
        synchronized (lock) {
            if (stoppedReason != null) {
                throw new IllegalStateException("no snapshot from stream '" + options.name() + "': " + stoppedReason);
            }
        }
        throw new TimeoutException("no new frame from stream '" + options.name() + "' within " + timeout.toMillis()
                + " ms: stream " + describeState() + "; " + framesGrabbed + " frames grabbed so far, last one "
                + sinceLastFrame().map(d -> d.toMillis() + " ms ago").orElse("never"));
    }

    private void abandon(PendingSnapshot request) {
        synchronized (lock) {
            pending.remove(request);
        }
        request.result.cancel(false);
    }

    private void stop(String reason) {
        synchronized (lock) {
            if (stoppedReason == null) {
                stoppedReason = reason;
            }
        }
        failPending(reason);
    }

    private void failPending(String reason) {
        List<PendingSnapshot> failed;
        synchronized (lock) {
            if (stoppedReason == null) {
                stoppedReason = reason;
            }
            failed = new ArrayList<>(pending);
            pending.clear();
            failed.addAll(pendingNearest);
            pendingNearest.clear();
        }
        for (PendingSnapshot request : failed) {
            request.result.completeExceptionally(new IllegalStateException(
                    "no snapshot from stream '" + options.name() + "': " + reason));
        }
    }

    private static void releaseCapture(VideoCapture capture) {
        BoundedOpen.release(capture);
    }

    /** One caller waiting for a frame; its ticket orders it against the grab loop's barrier. */
    private static final class PendingSnapshot {
        final long ticket;
        final long requestedNanos;
        /** For nearest-frame requests: the moment the frame should be closest to. */
        final long targetNanos;
        final CompletableFuture<Snapshot> result = new CompletableFuture<>();

        PendingSnapshot(long ticket, long requestedNanos) {
            this(ticket, requestedNanos, Long.MIN_VALUE);
        }

        PendingSnapshot(long ticket, long requestedNanos, long targetNanos) {
            this.ticket = ticket;
            this.requestedNanos = requestedNanos;
            this.targetNanos = targetNanos;
        }
    }
}
