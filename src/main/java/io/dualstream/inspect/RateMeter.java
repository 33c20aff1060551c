package io.dualstream.inspect;

/**
 * Frames per second, refreshed about every second from a running total. "now" is passed in
 * ({@link System#nanoTime()}) so tests need no sleeping. Thread-safe.
 */
final class RateMeter {
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private long total;
    private long windowStart = Long.MIN_VALUE;
    private long totalAtWindowStart;
    private double rate;

    /** One more event. */
    synchronized void record(long now) {
        observeTotal(total + 1, now);
    }

    /** The running total of a source that counts for itself (the grabber's frames). */
    synchronized void observeTotal(long newTotal, long now) {
        total = newTotal;
        if (windowStart == Long.MIN_VALUE) {
            windowStart = now;
            totalAtWindowStart = newTotal;
        } else if (now - windowStart >= WINDOW_NANOS) {
            rate = (newTotal - totalAtWindowStart) * 1e9 / (now - windowStart);
            windowStart = now;
            totalAtWindowStart = newTotal;
        }
    }

    synchronized double perSecond() {
        return rate;
    }
}
