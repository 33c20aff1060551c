package io.dualstream.grabber;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a stream's {@link StreamState}.
 *
 * @param stream   the grabber's name ({@link GrabberOptions#name()}), never the URL
 * @param previous the state before, or {@code null} for the first event
 * @param state    the new state
 * @param reason   why, in one line; never contains the pipeline or credentials
 * @param attempt  the reconnect attempt this event belongs to, 0 outside reconnecting
 * @param at       when it happened
 */
public record HealthEvent(String stream, StreamState previous, StreamState state, String reason, int attempt,
                          Instant at) {
    /**
     * Checks that every component but {@code previous} is there.
     *
     * @param stream   the grabber's name, never the URL
     * @param previous the state before, or {@code null} for the first event
     * @param state    the new state
     * @param reason   why, in one line
     * @param attempt  the reconnect attempt, 0 outside reconnecting
     * @param at       when it happened
     * @throws NullPointerException when {@code stream}, {@code state}, {@code reason} or {@code at} is null
     */
    public HealthEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return "stream '" + stream + "' " + (previous == null ? "" : previous + " -> ") + state + ": " + reason;
    }
}
