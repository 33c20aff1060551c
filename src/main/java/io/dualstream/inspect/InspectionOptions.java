package io.dualstream.inspect;

import java.util.Objects;

/**
 * How the runtime runs, beyond each camera's settings.
 *
 * @param preview    open a preview window per camera (sub stream, trigger line, tracked boxes, FPS,
 *                   staleness) on its own thread, which never slows capture; needs a display, else
 *                   {@link InspectionRuntime#start} throws
 *                   {@link io.dualstream.inspect.preview.PreviewUnavailableException} with one line
 * @param detectors  makes each camera's detector; {@link #builtInDetector()} by default
 */
public record InspectionOptions(boolean preview, DetectorFactory detectors) {
    public InspectionOptions {
        Objects.requireNonNull(detectors, "detectors");
    }

    /** No preview, the built-in motion detector. */
    public static InspectionOptions defaults() {
        return new InspectionOptions(false, builtInDetector());
    }

    public InspectionOptions withPreview(boolean preview) {
        return new InspectionOptions(preview, detectors);
    }

    /** The built-in motion detector (background subtraction + contours), configured from each camera's settings. */
    public static DetectorFactory builtInDetector() {
        return camera -> new io.dualstream.inspect.detect.MotionDetector(camera.detector());
    }
}
