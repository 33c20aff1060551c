package io.dualstream.inspect.track;

import io.dualstream.inspect.Box;

/**
 * An object crossed the trigger line.
 *
 * @param trackId the object's tracker ID
 * @param box     where it was in the frame that fired, sub-stream pixels
 * @param dx      how far its centre moved across the line (x), pixels
 * @param dy      how far its centre moved across the line (y), pixels
 */
public record Crossing(long trackId, Box box, double dx, double dy) {
}
