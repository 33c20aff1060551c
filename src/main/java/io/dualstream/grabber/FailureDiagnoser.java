package io.dualstream.grabber;

/**
 * Explains why OpenCV could not open a pipeline: OpenCV itself only says "not opened". The app
 * plugs in an RTSP probe here; the default calls every failure transient, so the grabber keeps
 * retrying. Called on the thread that opened, after the failed capture was released; may block for
 * a bounded time (a network probe), never forever.
 */
@FunctionalInterface
public interface FailureDiagnoser {
    Diagnosis diagnose();
}
