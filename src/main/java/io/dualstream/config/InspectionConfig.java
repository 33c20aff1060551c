package io.dualstream.config;

import io.dualstream.inspect.CameraSettings;
import io.dualstream.station.http.HttpSettings;
import io.dualstream.station.mqtt.MqttSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated config file: the cameras of one inspection PC, ready for
 * {@code InspectionRuntime.start}. Holds resolved credentials inside the cameras' URLs; their
 * {@code toString()} masks them.
 *
 * @param file        the file it came from
 * @param cameras     one entry per camera, in file order, names unique
 * @param resolutions the optional {@code resolution:} of each stream, keyed {@code camera/main} or
 *                    {@code camera/sub}: what {@code doctor} checks NVDEC's limits against
 * @param station     this PC's name in MQTT topics and the health answer ({@code station:}, else the host name)
 * @param mqtt        events and trigger commands over MQTT, when the {@code mqtt:} section is there
 * @param http        the HTTP endpoint, when the {@code http:} section is there
 */
public record InspectionConfig(Path file, List<CameraSettings> cameras, Map<String, Resolution> resolutions,
                               String station, Optional<MqttSettings> mqtt, Optional<HttpSettings> http) {
    public InspectionConfig {
        cameras = List.copyOf(cameras);
        resolutions = Map.copyOf(resolutions);
    }

    /** @param stream {@code "main"} or {@code "sub"} */
    public Optional<Resolution> resolution(String camera, String stream) {
        return Optional.ofNullable(resolutions.get(camera + "/" + stream));
    }
}
