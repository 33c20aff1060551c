package io.dualstream.inspect.output;

import io.dualstream.inspect.Box;
import io.dualstream.inspect.TriggerSource;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One trigger, from the detector or from outside, as the snapshot writer needs it. Both kinds go
 * through the same path to the same files, sidecar and event.
 *
 * @param camera      camera name
 * @param sequence    1-based count of this camera's triggers, whatever their source
 * @param source      what fired it
 * @param externalId  the external caller's id for it, if it gave one
 * @param momentNanos {@link System#nanoTime()} of the moment the trigger refers to: the arrival of the
 *                    sub frame that fired, the external trigger's own time, or when it arrived
 * @param moment      wall-clock time of that moment: names the files
 * @param requestedTime the time an external caller gave, as given
 * @param hit         what the detector saw, for detector triggers only
 */
public record TriggerEvent(String camera, int sequence, TriggerSource source, Optional<String> externalId,
                           long momentNanos, Instant moment, Optional<Instant> requestedTime,
                           Optional<DetectorHit> hit) {
    public TriggerEvent {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(moment, "moment");
        Objects.requireNonNull(requestedTime, "requestedTime");
        Objects.requireNonNull(hit, "hit");
        if (hit.isPresent() != (source == TriggerSource.DETECTOR)) {
            throw new IllegalArgumentException("a detector trigger has a hit, an external one has none");
        }
    }

    /**
     * The files' common name: {@code <camera>-<UTC time>-<n>-id<object>} for the detector,
     * {@code <camera>-<UTC time>-<n>-<http|mqtt>[-<id>]} for external triggers.
     */
    public String baseName(String time) {
        String suffix = hit.map(h -> "id" + h.trackId())
                .orElseGet(() -> source.label() + externalId.map(id -> "-" + id).orElse(""));
        return camera + "-" + time + "-" + String.format("%04d", sequence) + "-" + suffix;
    }

    /**
     * What the detector saw in the sub frame that fired.
     *
     * @param trackId         tracker ID of the object
     * @param subBox          the object in the sub frame, sub-stream pixels
     * @param subWidth        sub-stream frame width
     * @param subHeight       sub-stream frame height
     * @param subFrameNumber  1-based count of the sub frame that fired
     */
    public record DetectorHit(long trackId, Box subBox, int subWidth, int subHeight, long subFrameNumber) {
        public DetectorHit {
            Objects.requireNonNull(subBox, "subBox");
        }
    }
}
