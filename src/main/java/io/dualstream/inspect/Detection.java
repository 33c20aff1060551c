package io.dualstream.inspect;

import java.util.Objects;

/**
 * One object found in a sub-stream frame.
 *
 * @param box   where it is, in the frame's pixel coordinates
 * @param score how sure the detector is, 0..1 (the motion detector reports 1)
 * @param label what it is ({@code "motion"} for the built-in detector; a class name for an AI model)
 */
public record Detection(Box box, double score, String label) {
    public Detection {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(label, "label");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("detection score must be 0..1, got " + score);
        }
    }
}
