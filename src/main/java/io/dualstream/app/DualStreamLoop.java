package io.dualstream.app;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_OPEN_TIMEOUT_MSEC;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_READ_TIMEOUT_MSEC;

import io.dualstream.grabber.GrabberOptions;
import io.dualstream.grabber.MainStreamGrabber;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * The dual-stream main loop: read every sub-stream frame, detect the object, and when it crosses the
 * trigger line take a full-resolution snapshot from the main stream and save it as a JPEG.
 */
final class DualStreamLoop {
    private static final Logger LOG = LogManager.getLogger(DualStreamLoop.class);

    /** What happened during one run. */
    record Result(long subFrames, int triggers, int saved, int failed, String stopReason) {
    }

    private final CameraPipelines camera;
    private final LineCrossingTrigger trigger;
    private final Path outputFolder;
    private final Duration snapshotTimeout;
    private final Duration readTimeout;
    private volatile boolean stopRequested;

    DualStreamLoop(CameraPipelines camera, LineCrossingTrigger trigger, Path outputFolder, Duration snapshotTimeout,
                   Duration readTimeout) {
        this.camera = camera;
        this.trigger = trigger;
        this.outputFolder = outputFolder;
        this.snapshotTimeout = snapshotTimeout;
        this.readTimeout = readTimeout;
    }

    Result run(Duration duration) throws IOException {
        GrabberOptions mainOptions = GrabberOptions.builder().name(camera.name() + "-main")
                .readTimeout(readTimeout).colorConversion(camera.mainConversion()).build();
        long deadline = System.nanoTime() + duration.toNanos();
        long subFrames = 0;
        int triggers = 0;
        String stopReason = "ran for " + duration.toSeconds() + " s";
        LOG.info("camera '{}': {}", camera.name(), camera.description());
        // The saver closes last: the grabber's close() completes every pending request first, and
        // the saver then waits for those writes to finish.
        SnapshotSaver saver = new SnapshotSaver(outputFolder, camera.name());
        try (MainStreamGrabber main = MainStreamGrabber.open(camera.mainPipeline(), mainOptions);
             VideoCapture sub = openSubStream();
             Mat frame = new Mat();
             BrightObjectDetector detector = new BrightObjectDetector(128, 50)) {
            LOG.info("camera '{}': main {}x{}, trigger line at x = {} of the width", camera.name(), main.width(),
                    main.height(), trigger.lineFraction());
            while (System.nanoTime() < deadline && !stopRequested) {
                if (!sub.read(frame) || frame.empty()) {
                    stopReason = "sub stream gave no frame within " + readTimeout.toMillis() + " ms";
                    break;
                }
                subFrames++;
                Optional<BrightObjectDetector.Centroid> object = detector.detect(frame);
                if (object.isEmpty()) {
                    trigger.reset();
                    continue;
                }
                if (trigger.update(object.get().x() / frame.cols())) {
                    triggers++;
                    LOG.info("trigger {}: object crossed the line in sub frame #{}", triggers, subFrames);
                    saver.saveWhenReady(main.requestSnapshot(), triggers, subFrames, Instant.now(), snapshotTimeout);
                }
            }
            sub.release();
        } catch (IllegalStateException e) {
            stopReason = e.getMessage();   // the main stream ended: requestSnapshot() says why
        } finally {
            saver.close();
        }
        if (stopRequested) {
            stopReason = "stopped on request";
        }
        return new Result(subFrames, triggers, saver.saved(), saver.failed(), stopReason);
    }

    /**
     * Ends the loop after the sub-stream frame in hand (at most one read timeout later); snapshots
     * already requested are still saved. Safe from any thread, e.g. a shutdown hook.
     */
    void requestStop() {
        stopRequested = true;
    }

    private VideoCapture openSubStream() throws IOException {
        int[] params = {
            CAP_PROP_OPEN_TIMEOUT_MSEC, (int) readTimeout.multipliedBy(2).toMillis(),
            CAP_PROP_READ_TIMEOUT_MSEC, (int) readTimeout.toMillis(),
        };
        VideoCapture sub = new VideoCapture(camera.subPipeline(), CAP_GSTREAMER, params);
        if (!sub.isOpened()) {
            sub.close();
            throw new IOException("camera '" + camera.name() + "': sub stream could not be opened by OpenCV's "
                    + "GStreamer backend (set GST_DEBUG=3 to see GStreamer's reason)");
        }
        return sub;
    }
}
