package io.dualstream.inspect;

import java.util.Locale;

/**
 * Which crossings of the trigger line fire, judged by how the object's centre moved while it crossed:
 * {@code LEFT_TO_RIGHT} means its x grew, {@code TOP_TO_BOTTOM} means its y grew (image coordinates,
 * y downwards). Meant for roughly vertical lines (left/right) and roughly horizontal ones (up/down).
 */
public enum CrossingDirection {
    ANY,
    LEFT_TO_RIGHT,
    RIGHT_TO_LEFT,
    TOP_TO_BOTTOM,
    BOTTOM_TO_TOP;

    /**
     * Parses the names in any case, with {@code -} or {@code _}: {@code any}, {@code left-to-right},
     * {@code right-to-left}, {@code top-to-bottom}, {@code bottom-to-top}.
     *
     * @throws IllegalArgumentException for anything else, listing the accepted values
     */
    public static CrossingDirection parse(String text) {
        String key = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CrossingDirection direction : values()) {
            if (direction.name().equals(key)) {
                return direction;
            }
        }
        throw new IllegalArgumentException("direction must be one of any, left-to-right, right-to-left, "
                + "top-to-bottom, bottom-to-top, got " + (text == null ? "null" : "'" + text + "'"));
    }

    /** True when a crossing that moved the centre by (dx, dy) counts for this direction. */
    public boolean accepts(double dx, double dy) {
        return switch (this) {
            case ANY -> true;
            case LEFT_TO_RIGHT -> dx > 0;
            case RIGHT_TO_LEFT -> dx < 0;
            case TOP_TO_BOTTOM -> dy > 0;
            case BOTTOM_TO_TOP -> dy < 0;
        };
    }
}
