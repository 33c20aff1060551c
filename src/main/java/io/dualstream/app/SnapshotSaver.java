package io.dualstream.app;

import io.dualstream.grabber.Snapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private final ExecutorService writer;
    private final List<CompletableFuture<?>> inFlight = new CopyOnWriteArrayList<>();
    private final AtomicInteger saved = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    SnapshotSaver(Path folder, String camera) {
        this.folder = folder;
        this.camera = camera;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dualstream-writer-" + camera);
            thread.setDaemon(false);   // a snapshot being written is finished before the JVM exits
            return thread;
        });
    }

    /** Saves the snapshot when it arrives; gives up on it after {@code timeout}. Never blocks. */
    void saveWhenReady(CompletableFuture<Snapshot> pending, int trigger, long subFrame, Instant firedAt,
                       Duration timeout) {
        CompletableFuture<Void> done = pending.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((snapshot, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        LOG.warn("snapshot {} failed: {}", trigger, cause instanceof TimeoutException
                                ? "no main-stream frame within " + timeout.toMillis() + " ms" : cause.getMessage());
                        return null;
                    }
                    try (snapshot) {
                        write(snapshot, trigger, subFrame, firedAt);
                    }
                    return null;
                }, writer);
        inFlight.add(done);
        done.whenComplete((ignored, error) -> inFlight.remove(done));
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
        CompletableFuture<Void> all = CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new));
        try {
            all.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            LOG.warn("stopped waiting for {} snapshot(s) still being written", inFlight.size());
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("snapshot writer did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
