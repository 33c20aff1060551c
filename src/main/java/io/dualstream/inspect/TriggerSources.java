package io.dualstream.inspect;

/**
 * Which triggers a camera takes: its own detector (a line crossing on the sub stream), external ones
 * (HTTP or MQTT: a PLC, a light barrier, the line's software), or both. A camera without the detector
 * still reads its sub stream (health, preview) but runs no detection on it.
 *
 * @param detector the line-crossing detector fires snapshots
 * @param external HTTP and MQTT triggers are accepted
 */
public record TriggerSources(boolean detector, boolean external) {
    public static final TriggerSources DETECTOR_ONLY = new TriggerSources(true, false);
    public static final TriggerSources EXTERNAL_ONLY = new TriggerSources(false, true);
    public static final TriggerSources BOTH = new TriggerSources(true, true);

    public TriggerSources {
        if (!detector && !external) {
            throw new IllegalArgumentException("a camera needs at least one trigger source: detector, external");
        }
    }

    /** {@code [detector, external]}, as written in the config file. */
    @Override
    public String toString() {
        return detector && external ? "[detector, external]" : detector ? "[detector]" : "[external]";
    }
}
