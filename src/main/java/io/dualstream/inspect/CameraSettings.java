package io.dualstream.inspect;

import io.dualstream.internal.stream.StreamSource;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the inspection runtime needs to run one camera. Immutable and validated.
 *
 * @param name              camera name: used in logs, file names and the output sub-folder; letters,
 *                          digits, {@code . _ -}, 1..64 characters
 * @param main              the high-resolution stream snapshots come from
 * @param sub               the low-resolution stream the detector reads
 * @param trigger           the trigger line in sub-stream relative coordinates; may be null when the
 *                          detector is not one of the {@code triggerSources}
 * @param detector          settings of the built-in motion detector and tracker
 * @param output            where snapshots go and how long they stay
 * @param preTriggerFrames  K, the main frames kept in a ring so the snapshot is the one closest in time
 *                          to the sub frame that fired; 0 = the next main frame after the trigger. 0..50
 * @param mainStreamDelay   with a ring: how much later the main stream's frames arrive than the sub
 *                          stream's frames of the same instant (bigger frames take longer to encode,
 *                          send and decode); the ring picks the main frame that arrived closest to the
 *                          firing sub frame's arrival plus this. 0..2 s. Measure it once per camera model
 *                          (README, "The right instant").
 * @param triggerSources    the detector, external triggers (HTTP, MQTT), or both
 */
public record CameraSettings(String name, StreamSource main, StreamSource sub, TriggerLine trigger,
                             DetectorSettings detector, OutputSettings output, int preTriggerFrames,
                             Duration mainStreamDelay, TriggerSources triggerSources) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** 50 frames of 12 MP NV12 are 900 MB of native memory: more is a configuration mistake. */
    public static final int MAX_PRE_TRIGGER_FRAMES = 50;

    public CameraSettings {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException("camera name must be 1..64 letters, digits, '.', '_' or '-' and not "
                    + "start with '.', got '" + name + "'");
        }
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(triggerSources, "triggerSources");
        if (trigger == null && triggerSources.detector()) {
            throw new IllegalArgumentException("the detector needs a trigger line: give `trigger:`, or take "
                    + "external triggers only");
        }
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(output, "output");
        if (preTriggerFrames < 0 || preTriggerFrames > MAX_PRE_TRIGGER_FRAMES) {
            throw new IllegalArgumentException("pre-trigger frames must be 0.." + MAX_PRE_TRIGGER_FRAMES + ", got "
                    + preTriggerFrames);
        }
        Objects.requireNonNull(mainStreamDelay, "mainStreamDelay");
        if (mainStreamDelay.isNegative() || mainStreamDelay.compareTo(Duration.ofSeconds(2)) > 0) {
            throw new IllegalArgumentException("main stream delay must be 0..2 s, got " + mainStreamDelay.toMillis()
                    + " ms");
        }
    }

    /** Settings with no main-stream delay compensation, triggered by the detector and from outside. */
    public CameraSettings(String name, StreamSource main, StreamSource sub, TriggerLine trigger,
                          DetectorSettings detector, OutputSettings output, int preTriggerFrames) {
        this(name, main, sub, trigger, detector, output, preTriggerFrames, Duration.ZERO);
    }

    /** Settings triggered by the detector and from outside (which needs the station's HTTP or MQTT). */
    public CameraSettings(String name, StreamSource main, StreamSource sub, TriggerLine trigger,
                          DetectorSettings detector, OutputSettings output, int preTriggerFrames,
                          Duration mainStreamDelay) {
        this(name, main, sub, trigger, detector, output, preTriggerFrames, mainStreamDelay, TriggerSources.BOTH);
    }
}
