package io.dualstream.app;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_OPEN_TIMEOUT_MSEC;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_READ_TIMEOUT_MSEC;

import io.dualstream.grabber.GrabberOptions;
import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
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
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    /** What happened during one run. */
    record Result(long subFrames, int triggers, int saved, int failed, String stopReason) {
    }

    private final CameraPipelines camera;
    private final LineCrossingTrigger trigger;
    private final Path outputFolder;
    private final Duration snapshotTimeout;
    private final Duration readTimeout;

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
        int saved = 0;
        int failed = 0;
        String stopReason = "ran for " + duration.toSeconds() + " s";
        LOG.info("camera '{}': {}", camera.name(), camera.description());
        try (MainStreamGrabber main = MainStreamGrabber.open(camera.mainPipeline(), mainOptions);
             VideoCapture sub = openSubStream();
             Mat frame = new Mat();
             BrightObjectDetector detector = new BrightObjectDetector(128, 50)) {
            LOG.info("camera '{}': main {}x{}, trigger line at x = {} of the width", camera.name(), main.width(),
                    main.height(), trigger.lineFraction());
            while (System.nanoTime() < deadline) {
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
                    if (saveSnapshot(main, triggers, subFrames)) {
                        saved++;
                    } else {
                        failed++;
                    }
                }
            }
            sub.release();
        }
        return new Result(subFrames, triggers, saved, failed, stopReason);
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

    private boolean saveSnapshot(MainStreamGrabber main, int triggerNumber, long subFrame) {
        Instant firedAt = Instant.now();
        try (Snapshot snapshot = main.takeSnapshot(snapshotTimeout)) {
            Path file = outputFolder.resolve(camera.name() + "-" + FILE_TIME.format(firedAt) + "-"
                    + String.format("%04d", triggerNumber) + ".jpg");
            ImageFiles.write(snapshot.image(), file, ImageFiles.DEFAULT_JPEG_QUALITY);
            LOG.info("snapshot {} saved: {} {}x{}, main frame #{}, sub frame #{}, frame age {} ms, "
                            + "request to frame {} ms", triggerNumber, file, snapshot.image().cols(),
                    snapshot.image().rows(), snapshot.frameNumber(), subFrame, snapshot.age().toMillis(),
                    snapshot.latency().toMillis());
            return true;
        } catch (TimeoutException | IllegalStateException | IOException e) {
            LOG.warn("snapshot {} failed: {}", triggerNumber, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("snapshot {} interrupted", triggerNumber);
            return false;
        }
    }
}
