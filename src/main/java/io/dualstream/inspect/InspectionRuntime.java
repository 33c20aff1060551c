package io.dualstream.inspect;

import io.dualstream.internal.stream.StreamOpener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs the inspection of N cameras: per camera, sub stream → detector → tracker → line-crossing
 * trigger → main-stream snapshot → writer, each camera on its own threads, until {@link #close()}.
 *
 * <pre>{@code
 * GStreamerSupport.ensureAvailable();
 * try (InspectionRuntime runtime = InspectionRuntime.start(cameras, InspectionOptions.defaults())) {
 *     runtime.awaitClosed(Duration.ofDays(365));   // close() from a shutdown hook ends it
 * }
 * }</pre>
 *
 * <p>A camera never stops by itself: its streams reconnect after reboots, outages of any length,
 * stalls and resolution changes, and retry failures that need a person (wrong password) every
 * {@link InspectionOptions#permanentFailureRetry()}. {@link #reports()} tells each camera's outages.
 */
public final class InspectionRuntime implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(InspectionRuntime.class);

    private final List<CameraRuntime> cameras;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private InspectionRuntime(List<CameraRuntime> cameras) {
        this.cameras = cameras;
    }

    /**
     * Starts every camera; returns at once, the streams connect in the background. Call
     * {@code GStreamerSupport.ensureAvailable()} first.
     *
     * @throws IllegalArgumentException when the list is empty or two cameras share a name
     * @throws io.dualstream.internal.pipeline.MissingElementException when this machine lacks a GStreamer
     *     element a camera needs (the cameras already started are stopped again)
     */
    public static InspectionRuntime start(List<CameraSettings> cameras, InspectionOptions options) {
        return start(cameras, options, StreamOpener.forThisMachine());
    }

    /** {@link #start(List, InspectionOptions)} with another stream opener (another element registry). */
    public static InspectionRuntime start(List<CameraSettings> cameras, InspectionOptions options,
                                          StreamOpener opener) {
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
        List<CameraRuntime> started = new ArrayList<>();
        try {
            for (CameraSettings camera : cameras) {
                started.add(CameraRuntime.start(camera, opener, options));
            }
        } catch (RuntimeException e) {
            new InspectionRuntime(started).close();
            throw e;
        }
        LOG.info("inspection running: {} camera(s)", started.size());
        return new InspectionRuntime(started);
    }

    /**
     * Waits until {@link #close()} has finished, at most {@code timeout}.
     *
     * @return true when it was closed
     */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes a snapshot for an outside system (HTTP, MQTT) through the same path as the detector's:
     * same files, sidecar and event, the source recorded. Returns at once; any thread.
     *
     * @throws TriggerRefusedException when no camera has that name, it takes detector triggers only,
     *     the trigger's time is wrong, or the runtime is stopping; the message says which
     */
    public TriggerReceipt trigger(String camera, ExternalTrigger trigger) {
        if (closed.get()) {
            throw new TriggerRefusedException(TriggerRefusedException.Reason.STOPPED, "the station is stopping");
        }
        return find(camera).trigger(trigger);
    }

    /** Each camera's health now, in the order they were given. */
    public List<CameraStatus> statuses() {
        return cameras.stream().map(CameraRuntime::status).toList();
    }

    /**
     * One camera's health now.
     *
     * @throws TriggerRefusedException (unknown camera) when no camera has that name
     */
    public CameraStatus status(String camera) {
        return find(camera).status();
    }

    /**
     * The image file of a camera's last saved snapshot, if there is one.
     *
     * @throws TriggerRefusedException (unknown camera) when no camera has that name
     */
    public Optional<Path> lastImage(String camera) {
        CameraRuntime runtime = find(camera);
        return Optional.ofNullable(runtime.lastSnapshot()).map(last -> runtime.folder().resolve(last.image()));
    }

    /** The cameras' names, in the order they were given. */
    public List<String> cameraNames() {
        return cameras.stream().map(CameraRuntime::name).toList();
    }

    private CameraRuntime find(String camera) {
        for (CameraRuntime runtime : cameras) {
            if (runtime.name().equals(camera)) {
                return runtime;
            }
        }
        throw new TriggerRefusedException(TriggerRefusedException.Reason.UNKNOWN_CAMERA, "no camera named '"
                + camera + "'; cameras: " + String.join(", ", cameraNames()));
    }

    /** One report per camera, in the order they were given; live while running. */
    public List<CameraReport> reports() {
        return cameras.stream().map(CameraRuntime::report).toList();
    }

    /**
     * Stops every camera: no new triggers, snapshots already asked for are written, streams released.
     * Safe to call twice and from any thread (e.g. a shutdown hook); a second call waits for the first.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            // In parallel: each camera's stop waits for its streams' threads to leave grab().
            List<Thread> stopping = new ArrayList<>();
            for (CameraRuntime camera : cameras) {
                Thread t = new Thread(camera::stop, "dualstream-stop-" + camera.name());
                t.start();
                stopping.add(t);
            }
            for (Thread t : stopping) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }
}
