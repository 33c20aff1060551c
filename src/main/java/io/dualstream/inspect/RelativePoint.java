package io.dualstream.inspect;

/**
 * A point in relative frame coordinates: 0..1 across the width (x) and down the height (y), so it
 * means the same spot on the sub stream and on the main stream.
 */
public record RelativePoint(double x, double y) {
    public RelativePoint {
        check("x", x);
        check("y", y);
    }

    private static void check(String axis, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("point " + axis + " must be a fraction of the frame, 0..1, got "
                    + value);
        }
    }
}
