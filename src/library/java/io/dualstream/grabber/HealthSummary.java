package io.dualstream.grabber;

import java.time.Duration;

/**
 * A stream's health over its whole life, for reports and health endpoints.
 *
 * @param state       the state now
 * @param reason      why it is in that state, one line, never a password
 * @param since       how long it has been in that state
 * @param outages     how many times it stopped streaming after it had streamed (stall, loss, failure)
 * @param outageTime  the time spent in those outages, the current one included
 * @param reconnects  how many times it streamed again after an outage
 */
public record HealthSummary(StreamState state, String reason, Duration since, long outages, Duration outageTime,
                            long reconnects) {
}
