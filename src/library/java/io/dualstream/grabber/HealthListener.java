package io.dualstream.grabber;

/**
 * Told about every change of a stream's health, once per transition. Called on the stream's own
 * thread (the first event, CONNECTING, on the thread that starts or opens the reader): return
 * quickly, and hand slow work to a thread of your own. An exception thrown here is logged and ignored.
 */
@FunctionalInterface
public interface HealthListener {
    /** Does nothing: the default. */
    HealthListener NONE = event -> {
    };

    /**
     * One transition, told once, on the stream's thread (see above): return quickly.
     *
     * @param event what changed; an immutable value, so the listener may keep it or hand it to
     *              another thread
     */
    void onTransition(HealthEvent event);
}
