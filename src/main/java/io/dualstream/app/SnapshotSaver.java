package io.dualstream.app;

import io.dualstream.grabber.Snapshot;
import io.dualstream.inspect.output.SnapshotQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Encodes and writes snapshots on its own thread, so neither the sub-stream loop nor the grab thread
 * ever waits for a 12 MP JPEG. Every snapshot it receives is closed by it, written or not.
 */
final class SnapshotSaver implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(SnapshotSaver.class);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path folder;
    private final String camera;
    private final SnapshotQueue queue;
    private final AtomicInteger saved = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    SnapshotSaver(Path folder, String camera) {
        this.folder = folder;
        this.camera = camera;
        this.queue = new SnapshotQueue(camera);
    }

    /** Saves the snapshot when it arrives; gives up on it after {@code timeout}. Never blocks. */
    void saveWhenReady(CompletableFuture<Snapshot> pending, int trigger, long subFrame, Instant firedAt,
                       Duration timeout) {
        queue.whenReady(pending, timeout, snapshot -> write(snapshot, trigger, subFrame, firedAt), why -> {
            failed.incrementAndGet();
            LOG.warn("snapshot {} failed: {}", trigger, why);
        });
    }

    private void write(Snapshot snapshot, int trigger, long subFrame, Instant firedAt) {
        Path file = folder.resolve(camera + "-" + FILE_TIME.format(firedAt) + "-" + String.format("%04d", trigger)
                + ".jpg");
        try {
            ImageFiles.write(snapshot.image(), file, ImageFiles.DEFAULT_JPEG_QUALITY);
            saved.incrementAndGet();
            LOG.info("snapshot {} saved: {} {}x{}, main frame #{}, sub frame #{}, trigger to frame {} ms, "
                            + "frame age at save {} ms", trigger, file.getFileName(), snapshot.image().cols(),
                    snapshot.image().rows(), snapshot.frameNumber(), subFrame, snapshot.latency().toMillis(),
                    snapshot.age().toMillis());
        } catch (java.io.IOException | RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn("snapshot {} not saved: {}", trigger, e.getMessage());
        }
    }

    int saved() {
        return saved.get();
    }

    int failed() {
        return failed.get();
    }

    /** Waits (bounded) for snapshots still being written, then stops the writer thread. */
    @Override
    public void close() {
        queue.close();
    }
}
