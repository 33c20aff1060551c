package io.dualstream.inspect;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A snapshot asked for from outside the camera (HTTP or MQTT): the part is in place now, or was at
 * {@code time}.
 *
 * @param source     {@link TriggerSource#HTTP} or {@link TriggerSource#MQTT}
 * @param id         the caller's own name for it (a part number, a PLC counter), carried into the file
 *                   name, the sidecar and the event; 1..64 of {@code A-Z a-z 0-9 . _ -}
 * @param time       when the part was in place, if the caller knows it better than the moment the
 *                   trigger arrives (a PLC's time stamp, a trigger that is relayed late). With a
 *                   pre-trigger ring the snapshot is the main frame nearest this time when the ring
 *                   still holds it; else the next frame
 * @param receivedAt {@link System#nanoTime()} when the trigger reached the station
 */
public record ExternalTrigger(TriggerSource source, Optional<String> id, Optional<Instant> time, long receivedAt) {
    /** Safe in a file name on Linux and Windows, and short enough to keep paths short. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ExternalTrigger {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        if (!source.isExternal()) {
            throw new IllegalArgumentException("an external trigger comes over http or mqtt, not from " + source.label());
        }
        if (id.isPresent() && !ID.matcher(id.get()).matches()) {
            throw new IllegalArgumentException("id must be 1..64 letters, digits, '.', '_' or '-' (it becomes part "
                    + "of the file name)");
        }
    }
}
