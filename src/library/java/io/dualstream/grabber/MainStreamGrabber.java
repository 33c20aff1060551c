package io.dualstream.grabber;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bytedeco.opencv.opencv_core.Mat;

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
 *       reopens the pipeline with capped exponential backoff, until it streams again or the
 *       {@link FailureDiagnoser} calls the failure permanent ({@link StreamState#FAILED}; with
 *       {@link GrabberOptions#permanentFailureRetry()} it keeps trying at that slow pace). Every
 *       change of {@link StreamState} is logged once, with its reason, and told to the
 *       {@link HealthListener}.</li>
 *   <li>A failure while serving one frame (a conversion that throws, say) fails only the requests
 *       that frame was due to; grabbing goes on.</li>
 *   <li>The {@code VideoCapture} and the reusable {@code Mat} are owned by the grab thread alone
 *       (the connection, health and backoff engine is {@link StreamLoop}, shared with
 *       {@link SubStreamReader})
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

    private final GrabberOptions options;
    private final SnapshotRequests requests;
    private final StreamLoop loop;

    // Grab thread only.
    private final Mat frame = new Mat();
    private final FrameRing ring;
    private StreamClock clock = new StreamClock();
    private int conversion = -1;
    private boolean checkConversion;

    // Written by the grab thread only; read by anyone for statistics.
    private volatile long retrievals;
    private volatile long retrieveBufferAddress;

    private MainStreamGrabber(PipelineSource source, GrabberOptions options, CaptureOpener opener) {
        this.options = options;
        this.requests = new SnapshotRequests(options.name());
        this.ring = options.preTriggerFrames() > 0 ? new FrameRing(options.preTriggerFrames()) : null;
        StreamLoop.Frames frames = new Frames();
        this.loop = opener == null ? new StreamLoop(source, options, frames, "dualstream-grab-")
                : new StreamLoop(source, options, frames, "dualstream-grab-", opener);
    }

    /**
     * Opens a camera's RTSP stream with every default and returns once the first frame came:
     * {@code MainStreamGrabber.open("rtsp://user:pass@host:554/main")}. The codec and the RTP
     * transport are asked from the camera, the decoder is the best this machine's GStreamer has
     * (NVDEC first), frames are handed out in BGR, and the stream reconnects by itself. Makes
     * GStreamer available to OpenCV first if nobody did ({@link GStreamer#ensureAvailable()}).
     *
     * @param rtspUrl the camera's {@code rtsp://} URL; user and password may be in it
     *                (percent-encoded where they hold {@code @ : /}); they are never logged
     * @return a running grabber, the caller's to {@link #close()}
     * @throws IOException                    when the stream did not stream within the open timeout
     *                                        (10 s), or failed for good (wrong password, no such
     *                                        path, unknown host): the message says which
     * @throws IllegalArgumentException       when {@code rtspUrl} is not an RTSP URL
     * @throws GStreamerUnavailableException  when OpenCV cannot use GStreamer here, with the fix
     */
    public static MainStreamGrabber open(String rtspUrl) throws IOException {
        return open(rtspUrl, null);
    }

    /**
     * {@link #open(String)} with options: name, timeouts, pre-trigger frames, reconnect and backoff,
     * health listener. The camera decides the pipeline, so {@link GrabberOptions#colorConversion()}
     * is not used (frames are BGR).
     *
     * @param rtspUrl the camera's {@code rtsp://} URL, as for {@link #open(String)}; never logged
     * @param options the options, or null for the defaults (the name is then the camera's host and port)
     * @return a running grabber, the caller's to {@link #close()}
     * @throws IOException                    as {@link #open(String)}
     * @throws IllegalArgumentException       when {@code rtspUrl} is not an RTSP URL
     * @throws GStreamerUnavailableException  when OpenCV cannot use GStreamer here, with the fix
     */
    public static MainStreamGrabber open(String rtspUrl, GrabberOptions options) throws IOException {
        Objects.requireNonNull(rtspUrl, "rtspUrl");
        GStreamer.ensureAvailable();
        UrlStream stream = UrlStream.prepare(rtspUrl, options);
        return open(stream.source(), stream.options());
    }

    /**
     * Opens a GStreamer pipeline of the caller's own with OpenCV's GStreamer backend and starts
     * grabbing; returns once the first frame came. From then on the grabber reconnects by itself
     * (unless {@link GrabberOptions#reconnect()} is off). This first open retries transient failures
     * for up to the open timeout, and gives up at once on a permanent one (see
     * {@link FailureDiagnoser}).
     *
     * @param pipeline a GStreamer pipeline ending in an {@code appsink}; it may carry credentials,
     *                 so it is never logged ({@link GrabberOptions#name()} is used instead). Its
     *                 frames are converted with {@link GrabberOptions#colorConversion()}
     * @param options  the grabber's options
     * @return a running grabber, the caller's to {@link #close()}
     * @throws IOException when the stream did not stream within the open timeout, or failed for good;
     *                     the message is the {@link FailureDiagnoser}'s reason
     * @throws GStreamerUnavailableException when OpenCV cannot use GStreamer here, with the fix
     */
    public static MainStreamGrabber openPipeline(String pipeline, GrabberOptions options) throws IOException {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(options, "options");
        return open(PipelineSource.of(pipeline, options.colorConversion().orElse(-1)), options);
    }

    /**
     * {@link #openPipeline(String, GrabberOptions)} with the pipeline (and its conversion) chosen per
     * attempt by {@code source}; {@link GrabberOptions#colorConversion()} is not used.
     *
     * @param source  the pipeline of each open attempt
     * @param options the grabber's options
     * @return a running grabber, the caller's to {@link #close()}
     * @throws IOException as {@link #openPipeline(String, GrabberOptions)}
     */
    public static MainStreamGrabber open(PipelineSource source, GrabberOptions options) throws IOException {
        return open(source, options, null);
    }

    /** With another opener: tests script the connections. */
    static MainStreamGrabber open(PipelineSource source, GrabberOptions options, CaptureOpener opener)
            throws IOException {
        MainStreamGrabber grabber = start(source, options, opener);
        String failure;
        try {
            failure = grabber.loop.awaitFirstConnection(options.openTimeout());
        } catch (InterruptedException e) {
            grabber.close();
            Thread.currentThread().interrupt();
            throw new IOException("stream '" + options.name() + "': interrupted while opening", e);
        }
        if (failure != null) {
            grabber.close();
            throw new IOException("stream '" + options.name() + "' could not be opened: " + failure);
        }
        return grabber;
    }

    /**
     * Starts grabbing and returns at once, before the stream is up: for services that must come up
     * while a camera is still off. Requests wait for the first frame like a reconnect;
     * {@link #state()} and the {@link HealthListener} tell how it goes. Never fails by itself unless
     * the options say so (no {@link GrabberOptions#permanentFailureRetry()}: a permanent failure
     * ends it).
     *
     * @param source  the pipeline of each open attempt, called on the grab thread only
     * @param options the grabber's options
     * @return a grabber already running (state {@link StreamState#CONNECTING}), the caller's to
     *     {@link #close()}
     * @throws GStreamerUnavailableException when OpenCV cannot use GStreamer here, with the fix
     */
    public static MainStreamGrabber start(PipelineSource source, GrabberOptions options) {
        return start(source, options, null);
    }

    /** With another opener: tests script the connections. */
    static MainStreamGrabber start(PipelineSource source, GrabberOptions options, CaptureOpener opener) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        if (opener == null) {
            GStreamer.ensureAvailable();   // real captures: OpenCV must have GStreamer before the first open
        }
        MainStreamGrabber grabber = new MainStreamGrabber(source, options, opener);
        grabber.loop.start();
        return grabber;
    }

    /**
     * Returns a frame grabbed after this call began, as the caller's own copy.
     *
     * <p>Safe to call from many threads at once; each caller gets its own {@link Snapshot}, which it
     * must close. While the stream reconnects, the request waits for the first frame after it is
     * back.
     *
     * @param timeout how long to wait for the frame
     * @return a new {@link Snapshot}, the caller's own: its {@code Mat} is a copy the grabber never
     *     touches again, valid on any thread until the caller closes the snapshot (try-with-resources)
     * @throws TimeoutException      if no new frame arrived within {@code timeout}; the message
     *                               names the stream's state (e.g. RECONNECTING and why)
     * @throws IllegalStateException if the grabber is closed or its stream has failed or ended, or
     *                               serving the frame failed (the message says why)
     * @throws InterruptedException  if the calling thread is interrupted while waiting
     */
    public Snapshot takeSnapshot(Duration timeout) throws TimeoutException, InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        SnapshotRequests.Request request = requests.register();
        try {
            return request.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return giveUp(request, timeout);
        } catch (InterruptedException e) {
            requests.abandon(request);
            throw e;   // the caller sees the interrupt as this exception, so the flag stays clear
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Asks for a frame grabbed after this call and returns at once: the future completes on the grab
     * thread with the caller's own {@link Snapshot}, or exceptionally with an
     * {@link IllegalStateException} when the grabber closes, its stream fails first, or serving that
     * frame failed. For a loop that must not wait, such as a sub-stream detector. Whoever receives
     * the snapshot closes it; if the future is cancelled before it completes, the grabber frees the
     * frame itself. The future has no timeout of its own: while the stream reconnects it waits.
     *
     * @return a new future, the caller's; its {@link Snapshot} is a copy owned by whoever takes it
     *     from the future, to close. Stages chained without an executor run on the grab thread and
     *     delay grabbing: keep them short, or use the {@code ...Async} variants
     * @throws IllegalStateException if the grabber is closed or its stream has failed or ended
     */
    public CompletableFuture<Snapshot> requestSnapshot() {
        return requests.register().result;
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
     * @param targetNanos the moment wanted, a {@link System#nanoTime()} reading of this JVM
     * @return a new future, the caller's; its {@link Snapshot} holds a copy of the kept frame (the
     *     ring's own {@code Mat} never leaves the grab thread), owned by whoever takes it, to close.
     *     Stages chained without an executor run on the grab thread: keep them short
     * @throws IllegalStateException if the grabber keeps no frames ({@code preTriggerFrames} is 0), is
     *                               closed or its stream has ended
     */
    public CompletableFuture<Snapshot> requestSnapshotNearest(long targetNanos) {
        if (ring == null) {
            throw new IllegalStateException("stream '" + options.name() + "' keeps no frames: set "
                    + "GrabberOptions.preTriggerFrames above 0, or use requestSnapshot()");
        }
        return requests.registerNearest(targetNanos).result;
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
     * Frames grabbed so far, over all connections.
     *
     * @return the count, retrieved or not; never decreases
     */
    public long framesGrabbed() {
        return loop.framesGrabbed();
    }

    /**
     * How many times the stream was reopened successfully after a loss.
     *
     * @return the count; the same as {@code health().reconnects()}
     */
    public long reconnects() {
        return loop.health().summary().reconnects();
    }

    /**
     * Frames whose serving failed (their requests failed; grabbing went on).
     *
     * @return the count over the grabber's life
     */
    public long frameFailures() {
        return loop.frameFailures();
    }

    /**
     * Time since the last frame was grabbed, or empty before the first one.
     *
     * @return the time since the last {@code grab()} that returned a frame, or empty before the first
     */
    public Optional<Duration> sinceLastFrame() {
        long last = loop.lastGrabNanos();
        return loop.framesGrabbed() == 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(System.nanoTime() - last));
    }

    /**
     * How many times a frame was retrieved (once per served frame, however many callers it served).
     *
     * @return the count of snapshot retrieves; frames kept for pre-trigger snapshots are not counted
     */
    public long retrievals() {
        return retrievals;
    }

    /**
     * Native address of the reusable retrieve buffer after the last retrieve, 0 before the first.
     * Stays the same from one snapshot to the next while the frame size does: the proof that the
     * grabber reuses one {@code Mat} instead of allocating 36 MB per 12 MP snapshot.
     *
     * @return the address, to compare only: that buffer belongs to the grab thread, never access it
     */
    public long retrieveBufferAddress() {
        return retrieveBufferAddress;
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
     * True until the grabber is closed or its stream failed for good; true while reconnecting.
     *
     * @return whether new snapshot requests are still accepted
     */
    public boolean isRunning() {
        return requests.stoppedReason() == null;
    }

    /**
     * Stops grabbing, waits for the grab thread to leave {@code grab()} (or a reopen) and lets it
     * release the capture. Pending snapshot requests fail with "closed". Safe to call twice and from
     * any thread, including a {@link HealthListener}.
     */
    @Override
    public void close() {
        requests.failAll(StreamLoop.CLOSED);
        loop.close();
    }

    /** The grab thread's part: serve the requests each frame is due to, keep the ring. */
    private final class Frames implements StreamLoop.Frames {
        @Override
        public void connected(Capture capture, PipelineToOpen pipeline) {
            clock = new StreamClock();    // per connection: timestamps restart with the stream
            conversion = pipeline.colorConversion();
            checkConversion = true;
            if (ring != null) {
                ring.clear();             // frames of the last connection are not "nearest" to anything new
            }
        }

        @Override
        public long barrier() {
            return requests.barrier();
        }

        @Override
        public void grabbed(Capture capture, long barrier, long grabStarted, long grabbed) {
            if (checkConversion) {
                checkConversion(capture);
            }
            if (ring != null) {
                keep(capture, grabbed);
            }
            List<SnapshotRequests.Request> due = requests.takeDue(barrier);
            if (!due.isEmpty()) {
                serve(capture, due, grabStarted, grabbed);
            }
        }

        @Override
        public void ended(String reason) {
            requests.failAll(reason);
            frame.close();
            if (ring != null) {
                ring.close();
            }
        }
    }

    /** The first frame of a connection: does the conversion fit what this pipeline delivers? */
    private void checkConversion(Capture capture) {
        checkConversion = false;
        if (conversion < 0 || !capture.retrieve(frame) || frame.empty()) {
            return;
        }
        try (Mat trial = new Mat()) {
            ColorConversions.convert(frame, trial, conversion);
        } catch (IllegalStateException e) {
            throw new StreamLoop.RejectedConnection(e.getMessage() + ": fix the colour conversion", e);
        }
    }

    private void serve(Capture capture, List<SnapshotRequests.Request> due, long grabStarted, long grabbed) {
        List<Mat> copies = new ArrayList<>(due.size());
        try {
            if (!capture.retrieve(frame) || frame.empty()) {
                // Keep them for the next frame rather than fail: their own timeouts bound the wait.
                requests.putBack(due);
                LOG.log(Level.DEBUG, "stream ''{0}'': retrieve() gave no image for frame {1}", options.name(),
                        loop.framesGrabbed());
                return;
            }
            retrievals++;
            retrieveBufferAddress = frame.data().address();
            Instant grabbedAt = Instant.now().minusNanos(System.nanoTime() - grabbed);
            // Make every copy before handing any out: a caller may close its snapshot at once.
            Mat converted = new Mat();
            copies.add(converted);
            ColorConversions.convert(frame, converted, conversion);
            for (int i = 1; i < due.size(); i++) {
                copies.add(converted.clone());
            }
            long delivered = System.nanoTime();
            for (int i = 0; i < due.size(); i++) {
                SnapshotRequests.Request request = due.get(i);
                Snapshot snapshot = new Snapshot(copies.get(i), loop.framesGrabbed(), grabbedAt, grabStarted,
                        grabbed, request.requestedNanos, delivered);
                if (!request.result.complete(snapshot)) {
                    snapshot.close();   // the caller gave up in the meantime
                }
            }
        } catch (RuntimeException e) {
            copies.forEach(Mat::close);
            requests.fail(due, "serving frame " + loop.framesGrabbed() + " failed: " + e.getMessage());
            throw e;
        }
    }

    /**
     * Retrieves the frame just grabbed into the ring, then serves the nearest-frame requests whose
     * target is now behind the newest kept frame (a later frame could not be closer). Frames are
     * placed in time by their steady arrival ({@link StreamClock}), not by their jittery arrival.
     */
    private void keep(Capture capture, long grabbed) {
        if (!capture.retrieve(ring.nextSlot()) || ring.nextSlot().empty()) {
            return;
        }
        long steady = clock.steadyArrival(grabbed, capture.positionMillis());
        ring.commit(loop.framesGrabbed(), grabbed, steady, Instant.now().minusNanos(System.nanoTime() - grabbed));
        List<SnapshotRequests.Request> due = requests.takeNearestDue(steady);
        for (int i = 0; i < due.size(); i++) {
            SnapshotRequests.Request request = due.get(i);
            try {
                int slot = ring.nearest(request.targetNanos).getAsInt();
                Snapshot snapshot = new Snapshot(ring.copyOut(slot, conversion), ring.frameNumber(slot),
                        ring.arrivedAt(slot), ring.arrivedNanos(slot), ring.arrivedNanos(slot),
                        request.requestedNanos, System.nanoTime());
                if (!request.result.complete(snapshot)) {
                    snapshot.close();   // the caller gave up in the meantime
                }
            } catch (RuntimeException e) {
                requests.fail(due.subList(i, due.size()), "serving a kept frame failed: " + e.getMessage());
                throw e;
            }
        }
    }

    private Snapshot giveUp(SnapshotRequests.Request request, Duration timeout) throws TimeoutException {
        requests.abandon(request);
        if (request.result.isDone() && !request.result.isCancelled()) {
            try {
                return request.result.join();   // delivered just as the wait ran out
            } catch (CancellationException | CompletionException e) {
                if (e.getCause() instanceof IllegalStateException failed) {
                    throw failed;
                }
            }
        }
        String stopped = requests.stoppedReason();
        if (stopped != null) {
            throw new IllegalStateException("no snapshot from stream '" + options.name() + "': " + stopped);
        }
        throw new TimeoutException("no new frame from stream '" + options.name() + "' within " + timeout.toMillis()
                + " ms: stream " + loop.health().describe() + "; " + loop.framesGrabbed()
                + " frames grabbed so far, last one "
                + sinceLastFrame().map(d -> d.toMillis() + " ms ago").orElse("never"));
    }
}
