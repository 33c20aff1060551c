package io.dualstream.inspect;

import io.dualstream.grabber.StreamState;
import java.util.Map;

/**
 * One camera's health now, for the station's HTTP endpoint and metrics.
 *
 * @param camera          camera name
 * @param state           the worse of the two streams' states (STREAMING only when both stream)
 * @param since           since when it is in that state (UTC, ISO-8601)
 * @param main            the main stream
 * @param sub             the sub stream
 * @param triggerSources  {@code detector}, {@code external} or both
 * @param triggers        triggers so far by source ({@code detector}, {@code http}, {@code mqtt})
 * @param snapshots       snapshots saved
 * @param failures        snapshots asked for but not saved
 * @param lastSnapshot    the last saved snapshot's image file name, or null
 */
public record CameraStatus(String camera, StreamState state, String since, StreamStatus main, StreamStatus sub,
                           String triggerSources, Map<String, Long> triggers, int snapshots, int failures,
                           String lastSnapshot) {

    /**
     * One stream's health now.
     *
     * @param state            its state
     * @param reason           why, one line, never a password
     * @param since            since when (UTC, ISO-8601)
     * @param lastFrameAgeMs   how long ago the last frame came, or null before the first
     * @param fps              frames per second over the last second or so
     * @param frames           frames so far, over all connections
     * @param outages          times it stopped streaming after it had streamed
     * @param outageSeconds    time spent in those outages, the current one included
     * @param reconnects       times it streamed again after an outage
     */
    public record StreamStatus(StreamState state, String reason, String since, Long lastFrameAgeMs, double fps,
                               long frames, long outages, double outageSeconds, long reconnects) {
    }

    /** True when both streams deliver frames. */
    public boolean streaming() {
        return state == StreamState.STREAMING;
    }
}
