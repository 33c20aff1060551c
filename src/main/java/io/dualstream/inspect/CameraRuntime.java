package io.dualstream.inspect;

import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.Snapshot;
import io.dualstream.grabber.SubStreamReader;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One camera: the sub-stream reader hands every frame to detector → tracker → trigger on its own
 * thread; each crossing asks the main-stream grabber for a frame and hands the pending snapshot to
 * the writer, without waiting for it. Both streams connect in the background and reconnect by
 * themselves for as long as the camera runs (a camera that is off when the station starts is
 * picked up when it comes on); only {@link #stop()} ends it. The reader's thread owns the detector,
 * the tracker and the preview and closes them itself when it stops; the grabber's thread owns the
 * main stream.
 */
final class CameraRuntime {
    private static final Logger LOG = LogManager.getLogger(CameraRuntime.class);
    static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(5);

    private final CameraSettings settings;
    private final MainStreamGrabber main;
    private final SnapshotWriter writer;
    private final RateMeter subRate = new RateMeter();
    private final RateMeter mainRate = new RateMeter();
    private SubStreamReader sub;
    private volatile long subFrames;
    private volatile int triggers;
    private volatile String stopReason = "running";

    private CameraRuntime(CameraSettings settings, MainStreamGrabber main) {
        this.settings = settings;
        this.main = main;
        this.writer = new SnapshotWriter(settings.name(), settings.output());
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
        LOG.info("camera '{}': main {}; sub {}; pre-trigger frames {}", settings.name(), mainStream.description(),
                subStream.description(), settings.preTriggerFrames());
        mainStream.options().preTriggerFrames(settings.preTriggerFrames())
                .permanentFailureRetry(options.permanentFailureRetry());
        subStream.options().permanentFailureRetry(options.permanentFailureRetry());
        Detector detector = options.detectors().create(settings);
        Preview preview;
        try {
            preview = options.preview() ? Preview.open(settings) : Preview.NONE;
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
        CameraRuntime camera = new CameraRuntime(settings, mainStream.startGrabber());
        camera.sub = subStream.startReader(camera.new Inspection(detector, preview));
        return camera;
    }

    /**
     * The sub stream's every frame, on the reader's thread: detect, track, fire. Owns the detector,
     * tracker and preview, and closes them when the reader stops.
     */
    private final class Inspection implements SubStreamReader.FrameConsumer {
        private final Detector detector;
        private final Preview preview;
        private final LineCrossingTrigger trigger = new LineCrossingTrigger(settings.trigger());
        private CentroidTracker tracker;
        private int trackerWidth;
        private int trackerHeight;

        Inspection(Detector detector, Preview preview) {
            this.detector = detector;
            this.preview = preview;
        }

        @Override
        public void onFrame(Mat frame, long frameNumber, long arrived, long steady) {
            subFrames = frameNumber;
            subRate.record(arrived);
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
            preview.offer(frame, tracks, stats(), main.sinceLastFrame().orElse(null));
        }

        @Override
        public void onStopped(String reason) {
            try {
                preview.close();
            } finally {
                detector.close();
            }
        }
    }

    private void fire(Crossing crossing, Mat frame, long arrived, long steady) {
        // Wall-clock time of the frame's arrival, made only when it fires (not for every frame).
        Instant arrivedAt = Instant.now().minusNanos(System.nanoTime() - arrived);
        int sequence = ++triggers;
        TriggerEvent event = new TriggerEvent(settings.name(), sequence, crossing.trackId(), crossing.box(),
                frame.cols(), frame.rows(), subFrames, arrived, arrivedAt);
        LOG.info("camera '{}': trigger {}: object {} crossed the line at {} in sub frame {}", settings.name(), sequence,
                crossing.trackId(), crossing.box(), subFrames);
        CompletableFuture<Snapshot> pending;
        String mode;
        try {
            if (settings.preTriggerFrames() > 0) {
                pending = main.requestSnapshotNearest(steady + settings.mainStreamDelay().toNanos());
                mode = "pre-trigger-ring";
            } else {
                pending = main.requestSnapshot();
                mode = "next-frame";
            }
        } catch (IllegalStateException e) {
            pending = CompletableFuture.failedFuture(e);
            mode = "none";
        }
        writer.saveWhenReady(pending, event, mode, this::stats, SNAPSHOT_TIMEOUT);
    }

    StreamStats stats() {
        long now = System.nanoTime();
        mainRate.observeTotal(main.framesGrabbed(), now);
        return new StreamStats(subFrames, subRate.perSecond(), main.framesGrabbed(), mainRate.perSecond(),
                main.width(), main.height(), triggers);
    }

    /**
     * Stops the camera in order: no new triggers (the reader stops and closes the detector), then the
     * grabber completes or fails the snapshots asked for, then the writer finishes what it has.
     * Waits at most the streams' close timeouts plus the writer's drain. Any thread.
     */
    void stop() {
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
        return new CameraReport(settings.name(), subFrames, triggers, writer.saved(), writer.failed(), stopReason,
                main.health(), sub.health());
    }

    String name() {
        return settings.name();
    }
}
