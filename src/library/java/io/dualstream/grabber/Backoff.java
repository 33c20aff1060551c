package io.dualstream.grabber;

import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential backoff with jitter: attempt 1 waits about {@code initial}, each further
 * attempt twice as long, never more than {@code max}; every delay is then scaled by a random factor
 * in [1 - jitter, 1], so many grabbers that lost the same switch do not reconnect in lockstep.
 * Pure: the random value is passed in, so tests need no sleeping.
 */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final double jitter;

    public Backoff(Duration initial, Duration max, double jitter) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("backoff initial delay must be positive, got " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff max delay " + max + " must not be below the initial delay "
                    + initial);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("backoff jitter must be between 0 and 1, got " + jitter);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.jitter = jitter;
    }

    /**
     * @param attempt 1 for the first retry
     * @param random  a value in [0, 1), e.g. from {@code ThreadLocalRandom}
     */
    public Duration delay(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, got " + attempt);
        }
        long nanos = initialNanos;
        for (int i = 1; i < attempt && nanos < maxNanos; i++) {
            nanos *= 2;
        }
        nanos = Math.min(nanos, maxNanos);
        return Duration.ofNanos((long) (nanos * (1 - jitter * random)));
    }
}
