package io.dualstream.inspect.track;

import io.dualstream.inspect.Box;

/**
 * One object as the tracker sees it in the latest frame.
 *
 * @param id     stable ID: the same object keeps it from frame to frame; never reused
 * @param box    where it is now (or was last seen), sub-stream pixels
 * @param missed consecutive frames it was not detected (0 when seen in this frame)
 * @param age    frames since it was first seen
 */
public record Track(long id, Box box, int missed, long age) {
    public double x() {
        return box.centerX();
    }

    public double y() {
        return box.centerY();
    }
}
