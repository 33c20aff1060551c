package io.dualstream.station.mqtt;

import io.dualstream.inspect.output.SnapshotRecord;

/**
 * The JSON of each event the station publishes (written by {@code JsonText}). Every event has its
 * {@code type}, its number {@code seq} (one sequence per station run, gaps mean lost events) and the
 * {@code station}; a snapshot event carries the very record of the snapshot's sidecar.
 */
public final class EventMessages {
    private EventMessages() {
    }

    /** {@code PREFIX/CAMERA/snapshot} */
    public record SnapshotEvent(String type, long seq, String station, SnapshotRecord snapshot) {
        public SnapshotEvent(long seq, String station, SnapshotRecord snapshot) {
            this("snapshot", seq, station, snapshot);
        }
    }

    /** {@code PREFIX/CAMERA/snapshot-failed} */
    public record SnapshotFailedEvent(String type, long seq, String station, String camera, int trigger, String source,
                                      String triggerId, String time, String reason) {
        public SnapshotFailedEvent(long seq, String station, String camera, int trigger, String source,
                                   String triggerId, String time, String reason) {
            this("snapshot-failed", seq, station, camera, trigger, source, triggerId, time, reason);
        }
    }

    /** {@code PREFIX/CAMERA/health}: one stream's state changed. */
    public record HealthEvent(String type, long seq, String station, String camera, String stream, String previous,
                              String state, String reason, int attempt, String at) {
        public HealthEvent(long seq, String station, String camera, String stream, String previous, String state,
                           String reason, int attempt, String at) {
            this("health", seq, station, camera, stream, previous, state, reason, attempt, at);
        }
    }

    /** {@code PREFIX/CAMERA/trigger-rejected}: a trigger command that was not taken. */
    public record TriggerRejectedEvent(String type, long seq, String station, String camera, String reason,
                                       String at) {
        public TriggerRejectedEvent(long seq, String station, String camera, String reason, String at) {
            this("trigger-rejected", seq, station, camera, reason, at);
        }
    }

    /**
     * {@code PREFIX/status}, retained: {@code online} once connected, {@code offline} on a clean stop,
     * and as the last will when the connection dies ({@code at} is absent then: the broker sends it).
     */
    public record Status(String station, String state, String at) {
    }
}
