package io.dualstream.inspect;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_OPEN_TIMEOUT_MSEC;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_POS_MSEC;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_READ_TIMEOUT_MSEC;

import io.dualstream.grabber.Diagnosis;
import io.dualstream.grabber.GrabberOptions;
import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.Snapshot;
import io.dualstream.grabber.StreamClock;
import io.dualstream.inspect.output.SnapshotWriter;
import io.dualstream.inspect.output.StreamStats;
import io.dualstream.inspect.output.TriggerEvent;
import io.dualstream.inspect.track.CentroidTracker;
import io.dualstream.inspect.track.Crossing;
import io.dualstream.inspect.track.LineCrossingTrigger;
import io.dualstream.inspect.track.Track;
import io.dualstream.pipeline.PipelineRenderer;
import io.dualstream.pipeline.StreamPipeline;
import io.dualstream.rtsp.RtspDiagnoser;
import io.dualstream.rtsp.RtspProbe;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * One camera: its thread reads every sub-stream frame and runs detector → tracker → trigger; each
 * crossing asks the main-stream grabber for a frame and hands the pending snapshot to the writer,
 * without waiting for it. The thread owns the sub-stream capture, the frame buffer, the detector and
 * the tracker, and releases them itself when it ends; the grabber's own thread owns the main stream.
 */
final class CameraRuntime {
    private static final Logger LOG = LogManager.getLogger(CameraRuntime.class);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(5);

    private final CameraSettings settings;
    private final MainStreamGrabber main;
    private final VideoCapture sub;
    private final Detector detector;
    private final SnapshotWriter writer;
    private final Preview preview;
    private final Thread thread;
    private final RateMeter subRate = new RateMeter();
    private final RateMeter mainRate = new RateMeter();
    /** Used by the camera thread only. */
    private final StreamClock subClock = new StreamClock();
    private volatile boolean stopRequested;
    private volatile long subFrames;
    private volatile int triggers;
    private volatile String stopReason = "running";

    private CameraRuntime(CameraSettings settings, MainStreamGrabber main, VideoCapture sub, Detector detector,
                          Preview preview) {
        this.settings = settings;
        this.main = main;
        this.sub = sub;
        this.detector = detector;
        this.preview = preview;
        this.writer = new SnapshotWriter(settings.name(), settings.output());
        this.thread = new Thread(this::run, "dualstream-camera-" + settings.name());
        this.thread.setDaemon(false);
    }

    /** Opens both streams (main first, so it is grabbing before the first trigger) and makes the detector. */
    static CameraRuntime open(CameraSettings settings, PipelineRenderer renderer, InspectionOptions options)
            throws IOException {
        StreamPipeline mainPipeline = CameraStreams.main(settings.main(), renderer);
        StreamPipeline subPipeline = CameraStreams.sub(settings.sub(), renderer);
        LOG.info("camera '{}': main {} via {}, sub {} via {}, pre-trigger frames {}", settings.name(),
                settings.main(), mainPipeline.decoder().element(), settings.sub(), subPipeline.decoder().element(),
                settings.preTriggerFrames());
        GrabberOptions grabberOptions = GrabberOptions.builder().name(settings.name() + "-main")
                .readTimeout(READ_TIMEOUT).colorConversion(mainPipeline.outputFormat().cvtColorCode())
                .preTriggerFrames(settings.preTriggerFrames())
                .failureDiagnoser(diagnoserFor(mainPipeline)).build();
        MainStreamGrabber main = MainStreamGrabber.open(mainPipeline.pipeline(), grabberOptions);
        VideoCapture sub = null;
        Detector detector = null;
        try {
            sub = openSub(settings.name(), subPipeline);
            detector = options.detectors().create(settings);
            Preview preview = options.preview() ? Preview.open(settings) : Preview.NONE;
            return new CameraRuntime(settings, main, sub, detector, preview);
        } catch (IOException | RuntimeException e) {
            if (detector != null) {
                detector.close();
            }
            if (sub != null) {
                sub.release();
                sub.close();
            }
            main.close();
            throw e;
        }
    }

