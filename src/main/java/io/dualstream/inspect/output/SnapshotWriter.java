package io.dualstream.inspect.output;

import io.dualstream.grabber.Snapshot;
import io.dualstream.inspect.Box;
import io.dualstream.inspect.InspectionEvents;
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
 * thread waits for a 12 MP JPEG: the full frame ({@code NAME.jpg}), for detector triggers the object's
 * crop mapped from sub-stream to main-stream coordinates and padded by a quarter of its size
 * ({@code NAME-crop.jpg}), then the sidecar ({@code NAME.json}) last, each atomically, then the
 * retention limits; then the station is told ({@link InspectionEvents#snapshotSaved}). A reader that
 * sees a sidecar can rely on the images being complete. Every snapshot it receives is closed by it,
 * written or not.
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
    private final InspectionEvents events;
    private final AtomicInteger saved = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile SnapshotRecord last;

    /** Writes into {@code settings.folder()/camera}; tells nobody. */
    public SnapshotWriter(String camera, OutputSettings settings) {
        this(camera, settings, InspectionEvents.NONE);
    }

    /** Writes into {@code settings.folder()/camera} and tells {@code events} of each snapshot. */
    public SnapshotWriter(String camera, OutputSettings settings, InspectionEvents events) {
        this.folder = settings.folder().resolve(camera);
        this.settings = settings;
        this.retention = new Retention(settings.keepCount(), settings.keepAge());
        this.queue = new SnapshotQueue(camera);
        this.events = events;
    }

    /** The camera's snapshot folder. */
    public Path folder() {
        return folder;
    }

    /** The files' common name for this trigger, known as soon as it fires. */
    public static String baseName(TriggerEvent event) {
        return event.baseName(FILE_TIME.format(event.moment()));
    }

    /**
     * Writes the snapshot when it arrives; gives up on it after {@code timeout}. Never blocks.
     *
     * @param mode  how the main frame was chosen, for the sidecar ({@code next-frame} or {@code pre-trigger-ring})
     * @param stats read when the snapshot is written
     * @return completes on the writer thread with the sidecar's record once every file is written, or
     *     exceptionally with the reason it was not
     */
    public CompletableFuture<SnapshotRecord> saveWhenReady(CompletableFuture<Snapshot> pending, TriggerEvent event,
                                                           String mode, Supplier<StreamStats> stats, Duration timeout) {
        CompletableFuture<SnapshotRecord> written = new CompletableFuture<>();
        queue.whenReady(pending, timeout, snapshot -> {
            try {
                written.complete(write(snapshot, event, mode, stats.get()));
            } catch (IOException | RuntimeException e) {
                fail(event, "not saved in " + folder + ": " + e.getMessage(), written);
            }
        }, why -> fail(event, why, written));
        return written;
    }

    private void fail(TriggerEvent event, String why, CompletableFuture<SnapshotRecord> written) {
        failed.incrementAndGet();
        LOG.warn("camera '{}': snapshot {} ({}) failed: {}", event.camera(), event.sequence(), event.source().label(),
                why);
        written.completeExceptionally(new IllegalStateException(why));
        tell(() -> events.snapshotFailed(event, why));
    }

    private SnapshotRecord write(Snapshot snapshot, TriggerEvent event, String mode, StreamStats stats)
            throws IOException {
        String base = baseName(event);
        Mat image = snapshot.image();
        AtomicFiles.writeImage(image, folder.resolve(base + ".jpg"), settings.jpegQuality());
        SnapshotRecord.SubFrame sub = null;
        Box mainBox = null;
        Box cropBox = null;
        String crop = null;
        if (event.hit().isPresent()) {
            TriggerEvent.DetectorHit hit = event.hit().get();
            mainBox = hit.subBox().scaled(hit.subWidth(), hit.subHeight(), image.cols(), image.rows());
            cropBox = mainBox.padded(CROP_PADDING, image.cols(), image.rows());
            crop = base + "-crop.jpg";
            try (Rect rect = new Rect(cropBox.x(), cropBox.y(), cropBox.width(), cropBox.height());
                 Mat cropped = new Mat(image, rect)) {
                AtomicFiles.writeImage(cropped, folder.resolve(crop), settings.jpegQuality());
            }
            sub = new SnapshotRecord.SubFrame(hit.subWidth(), hit.subHeight(), hit.subFrameNumber(), hit.subBox());
        }
        double skewMillis = (snapshot.grabbedNanos() - event.momentNanos()) / 1e6;
        Double skewFrames = stats.mainFps() > 0 ? JsonText.round3(skewMillis * stats.mainFps() / 1000) : null;
        SnapshotRecord record = new SnapshotRecord(event.moment().toString(), event.camera(), event.sequence(),
                event.source().label(), event.externalId().orElse(null),
                event.requestedTime().map(Instant::toString).orElse(null),
                event.hit().map(TriggerEvent.DetectorHit::trackId).orElse(null), base + ".jpg", crop, base + ".json",
                sub, new SnapshotRecord.MainFrame(image.cols(), image.rows(), snapshot.frameNumber(),
                snapshot.grabbedAt().toString(), mainBox, cropBox),
                JsonText.round3(snapshot.age().toNanos() / 1e6),
                new SnapshotRecord.Skew(mode, JsonText.round3(skewMillis), skewFrames),
                SnapshotRecord.Streams.of(stats));
        AtomicFiles.writeText(JsonText.pretty(record), folder.resolve(base + ".json"));
        saved.incrementAndGet();
        last = record;
        LOG.info("camera '{}': snapshot {} ({}{}) saved: {} {}x{}, main frame {} ms after the trigger's moment ({})",
                event.camera(), event.sequence(), event.source().label(),
                event.hit().map(h -> " object " + h.trackId()).orElse(""), base + ".jpg", image.cols(), image.rows(),
                Math.round(skewMillis), mode);
        applyRetention(event.camera());
        tell(() -> events.snapshotSaved(record));
        return record;
    }

    /** After the snapshot is complete: a retention problem is logged, and the snapshot stays saved. */
    private void applyRetention(String camera) {
        try {
            int deleted = retention.apply(folder, Instant.now());
            if (deleted > 0) {
                LOG.info("camera '{}': retention deleted {} old snapshot(s)", camera, deleted);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("camera '{}': retention could not delete old snapshots in {}: {}", camera, folder, e.getMessage());
        }
    }

    /** The station's troubles (a full event queue, a bug) must never cost a snapshot. */
    private static void tell(Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            LOG.warn("snapshot event not passed on: {}", e.toString());
        }
    }

    /** The last snapshot saved, or null. */
    public SnapshotRecord last() {
        return last;
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
