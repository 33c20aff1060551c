package io.dualstream.grabber;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A stream's {@link StreamState}, why it is in it, and its outage counters. Each change is logged
 * once and told to the {@link HealthListener}; a repeated state is no change, so a camera that
 * stays down is logged once, not once per attempt. Thread-safe: written by the stream's thread,
 * read by anyone.
 */
final class StreamHealth {
    private static final System.Logger LOG = System.getLogger(StreamHealth.class.getName());

    private final String name;
    private final HealthListener listener;
    private final Object lock = new Object();
    // Guarded by lock.
    private StreamState state;
    private String reason = "";
    private long sinceNanos = System.nanoTime();
    private int attempt;
    private boolean everStreamed;
    private long outages;
    private long outageStartNanos;
    private long pastOutageNanos;
    private long reconnects;
    private boolean ended;

    StreamHealth(String name, HealthListener listener) {
        this.name = name;
        this.listener = listener;
    }

    /** Records a change, logs it once and tells the listener; the same state again only updates the reason. */
    void transition(StreamState next, String why, int attemptNumber) {
        HealthEvent event;
        synchronized (lock) {
            if (state == next) {
                reason = why;
                attempt = attemptNumber;
                return;
            }
            long now = System.nanoTime();
            if (next == StreamState.STREAMING) {
                if (outageStartNanos != 0) {
                    pastOutageNanos += now - outageStartNanos;
                    outageStartNanos = 0;
                    reconnects++;
                }
                everStreamed = true;
            } else if (state == StreamState.STREAMING) {
                outages++;
                outageStartNanos = now;
            }
            event = new HealthEvent(name, state, next, why, attemptNumber, Instant.now());
            state = next;
            reason = why;
            attempt = attemptNumber;
            sinceNanos = now;
            lock.notifyAll();
        }
        Level level = switch (next) {
            case FAILED -> Level.ERROR;
            case STALLED, RECONNECTING -> Level.WARNING;
            default -> Level.INFO;
        };
        LOG.log(level, event.toString());
        try {
            listener.onTransition(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream '" + name + "': health listener failed", e);
        }
    }

    /** Updates the reason of the current state without a transition (e.g. "attempt 4 failed: ..."). */
    void note(String why, int attemptNumber) {
        synchronized (lock) {
            reason = why;
            attempt = attemptNumber;
        }
    }

    /** The stream's thread has ended: wakes whoever waits for a state. */
    void ended() {
        synchronized (lock) {
            ended = true;
            lock.notifyAll();
        }
    }

    StreamState state() {
        synchronized (lock) {
            return state;
        }
    }

    String reason() {
        synchronized (lock) {
            return reason;
        }
    }

    /**
     * Waits until the stream streams, fails, or its thread ends, at most {@code timeoutNanos}.
     *
     * @return the state then
     */
    StreamState awaitSettled(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            while (state != StreamState.STREAMING && state != StreamState.FAILED && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return state;
        }
    }

    /** "RECONNECTING for 3200 ms (attempt 4 failed: connection refused)", for messages. */
    String describe() {
        synchronized (lock) {
            return state + " for " + Duration.ofNanos(System.nanoTime() - sinceNanos).toMillis() + " ms (" + reason
                    + ")";
        }
    }

    boolean everStreamed() {
        synchronized (lock) {
            return everStreamed;
        }
    }

    HealthSummary summary() {
        synchronized (lock) {
            long now = System.nanoTime();
            long outage = pastOutageNanos + (outageStartNanos == 0 ? 0 : now - outageStartNanos);
            return new HealthSummary(state, reason, Duration.ofNanos(now - sinceNanos), outages,
                    Duration.ofNanos(outage), reconnects);
        }
    }
}