    /**
     * The same check the {@code snapshot} command uses: the port is tried before each open (OpenCV's
     * failed opens are what can abort the process), and a failed open is explained, so wrong
     * credentials, path or codec end the stream at once instead of being retried forever.
     */
    private static RtspDiagnoser diagnoserFor(StreamPipeline pipeline) {
        return new RtspDiagnoser(pipeline.spec().url(), pipeline.spec().codec(),
                new RtspProbe(CameraStreams.PROBE_TIMEOUT));
    }

    /** Opens the sub stream directly through OpenCV (it is read every frame), behind the same checks as the main. */
    private static VideoCapture openSub(String camera, StreamPipeline pipeline) throws IOException {
        String where = "camera '" + camera + "': sub stream " + pipeline.spec().url().masked();
        RtspDiagnoser diagnoser = diagnoserFor(pipeline);
        Optional<Diagnosis> early = diagnoser.beforeOpen();
        if (early.isPresent()) {
            throw new IOException(where + " cannot be opened: " + early.get().reason());
        }
        int[] params = {
            CAP_PROP_OPEN_TIMEOUT_MSEC, (int) READ_TIMEOUT.toMillis(),
            CAP_PROP_READ_TIMEOUT_MSEC, (int) READ_TIMEOUT.toMillis(),
        };
        VideoCapture capture = new VideoCapture(pipeline.pipeline(), CAP_GSTREAMER, params);
        if (!capture.isOpened()) {
            capture.release();
            capture.close();
            Diagnosis why = diagnoser.diagnose();
            throw new IOException(where + " could not be opened by OpenCV's GStreamer backend: " + why.reason()
                    + " (GST_DEBUG=3 shows GStreamer's reason)");
        }
        return capture;
    }

    void start() {
        thread.start();
    }

    private void run() {
        LineCrossingTrigger trigger = new LineCrossingTrigger(settings.trigger());
        CentroidTracker tracker = null;
        try (Mat frame = new Mat()) {
            while (!stopRequested) {
                if (!sub.read(frame) || frame.empty()) {
                    stopReason = "sub stream gave no frame within " + READ_TIMEOUT.toMillis() + " ms, or ended";
                    break;
                }
                long arrived = System.nanoTime();
                Instant arrivedAt = Instant.now();
                long steady = subClock.steadyArrival(arrived, sub.get(CAP_PROP_POS_MSEC));
                subFrames++;
                subRate.record(arrived);
                if (tracker == null) {
                    double diagonal = Math.hypot(frame.cols(), frame.rows());
                    tracker = new CentroidTracker(settings.detector().maxMatchDistance() * diagonal,
                            settings.detector().maxMissedFrames());
                }
                List<Track> tracks = tracker.update(detector.detect(frame, arrived));
                for (Crossing crossing : trigger.update(tracks, frame.cols(), frame.rows())) {
                    fire(crossing, frame, arrived, steady, arrivedAt);
                }
                preview.offer(frame, tracks, stats(), main.sinceLastFrame().orElse(null));
                if (!main.isRunning()) {
                    stopReason = "main stream stopped";
                    break;
                }
            }
            if (stopRequested) {
                stopReason = "stopped on request";
            }
        } catch (RuntimeException e) {
            stopReason = "camera thread failed: " + e;
            LOG.error("camera '{}': camera thread failed", settings.name(), e);
        } finally {
            // Order: no new requests, then the grabber completes or fails the pending ones, then the
            // writer finishes what it has; natives last, on this thread, after the last read.
            preview.close();
            main.close();
            writer.close();
            detector.close();
            sub.release();
            sub.close();
            LOG.info("camera '{}' stopped after {} sub frames, {} triggers, {} snapshots saved, {} failed ({})",
                    settings.name(), subFrames, triggers, writer.saved(), writer.failed(), stopReason);
        }
    }

    private void fire(Crossing crossing, Mat frame, long arrived, long steady, Instant arrivedAt) {
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

    /** Ends the loop after the frame in hand (at most one read timeout later). Any thread. */
    void requestStop() {
        stopRequested = true;
    }

    boolean join(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    CameraReport report() {
        return new CameraReport(settings.name(), subFrames, triggers, writer.saved(), writer.failed(), stopReason);
    }

    String name() {
        return settings.name();
    }
}
