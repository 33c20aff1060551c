package io.dualstream.inspect;

/**
 * What one camera did while the runtime ran.
 *
 * @param camera      camera name
 * @param subFrames   sub-stream frames read and given to the detector
 * @param triggers    line crossings that fired
 * @param saved       snapshots written
 * @param failed      snapshots asked for but not written (no main frame in time, disk error)
 * @param stopReason  why the camera stopped, or {@code "running"}
 */
public record CameraReport(String camera, long subFrames, int triggers, int saved, int failed, String stopReason) {
}
