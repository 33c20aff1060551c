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
    Diagnosis diagnose();

    /**
     * A cheap check before OpenCV is asked to open (e.g. "does the camera's port accept a TCP
     * connection"): a failure found here skips the open. Worth it because OpenCV 4.10 drops a
     * pipeline whose open failed without setting it to NULL, and GStreamer can abort the process
     * while freeing it ("g_mutex_clear() called on uninitialised or locked mutex", seen in the churn
     * test when every reconnect attempt met a refused port). Empty: go ahead and open.
     */
    default Optional<Diagnosis> beforeOpen() {
        return Optional.empty();
    }
}
