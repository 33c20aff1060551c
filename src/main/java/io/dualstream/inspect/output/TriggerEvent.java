package io.dualstream.inspect.output;

import io.dualstream.inspect.Box;
import java.time.Instant;

/**
 * A line crossing on the sub stream, as the snapshot writer needs it.
 *
 * @param camera          camera name
 * @param sequence        1-based count of this camera's triggers
 * @param trackId         tracker ID of the object
 * @param subBox          the object in the sub frame that fired, sub-stream pixels
 * @param subWidth        sub-stream frame width
 * @param subHeight       sub-stream frame height
 * @param subFrameNumber  1-based count of the sub frame that fired
 * @param subFrameNanos   {@link System#nanoTime()} when that sub frame arrived
 * @param firedAt         wall-clock time of that arrival
 */
public record TriggerEvent(String camera, int sequence, long trackId, Box subBox, int subWidth, int subHeight,
                           long subFrameNumber, long subFrameNanos, Instant firedAt) {
}
