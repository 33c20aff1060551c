package io.dualstream.inspect;

import java.util.Objects;

/**
 * The line an object must cross to fire a snapshot, in sub-stream relative coordinates, and which
 * crossings count.
 *
 * @param from      one end of the line
 * @param to        the other end; must differ from {@code from}
 * @param direction which crossings fire
 */
public record TriggerLine(RelativePoint from, RelativePoint to, CrossingDirection direction) {
    public TriggerLine {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(direction, "direction");
        if (Math.hypot(to.x() - from.x(), to.y() - from.y()) < 1e-3) {
            throw new IllegalArgumentException("trigger line needs two distinct points, got " + from + " and " + to);
        }
    }

    /** A vertical line at {@code x} (fraction of the width), top to bottom of the frame. */
    public static TriggerLine vertical(double x, CrossingDirection direction) {
        return new TriggerLine(new RelativePoint(x, 0), new RelativePoint(x, 1), direction);
    }
}
