package io.dualstream.inspect;

import io.dualstream.grabber.HealthSummary;

/**
 * What one camera did while the runtime ran.
 *
 * @param camera      camera name
 * @param subFrames   sub-stream frames read and given to the detector
 * @param triggers    line crossings that fired
 * @param saved       snapshots written
 * @param failed      snapshots asked for but not written (no main frame in time, disk error)
 * @param stopReason  why the camera stopped, or {@code "running"}
 * @param main        the main stream's health: state, outages and their total time, reconnects
 * @param sub         the sub stream's health
 */
public record CameraReport(String camera, long subFrames, int triggers, int saved, int failed, String stopReason,
                           HealthSummary main, HealthSummary sub) {
    /** One line for people: counts, then each stream's outages and reconnects. */
    public String describe() {
        return CameraRuntime.describe(this);
    }
}
