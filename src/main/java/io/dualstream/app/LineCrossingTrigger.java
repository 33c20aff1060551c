package io.dualstream.app;

/**
 * Fires once each time an object's centre crosses a vertical line, given as a fraction of the frame
 * width so that it means the same on the sub stream and the main stream.
 */
final class LineCrossingTrigger {
    /** Which crossings fire. */
    enum Direction { ANY, LEFT_TO_RIGHT, RIGHT_TO_LEFT }

    private final double lineFraction;
    private final Direction direction;
    private double previousFraction = Double.NaN;

    LineCrossingTrigger(double lineFraction, Direction direction) {
        if (!(lineFraction > 0 && lineFraction < 1)) {
            throw new IllegalArgumentException("trigger line must lie inside the frame (0 < x < 1), got "
                    + lineFraction);
        }
        this.lineFraction = lineFraction;
        this.direction = direction;
    }

    /**
     * Feeds the object's position in this frame; true when it crossed the line since the last one.
     *
     * @param xFraction the object's centre divided by the frame width
     */
    boolean update(double xFraction) {
        double previous = previousFraction;
        previousFraction = xFraction;
        if (Double.isNaN(previous)) {
            return false;
        }
        boolean rightwards = previous < lineFraction && xFraction >= lineFraction;
        boolean leftwards = previous >= lineFraction && xFraction < lineFraction;
        return switch (direction) {
            case ANY -> rightwards || leftwards;
            case LEFT_TO_RIGHT -> rightwards;
            case RIGHT_TO_LEFT -> leftwards;
        };
    }

    /** Forgets the last position, e.g. when the object left the frame. */
    void reset() {
        previousFraction = Double.NaN;
    }

    double lineFraction() {
        return lineFraction;
    }
}
