package io.dualstream.inspect;

import io.dualstream.grabber.HealthEvent;
import io.dualstream.inspect.output.SnapshotRecord;
import io.dualstream.inspect.output.TriggerEvent;

/**
 * What the runtime tells the station around it (events over MQTT): each snapshot saved or failed, and
 * each change of a stream's health. Called on the camera's writer thread (snapshots) or the stream's
 * own thread (health): return quickly, without blocking. An exception thrown here is logged and does
 * not disturb the camera.
 */
public interface InspectionEvents {
    /** Nothing is told: the default. */
    InspectionEvents NONE = new InspectionEvents() {
    };

    /** A snapshot's files are complete: the sidecar was written last. */
    default void snapshotSaved(SnapshotRecord record) {
    }

    /** A trigger's snapshot was not saved (no main frame in time, a disk error); one line why. */
    default void snapshotFailed(TriggerEvent trigger, String reason) {
    }

    /**
     * @param stream {@code main} or {@code sub}
     */
    default void healthChanged(String camera, String stream, HealthEvent event) {
    }
}
