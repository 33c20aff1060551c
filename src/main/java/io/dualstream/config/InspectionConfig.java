package io.dualstream.config;

import io.dualstream.inspect.CameraSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded, validated config file: the cameras of one inspection PC, ready for
 * {@code InspectionRuntime.start}. Holds resolved credentials inside the cameras' URLs; their
 * {@code toString()} masks them.
 *
 * @param file    the file it came from
 * @param cameras one entry per camera, in file order, names unique
 */
public record InspectionConfig(Path file, List<CameraSettings> cameras) {
    public InspectionConfig {
        cameras = List.copyOf(cameras);
    }
}
