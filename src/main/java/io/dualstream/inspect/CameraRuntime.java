package io.dualstream.inspect;

import io.dualstream.grabber.HealthListener;
import io.dualstream.grabber.HealthSummary;
import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.Snapshot;
import io.dualstream.grabber.StreamState;
import io.dualstream.grabber.SubStreamReader;
import io.dualstream.inspect.output.SnapshotRecord;
import io.dualstream.inspect.output.SnapshotWriter;
import io.dualstream.inspect.output.StreamStats;
import io.dualstream.inspect.output.TriggerEvent;
import io.dualstream.inspect.track.CentroidTracker;
import io.dualstream.inspect.track.Crossing;
import io.dualstream.inspect.track.LineCrossingTrigger;
import io.dualstream.inspect.track.Track;
import io.dualstream.internal.stream.PreparedStream;
import io.dualstream.internal.stream.StreamOpener;
import io.dualstream.internal.stream.StreamOutput;
import io.dualstream.internal.stream.StreamSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One camera: the sub-stream reader hands every frame to detector → tracker → trigger on its own
 * thread; each crossing, and each external trigger (HTTP, MQTT, on their threads), goes through
 * {@link #snapshot} — one path — which asks the main-stream grabber for a frame and hands the pending
 * snapshot to the writer, without waiting for it. Both streams connect in the background and
 * reconnect by themselves for as long as the camera runs (a camera that is off when the station starts
 * is picked up when it comes on); only {@link #stop()} ends it. The reader's thread owns the detector,
 * the tracker and the preview and closes them itself when it stops; the grabber's thread owns the
 * main stream.
 */
final class CameraRuntime {
    private static final Logger LOG = LogManager.getLogger(CameraRuntime.class);
    static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(5);
    /** An external trigger's time may be a little ahead of ours (clocks differ); more is a mistake. */
    static final Duration MAX_FUTURE_TRIGGER_TIME = Duration.ofSeconds(2);

    private final CameraSettings settings;
    private final MainStreamGrabber main;
    private final SnapshotWriter writer;
    private final RateMeter subRate = new RateMeter();
    private final RateMeter mainRate = new RateMeter();
    private final AtomicInteger triggers = new AtomicInteger();
    private final AtomicLongArray triggersBySource = new AtomicLongArray(TriggerSource.values().length);
    private SubStreamReader sub;
    private volatile long subFrames;
    private volatile boolean stopping;
    private volatile String stopReason = "running";

    private CameraRuntime(CameraSettings settings, MainStreamGrabber main, InspectionEvents events) {
        this.settings = settings;
        this.main = main;
        this.writer = new SnapshotWriter(settings.name(), settings.output(), events);
    }

    /**
     * Starts both streams (main first, so it is grabbing before the first trigger). Returns at once:
     * the streams connect in the background.
     *
     * @throws io.dualstream.internal.pipeline.MissingElementException when this machine lacks an element
     * @throws io.dualstream.inspect.preview.PreviewUnavailableException when a preview is asked for
     *     and there is no display
     */
    static CameraRuntime start(CameraSettings settings, StreamOpener opener, InspectionOptions options) {
        PreparedStream mainStream = opener.prepare(StreamSettings.of(settings.name() + "-main", settings.main()),
                StreamOutput.DECODER_FORMAT);
        PreparedStream subStream = opener.prepare(StreamSettings.of(settings.name() + "-sub", settings.sub()),
                StreamOutput.BGR);
        LOG.info("camera '{}': main {}; sub {}; pre-trigger frames {}; trigger sources {}", settings.name(),
                mainStream.description(), subStream.description(), settings.preTriggerFrames(),
                settings.triggerSources());
        mainStream.options().preTriggerFrames(settings.preTriggerFrames())
                .permanentFailureRetry(options.permanentFailureRetry())
                .healthListener(forward(settings.name(), "main", options.events()));
        subStream.options().permanentFailureRetry(options.permanentFailureRetry())
                .healthListener(forward(settings.name(), "sub", options.events()));
        // A camera triggered from outside only runs no detection: the sub stream is read for health and preview.
        Detector detector = settings.triggerSources().detector() ? options.detectors().create(settings) : null;
        Preview preview;
        try {
            preview = options.preview() ? Preview.open(settings) : Preview.NONE;
        } catch (RuntimeException e) {
            if (detector != null) {
                detector.close();
            }
            throw e;
        }
        CameraRuntime camera = new CameraRuntime(settings, mainStream.startGrabber(), options.events());
        camera.sub = subStream.startReader(camera.new Inspection(detector, preview));
        return camera;
    }

    /** Health changes go to the station as they happen (the stream's thread; the station only queues them). */
    private static HealthListener forward(String camera, String stream, InspectionEvents events) {
        return event -> events.healthChanged(camera, stream, event);
    }

    /**
     * The sub stream's every frame, on the reader's thread: detect, track, fire. Owns the detector,
     * tracker and preview, and closes them when the reader stops.
     */
    private final class Inspection implements SubStreamReader.FrameConsumer {
        private final Detector detector;
        private final Preview preview;
        private final LineCrossingTrigger trigger;
        private CentroidTracker tracker;
        private int trackerWidth;
        private int trackerHeight;

        /** @param detector null when the camera takes external triggers only */
        Inspection(Detector detector, Preview preview) {
            this.detector = detector;
            this.preview = preview;
            this.trigger = detector != null ? new LineCrossingTrigger(settings.trigger()) : null;
        }

        @Override
        public void onFrame(Mat frame, long frameNumber, long arrived, long steady) {
            subFrames = frameNumber;
            subRate.record(arrived);
            List<Track> tracks = detector != null ? detect(frame, arrived, steady) : List.of();
            if (preview != Preview.NONE) {   // stats and staleness are built for a preview only: nothing per frame
                preview.offer(frame, tracks, stats(), main.sinceLastFrame().orElse(null));
            }
        }

        private List<Track> detect(Mat frame, long arrived, long steady) {
            if (tracker == null || frame.cols() != trackerWidth || frame.rows() != trackerHeight) {
                // First frame, or the camera came back with another resolution: distances scale with it.
                double diagonal = Math.hypot(frame.cols(), frame.rows());
                tracker = new CentroidTracker(settings.detector().maxMatchDistance() * diagonal,
                        settings.detector().maxMissedFrames());
                trackerWidth = frame.cols();
                trackerHeight = frame.rows();
            }
            List<Track> tracks = tracker.update(detector.detect(frame, arrived));
            for (Crossing crossing : trigger.update(tracks, frame.cols(), frame.rows())) {
                fire(crossing, frame, arrived, steady);
            }
            return tracks;
        }

        @Override
        public void onStopped(String reason) {
            try {
                preview.close();
            } finally {
                if (detector != null) {
                    detector.close();
                }
            }
        }
    }

    /** A line crossing, on the reader's thread. */
    private void fire(Crossing crossing, Mat frame, long arrived, long steady) {
        // Wall-clock time of the frame's arrival, made only when it fires (not for every frame).
        Instant arrivedAt = Instant.now().minusNanos(System.nanoTime() - arrived);
        int sequence = triggers.incrementAndGet();
        TriggerEvent event = new TriggerEvent(settings.name(), sequence, TriggerSource.DETECTOR, Optional.empty(),
                arrived, arrivedAt, Optional.empty(), Optional.of(new TriggerEvent.DetectorHit(crossing.trackId(),
                crossing.box(), frame.cols(), frame.rows(), subFrames)));
        LOG.info("camera '{}': trigger {}: object {} crossed the line at {} in sub frame {}", settings.name(), sequence,
                crossing.trackId(), crossing.box(), subFrames);
        snapshot(event, settings.preTriggerFrames() > 0
                ? OptionalLong.of(steady + settings.mainStreamDelay().toNanos()) : OptionalLong.empty());
    }

    /**
     * An external trigger (HTTP, MQTT), on the caller's thread. With a ring, the main frame nearest the
     * trigger's moment (plus the main stream's delay) when the ring still holds that moment; else the
     * next frame.
     *
     * @throws TriggerRefusedException when the camera takes no external triggers, is stopping, or the
     *     trigger's time is in the future
     */
    TriggerReceipt trigger(ExternalTrigger external) {
        if (!settings.triggerSources().external()) {
            throw new TriggerRefusedException(TriggerRefusedException.Reason.NOT_ACCEPTED, "camera '"
                    + settings.name() + "' takes detector triggers only: add external to its trigger-sources");
        }
        if (stopping) {
            throw new TriggerRefusedException(TriggerRefusedException.Reason.STOPPED, "camera '" + settings.name()
                    + "' is stopping");
        }
        long now = System.nanoTime();
        Instant wallNow = Instant.now();
        long momentNanos;
        Instant moment;
        if (external.time().isPresent()) {
            moment = external.time().get();
            Duration ago = Duration.between(moment, wallNow);
            if (ago.compareTo(MAX_FUTURE_TRIGGER_TIME.negated()) < 0) {
                throw new TriggerRefusedException(TriggerRefusedException.Reason.INVALID, "trigger time " + moment
                        + " is " + ago.negated().toMillis() + " ms ahead of this station's clock: synchronise the "
                        + "clocks (NTP), or leave the time out");
            }
            momentNanos = now - ago.toNanos();
        } else {
            momentNanos = external.receivedAt();
            moment = wallNow.minusNanos(now - momentNanos);
        }
        int sequence = triggers.incrementAndGet();
        TriggerEvent event = new TriggerEvent(settings.name(), sequence, external.source(), external.id(), momentNanos,
                moment, external.time(), Optional.empty());
        long target = momentNanos + settings.mainStreamDelay().toNanos();
        boolean inRing = ringHolds(target, now);
        LOG.info("camera '{}': trigger {}: {}{}{}", settings.name(), sequence, external.source().label(),
                external.id().map(id -> " id " + id).orElse(""), external.time().isEmpty() ? ""
                        : " for " + moment + (inRing ? ", from the ring" : ", the ring no longer holds it: next frame"));
        CompletableFuture<SnapshotRecord> written = snapshot(event, inRing ? OptionalLong.of(target)
                : OptionalLong.empty());
        return new TriggerReceipt(settings.name(), sequence, SnapshotWriter.baseName(event), written);
    }

    /**
     * Whether the ring still holds a frame of {@code target}: its K frames span about K − 1 frame
     * intervals back from now, plus half an interval. Unknown while the main stream's rate is not measured.
     */
    private boolean ringHolds(long target, long now) {
        int kept = settings.preTriggerFrames();
        double fps = stats().mainFps();
        if (kept == 0 || fps <= 0) {
            return false;
        }
        double intervalNanos = 1e9 / fps;
        return now - target <= (kept - 0.5) * intervalNanos;
    }

    /**
     * The one path from a trigger to its files, whatever fired it.
     *
     * @param nearest the moment for the pre-trigger ring; empty: the next frame
     */
    private CompletableFuture<SnapshotRecord> snapshot(TriggerEvent event, OptionalLong nearest) {
        triggersBySource.incrementAndGet(event.source().ordinal());
        CompletableFuture<Snapshot> pending;
        String mode;
        try {
            if (nearest.isPresent()) {
                pending = main.requestSnapshotNearest(nearest.getAsLong());
                mode = "pre-trigger-ring";
            } else {
                pending = main.requestSnapshot();
                mode = "next-frame";
            }
        } catch (IllegalStateException e) {
            pending = CompletableFuture.failedFuture(e);
            mode = "none";
        }
        return writer.saveWhenReady(pending, event, mode, this::stats, SNAPSHOT_TIMEOUT);
    }

    StreamStats stats() {
        long now = System.nanoTime();
        mainRate.observeTotal(main.framesGrabbed(), now);
        return new StreamStats(subFrames, subRate.perSecond(), main.framesGrabbed(), mainRate.perSecond(),
                main.width(), main.height(), triggers.get());
    }

    /** Health now: both streams, triggers by source, snapshots. Any thread; not on a per-frame path. */
    CameraStatus status() {
        StreamStats stats = stats();
        Instant now = Instant.now();
        HealthSummary mainHealth = main.health();
        HealthSummary subHealth = sub.health();
        CameraStatus.StreamStatus mainStatus = stream(mainHealth, main.sinceLastFrame(), stats.mainFps(),
                main.framesGrabbed(), now);
        CameraStatus.StreamStatus subStatus = stream(subHealth, sub.sinceLastFrame(), stats.subFps(),
                sub.framesRead(), now);
        CameraStatus.StreamStatus worse = severity(subStatus.state()) > severity(mainStatus.state()) ? subStatus
                : mainStatus;
        Map<String, Long> bySource = new LinkedHashMap<>();
        for (TriggerSource source : TriggerSource.values()) {
            bySource.put(source.label(), triggersBySource.get(source.ordinal()));
        }
        SnapshotRecord last = writer.last();
        return new CameraStatus(settings.name(), worse.state(), worse.since(), mainStatus, subStatus,
                settings.triggerSources().toString(), bySource, writer.saved(), writer.failed(),
                last == null ? null : last.image());
    }

    private static CameraStatus.StreamStatus stream(HealthSummary health, Optional<Duration> sinceLastFrame,
                                                    double fps, long frames, Instant now) {
        // A rate measured before the stream stopped is not its rate now.
        boolean fresh = sinceLastFrame.isPresent() && sinceLastFrame.get().toMillis() < 1500;
        return new CameraStatus.StreamStatus(health.state(), health.reason(), now.minus(health.since()).toString(),
                sinceLastFrame.map(Duration::toMillis).orElse(null), fresh ? Math.round(fps * 100) / 100.0 : 0,
                frames, health.outages(), health.outageTime().toMillis() / 1000.0, health.reconnects());
    }

    /** Which state is worse, for a camera's one state: failed, then lost, then not yet there. */
    private static int severity(StreamState state) {
        return switch (state) {
            case STREAMING -> 0;
            case CONNECTING -> 1;
            case STALLED -> 2;
            case RECONNECTING -> 3;
            case FAILED -> 4;
        };
    }

    /** The folder this camera's snapshots go to. */
    java.nio.file.Path folder() {
        return writer.folder();
    }

    /** The last snapshot saved, or null. */
    SnapshotRecord lastSnapshot() {
        return writer.last();
    }

    /**
     * Stops the camera in order: no new triggers (the reader stops and closes the detector, external
     * triggers are refused), then the grabber completes or fails the snapshots asked for, then the
     * writer finishes what it has. Waits at most the streams' close timeouts plus the writer's drain.
     * Any thread.
     */
    void stop() {
        stopping = true;
        try {
            sub.close();
        } finally {
            try {
                main.close();
            } finally {
                writer.close();
                stopReason = "stopped on request";
                LOG.info("camera '{}' stopped: {}", settings.name(), report().describe());
            }
        }
    }

    CameraReport report() {
        return new CameraReport(settings.name(), subFrames, triggers.get(), writer.saved(), writer.failed(),
                stopReason, main.health(), sub.health());
    }

    String name() {
        return settings.name();
    }
}
