package io.dualstream.grabber;

/**
 * Told about every change of a stream's health, once per transition. Called on the grab thread (or
 * on the thread that calls {@link MainStreamGrabber#open}, for the first connection): return quickly,
 * and hand slow work to a thread of your own. An exception thrown here is logged and ignored.
 */
@FunctionalInterface
public interface HealthListener {
    /** Does nothing: the default. */
    HealthListener NONE = event -> {
    };

    void onTransition(HealthEvent event);
}
