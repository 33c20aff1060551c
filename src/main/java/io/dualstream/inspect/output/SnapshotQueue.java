package io.dualstream.inspect.output;

import io.dualstream.grabber.Snapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One camera's snapshot-writing thread and the snapshots it still waits for, shared by the demo's
 * saver and the inspection runtime's writer: a snapshot is handled on this thread when its frame
 * arrives (the caller never blocks), given up after its timeout, and {@link #close()} waits, bounded,
 * for those still being written. The thread is not a daemon: a snapshot being written is finished
 * before the JVM exits.
 */
public final class SnapshotQueue implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(SnapshotQueue.class);
    private static final long DRAIN_SECONDS = 30;
    private static final long STOP_SECONDS = 10;

    private final ExecutorService writer;
    private final List<CompletableFuture<?>> inFlight = new CopyOnWriteArrayList<>();

    public SnapshotQueue(String camera) {
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dualstream-writer-" + camera);
            thread.setDaemon(false);
            return thread;
        });
    }

    /**
     * @param write   runs on the writer thread with the snapshot, which is closed after it
     * @param failure runs on the writer thread with why there is no snapshot (no main-stream frame
     *                within {@code timeout}, or the grabber's reason)
     */
    public void whenReady(CompletableFuture<Snapshot> pending, Duration timeout, Consumer<Snapshot> write,
                          Consumer<String> failure) {
        CompletableFuture<Void> done = pending.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((snapshot, error) -> {
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        failure.accept(cause instanceof TimeoutException
                                ? "no main-stream frame within " + timeout.toMillis() + " ms" : cause.getMessage());
                        return null;
                    }
                    try (snapshot) {
                        write.accept(snapshot);
                    }
                    return null;
                }, writer);
        inFlight.add(done);
        done.whenComplete((ignored, error) -> inFlight.remove(done));
    }

    /** Waits (bounded) for snapshots still being written, then stops the writer thread. Safe to call twice. */
    @Override
    public void close() {
        CompletableFuture<Void> all = CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new));
        try {
            all.get(DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("stopped waiting for {} snapshot(s) still being written", inFlight.size());
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("snapshot writer did not stop within {} s", STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
