package io.dualstream.grabber;

import java.util.function.BooleanSupplier;

/** Opens one connection of a stream; the seam that lets tests script opens that fail or hang. */
interface CaptureOpener {
    /**
     * @param cancelled polled while waiting: true gives up at once (the stream is closing)
     * @return the open connection, now the caller's; null when it could not be opened in time,
     *     was refused, or {@code cancelled} turned true
     */
    Capture open(PipelineToOpen pipeline, long timeoutNanos, BooleanSupplier cancelled) throws InterruptedException;

    /** Whether the last open that returned null ran out of time (rather than being refused). */
    boolean lastOpenTimedOut();
}
