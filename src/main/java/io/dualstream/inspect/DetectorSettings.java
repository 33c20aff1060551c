package io.dualstream.inspect;

/**
 * Settings of the built-in motion detector (background subtraction + contours) and of the centroid
 * tracker behind it. Sizes and distances are relative to the sub-stream frame, so the same settings
 * work for any sub-stream resolution.
 *
 * @param minAreaFraction     smallest object, as a fraction of the frame area (0 < f < 1), e.g. 0.002
 * @param history             frames the background model remembers (MOG2 {@code history}), 1..10000
 * @param varThreshold        MOG2 {@code varThreshold}: higher ignores more noise, > 0 (16 is OpenCV's default)
 * @param maxMatchDistance    furthest an object's centre may move between two frames and keep its ID,
 *                            as a fraction of the frame diagonal (0 < d <= 1)
 * @param maxMissedFrames     frames an object may go undetected before its ID is dropped, 0..1000
 */
public record DetectorSettings(double minAreaFraction, int history, double varThreshold, double maxMatchDistance,
                               int maxMissedFrames) {
    public DetectorSettings {
        if (!(minAreaFraction > 0 && minAreaFraction < 1)) {
            throw new IllegalArgumentException("detector min area must be a fraction of the frame, 0 < f < 1, got "
                    + minAreaFraction);
        }
        if (history < 1 || history > 10_000) {
            throw new IllegalArgumentException("detector history must be 1..10000 frames, got " + history);
        }
        if (!(varThreshold > 0)) {
            throw new IllegalArgumentException("detector varThreshold must be > 0, got " + varThreshold);
        }
        if (!(maxMatchDistance > 0 && maxMatchDistance <= 1)) {
            throw new IllegalArgumentException("tracker max match distance must be a fraction of the frame "
                    + "diagonal, 0 < d <= 1, got " + maxMatchDistance);
        }
        if (maxMissedFrames < 0 || maxMissedFrames > 1000) {
            throw new IllegalArgumentException("tracker max missed frames must be 0..1000, got " + maxMissedFrames);
        }
    }

    /** Small objects (0.1 % of the frame) and up to 10 % of the diagonal per frame: a conveyor at 25 fps. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(0.001, 200, 32, 0.1, 5);
    }
}
