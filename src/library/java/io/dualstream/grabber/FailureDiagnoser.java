package io.dualstream.grabber;

import java.util.Optional;

/**
 * Explains why OpenCV could not open a pipeline: OpenCV itself only says "not opened". The app
 * plugs in an RTSP probe here; the default calls every failure transient, so the grabber keeps
 * retrying. Called on the thread that opened, after the failed capture was released; may block for
 * a bounded time (a network probe), never forever.
 */
@FunctionalInterface
public interface FailureDiagnoser {
    /**
     * Says why the open that just failed did not work, and whether trying again can help.
     *
     * @return the verdict, never null; an immutable value the grabber reads and does not hand back.
     *     A diagnoser that throws counts as a transient failure
     */
    Diagnosis diagnose();

    /**
     * A cheap check before OpenCV is asked to open (e.g. "does the camera's port accept a TCP
     * connection"): a failure found here skips the open. Worth it because OpenCV 4.10 drops a
     * pipeline whose open failed without setting it to NULL, and GStreamer can abort the process
     * while freeing it ("g_mutex_clear() called on uninitialised or locked mutex", seen in the churn
     * test when every reconnect attempt met a refused port). Empty: go ahead and open.
     *
     * @return the failure found, which skips this attempt as if the open had failed, or empty to
     *     open; never null. The default is always empty
     */
    default Optional<Diagnosis> beforeOpen() {
        return Optional.empty();
    }
}
