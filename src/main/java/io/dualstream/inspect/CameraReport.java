package io.dualstream.inspect;

import io.dualstream.grabber.HealthSummary;
import java.util.Locale;

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
    /** "1200 sub-stream frames, 4 triggers, ...; main STREAMING, 2 outage(s) (31.2 s), 2 reconnect(s); sub ..." */
    public String describe() {
        return subFrames + " sub-stream frames, " + triggers + " triggers, " + saved + " snapshots saved, " + failed
                + " failed; main " + health(main) + "; sub " + health(sub);
    }

    private static String health(HealthSummary h) {
        return h.state() + ", " + h.outages() + " outage(s) (" + String.format(Locale.ROOT, "%.1f",
                h.outageTime().toMillis() / 1000.0) + " s), " + h.reconnects() + " reconnect(s)";
    }
}
