package io.dualstream.inspect;

import java.util.Locale;

/** What asked for a snapshot: the camera's own detector, or an outside system over HTTP or MQTT. */
public enum TriggerSource {
    /** The sub-stream detector saw an object cross the trigger line. */
    DETECTOR,
    /** A POST to the station's HTTP endpoint. */
    HTTP,
    /** A message on the camera's MQTT command topic. */
    MQTT;

    /** {@code detector}, {@code http} or {@code mqtt}: in sidecars, events, file names and metrics. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isExternal() {
        return this != DETECTOR;
    }
}
