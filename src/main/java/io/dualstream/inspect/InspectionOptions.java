package io.dualstream.inspect;

import io.dualstream.internal.stream.StreamOpener;
import java.time.Duration;
import java.util.Objects;

/**
 * How the runtime runs, beyond each camera's settings.
 *
 * @param preview               open a preview window per camera (sub stream, trigger line, tracked
 *                              boxes, FPS, staleness) on its own thread, which never slows capture;
 *                              needs a display, else {@link InspectionRuntime#start} throws
 *                              {@link io.dualstream.inspect.preview.PreviewUnavailableException} with
 *                              one line
 * @param detectors             makes each camera's detector; {@link #builtInDetector()} by default
 * @param permanentFailureRetry how often a stream that failed for a reason retrying cannot fix
 *                              (wrong password, path or codec) is tried again; logged once. One
 *                              minute by default: operators fix cameras without restarting the service
 * @param events                told of every snapshot and health change (the station's MQTT events);
 *                              nobody by default
 */
public record InspectionOptions(boolean preview, DetectorFactory detectors, Duration permanentFailureRetry,
                                InspectionEvents events) {
    public InspectionOptions {
        Objects.requireNonNull(detectors, "detectors");
        Objects.requireNonNull(permanentFailureRetry, "permanentFailureRetry");
        Objects.requireNonNull(events, "events");
    }

    public static InspectionOptions defaults() {
        return new InspectionOptions(false, builtInDetector(), StreamOpener.PERMANENT_FAILURE_RETRY,
                InspectionEvents.NONE);
    }

    public InspectionOptions withPreview(boolean preview) {
        return new InspectionOptions(preview, detectors, permanentFailureRetry, events);
    }

    public InspectionOptions withDetectors(DetectorFactory factory) {
        return new InspectionOptions(preview, factory, permanentFailureRetry, events);
    }

    public InspectionOptions withPermanentFailureRetry(Duration delay) {
        return new InspectionOptions(preview, detectors, delay, events);
    }

    public InspectionOptions withEvents(InspectionEvents listener) {
        return new InspectionOptions(preview, detectors, permanentFailureRetry, listener);
    }

    public static DetectorFactory builtInDetector() {
        return camera -> new io.dualstream.inspect.detect.MotionDetector(camera.detector());
    }
}
