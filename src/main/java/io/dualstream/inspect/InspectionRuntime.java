package io.dualstream.inspect;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs the inspection of N cameras: per camera, sub stream → detector → tracker → line-crossing
 * trigger → main-stream snapshot → writer, each camera on its own threads, until {@link #close()}.
 *
 * <pre>{@code
 * try (InspectionRuntime runtime = InspectionRuntime.start(cameras, InspectionOptions.defaults())) {
 *     runtime.awaitStopped(Duration.ofDays(365));   // or close() from a shutdown hook
 * }
 * }</pre>
 *
 * <p><b>Not finished yet:</b> {@link #start} throws {@link UnsupportedOperationException} until the
 * per-camera runtime lands (issue 6, items 3-5 and 8).
 */
public final class InspectionRuntime implements AutoCloseable {

    private InspectionRuntime() {
    }

    /**
     * Opens every camera's streams and starts them. Call {@code GStreamerSupport.ensureAvailable()}
     * first.
     *
     * @throws IOException              when a camera's stream cannot be opened (the others are closed again)
     * @throws IllegalArgumentException when the list is empty or two cameras share a name
     */
    public static InspectionRuntime start(List<CameraSettings> cameras, InspectionOptions options)
            throws IOException {
        throw new UnsupportedOperationException("the inspection runtime is not there yet");
    }

    /**
     * Waits until every camera has stopped (its stream ended, or {@link #close()}), at most {@code timeout}.
     *
     * @return true when all cameras stopped
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException("the inspection runtime is not there yet");
    }

    /** One report per camera, in the order they were given; live while running. */
    public List<CameraReport> reports() {
        throw new UnsupportedOperationException("the inspection runtime is not there yet");
    }

    /**
     * Stops every camera: no new triggers, snapshots already asked for are written, streams released.
     * Safe to call twice and from any thread (e.g. a shutdown hook).
     */
    @Override
    public void close() {
    }
}
