package io.dualstream.inspect.output;

import io.dualstream.grabber.Snapshot;
import io.dualstream.inspect.Box;
import io.dualstream.inspect.OutputSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Writes each snapshot of one camera on its own thread, so neither the sub-stream loop nor the grab
 * thread waits for a 12 MP JPEG: the full frame ({@code NAME.jpg}), the object's crop mapped from
 * sub-stream to main-stream coordinates and padded by a quarter of its size ({@code NAME-crop.jpg}),
 * then the sidecar ({@code NAME.json}) last, each atomically, then the retention limits. A reader
 * that sees a sidecar can rely on both images being complete. Every snapshot it receives is closed
 * by it, written or not.
 */
public final class SnapshotWriter implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(SnapshotWriter.class);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    /** Padding around the object in the crop, as a fraction of its size on each side. */
    static final double CROP_PADDING = 0.25;

    private final Path folder;
    private final OutputSettings settings;
    private final Retention retention;
    private final SnapshotQueue queue;
    private final AtomicInteger saved = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /** Writes into {@code settings.folder()/camera}. */
    public SnapshotWriter(String camera, OutputSettings settings) {
        this.folder = settings.folder().resolve(camera);
        this.settings = settings;
        this.retention = new Retention(settings.keepCount(), settings.keepAge());
        this.queue = new SnapshotQueue(camera);
    }

    /** The camera's snapshot folder. */
    public Path folder() {
        return folder;
    }

    /**
     * Writes the snapshot when it arrives; gives up on it after {@code timeout}. Never blocks.
     *
     * @param mode  how the main frame was chosen, for the sidecar ({@code next-frame} or {@code pre-trigger-ring})
     * @param stats read when the snapshot is written
     */
    public void saveWhenReady(CompletableFuture<Snapshot> pending, TriggerEvent event, String mode,
                              Supplier<StreamStats> stats, Duration timeout) {
        queue.whenReady(pending, timeout, snapshot -> write(snapshot, event, mode, stats.get()), why -> {
            failed.incrementAndGet();
            LOG.warn("camera '{}': snapshot {} failed: {}", event.camera(), event.sequence(), why);
        });
    }

    private void write(Snapshot snapshot, TriggerEvent event, String mode, StreamStats stats) {
        String base = event.camera() + "-" + FILE_TIME.format(event.firedAt()) + "-" + String.format("%04d",
                event.sequence()) + "-id" + event.trackId();
        try {
            Mat image = snapshot.image();
            Box mainBox = event.subBox().scaled(event.subWidth(), event.subHeight(), image.cols(), image.rows());
            Box cropBox = mainBox.padded(CROP_PADDING, image.cols(), image.rows());
            AtomicFiles.writeImage(image, folder.resolve(base + ".jpg"), settings.jpegQuality());
            try (Rect rect = new Rect(cropBox.x(), cropBox.y(), cropBox.width(), cropBox.height());
                 Mat crop = new Mat(image, rect)) {
                AtomicFiles.writeImage(crop, folder.resolve(base + "-crop.jpg"), settings.jpegQuality());
            }
            double skewMillis = (snapshot.grabbedNanos() - event.subFrameNanos()) / 1e6;
            double mainInterval = stats.mainFps() > 0 ? 1000 / stats.mainFps() : Double.NaN;
            Json sidecar = new Json()
                    .put("time", event.firedAt().toString())
                    .put("camera", event.camera())
                    .put("trigger", event.sequence())
                    .put("objectId", event.trackId())
                    .put("image", base + ".jpg")
                    .put("crop", base + "-crop.jpg")
                    .put("sub", new Json().put("width", event.subWidth()).put("height", event.subHeight())
                            .put("frame", event.subFrameNumber()).put("box", box(event.subBox())))
                    .put("main", new Json().put("width", image.cols()).put("height", image.rows())
                            .put("frame", snapshot.frameNumber()).put("grabbedAt", snapshot.grabbedAt().toString())
                            .put("box", box(mainBox)).put("cropBox", box(cropBox)))
                    .put("frameAgeMs", snapshot.age().toNanos() / 1e6)
                    .put("skew", new Json().put("mode", mode).put("ms", skewMillis)
                            .put("frames", skewMillis / mainInterval))
                    .put("streams", stats.toJson());
            AtomicFiles.writeText(sidecar.toString(), folder.resolve(base + ".json"));
            saved.incrementAndGet();
            LOG.info("camera '{}': snapshot {} saved: {} {}x{}, object {} at {}, main frame {} ms after the sub "
                            + "frame ({})", event.camera(), event.sequence(), base + ".jpg", image.cols(), image.rows(),
                    event.trackId(), mainBox, Math.round(skewMillis), mode);
            int deleted = retention.apply(folder, Instant.now());
            if (deleted > 0) {
                LOG.info("camera '{}': retention deleted {} old snapshot(s)", event.camera(), deleted);
            }
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn("camera '{}': snapshot {} not saved in {}: {}", event.camera(), event.sequence(), folder,
                    e.getMessage());
        }
    }

    private static Json box(Box box) {
        return new Json().put("x", box.x()).put("y", box.y()).put("width", box.width()).put("height", box.height());
    }

    public int saved() {
        return saved.get();
    }

    public int failed() {
        return failed.get();
    }

    /** Waits (bounded) for snapshots still being written, then stops the writer thread. Safe to call twice. */
    @Override
    public void close() {
        queue.close();
    }
}
