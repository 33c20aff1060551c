package io.dualstream.inspect;

import io.dualstream.pipeline.PipelineRenderer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs the inspection of N cameras: per camera, sub stream → detector → tracker → line-crossing
 * trigger → main-stream snapshot → writer, each camera on its own threads, until {@link #close()}
 * or until every camera's streams have ended.
 *
 * <pre>{@code
 * GStreamerSupport.ensureAvailable();
 * try (InspectionRuntime runtime = InspectionRuntime.start(cameras, InspectionOptions.defaults())) {
 *     runtime.awaitStopped(Duration.ofDays(365));   // or close() from a shutdown hook
 * }
 * }</pre>
 *
 * <p>A camera whose stream stops (read timeout, end of stream) stops by itself and says why in
 * {@link #reports()}; the others go on. There is no reconnect in this runtime yet.
 */
public final class InspectionRuntime implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(InspectionRuntime.class);

    private final List<CameraRuntime> cameras;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InspectionRuntime(List<CameraRuntime> cameras) {
        this.cameras = cameras;
    }

    /**
     * Opens every camera's streams and starts them. Call {@code GStreamerSupport.ensureAvailable()}
     * first.
     *
     * @throws IOException              when a camera's stream cannot be opened (the cameras already
     *                                  opened are closed again)
     * @throws IllegalArgumentException when the list is empty or two cameras share a name
     */
    public static InspectionRuntime start(List<CameraSettings> cameras, InspectionOptions options)
            throws IOException {
        Objects.requireNonNull(options, "options");
        if (cameras.isEmpty()) {
            throw new IllegalArgumentException("no camera to run: configure at least one");
        }
        Set<String> names = new HashSet<>();
        for (CameraSettings camera : cameras) {
            if (!names.add(camera.name())) {
                throw new IllegalArgumentException("two cameras are named '" + camera.name() + "': names must be "
                        + "unique (they name the output folders)");
            }
        }
        PipelineRenderer renderer = PipelineRenderer.forThisMachine();
        List<CameraRuntime> opened = new ArrayList<>();
        try {
            for (CameraSettings camera : cameras) {
                opened.add(CameraRuntime.open(camera, renderer, options));
            }
        } catch (IOException | RuntimeException e) {
            InspectionRuntime partial = new InspectionRuntime(opened);
            opened.forEach(CameraRuntime::start);   // each thread releases its own natives as it stops
            partial.close();
            throw e;
        }
        opened.forEach(CameraRuntime::start);
        LOG.info("inspection running: {} camera(s)", opened.size());
        return new InspectionRuntime(opened);
    }

    /**
     * Waits until every camera has stopped (its streams ended, or {@link #close()}), at most {@code timeout}.
     *
     * @return true when all cameras stopped
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CameraRuntime camera : cameras) {
            if (!camera.join(Duration.ofNanos(deadline - System.nanoTime()))) {
                return false;
            }
        }
        return true;
    }

    /** One report per camera, in the order they were given; live while running. */
    public List<CameraReport> reports() {
        return cameras.stream().map(CameraRuntime::report).toList();
    }

    /**
     * Stops every camera: no new triggers, snapshots already asked for are written, streams released.
     * Waits up to the read timeout plus the snapshot timeout. Safe to call twice and from any thread
     * (e.g. a shutdown hook).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        cameras.forEach(CameraRuntime::requestStop);
        try {
            Duration bound = CameraRuntime.READ_TIMEOUT.plus(CameraRuntime.SNAPSHOT_TIMEOUT).plusSeconds(5);
            if (!awaitStopped(bound)) {
                LOG.warn("a camera did not stop within {} s; its thread releases its streams when its read returns",
                        bound.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
