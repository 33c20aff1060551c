package io.dualstream.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.inspect.TriggerSources;
import io.dualstream.station.http.HttpSettings;
import io.dualstream.station.mqtt.MqttSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The station's sections (station, mqtt, http) and a camera's trigger-sources: mapped, defaulted, checked. */
class StationConfigTest {
    @TempDir
    Path dir;

    private static final String CAMERA = """
            cameras:
              - name: gate
                main: {url: "rtsp://10.0.0.20/main", codec: h264}
                sub: {url: "rtsp://10.0.0.20/sub", codec: h264}
                trigger: {from: [0.5, 0], to: [0.5, 1]}
            """;

    private InspectionConfig load(String yaml) throws Exception {
        Files.writeString(dir.resolve("secrets.yaml"), "mqtt-password: broker-Pw1\nhttp-token: 0123456789abcdef0123\n");
        Files.writeString(dir.resolve("ca.pem"), "not read when loading the config\n");
        return new ConfigLoader(Map.of("TOKEN", "from-the-environment-42")::get)
                .load(Files.writeString(dir.resolve("pc7.yaml"), yaml), Optional.empty());
    }

    private void assertError(String yaml, int line, String key, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml), key);
        assertEquals(key, e.key(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("pc7.yaml:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("broker-Pw1") || e.getMessage().contains("0123456789abcdef"),
                e.getMessage());
    }

    @Test
    void withoutTheSectionsThereIsNoMqttNoHttpAndCamerasTakeBothTriggers() throws Exception {
        InspectionConfig config = load(CAMERA);
        assertEquals(Optional.empty(), config.mqtt());
        assertEquals(Optional.empty(), config.http());
        assertEquals(TriggerSources.BOTH, config.cameras().get(0).triggerSources());
        assertFalse(config.station().isEmpty());
    }

    @Test
    void mapsEveryKey() throws Exception {
        InspectionConfig config = load("""
                secrets-file: secrets.yaml
                station: pc7
                mqtt:
                  broker: ssl://broker.plant:8883
                  client-id: pc7-inspection
                  topic-prefix: plant/line2/pc7
                  username: pc7
                  password: ${secret:mqtt-password}
                  tls: {ca-file: ca.pem}
                  qos: 2
                  queue-size: 500
                  reconnect-max: 10s
                http:
                  bind: 0.0.0.0
                  port: 9180
                  token: ${secret:http-token}
                """ + CAMERA.replace("trigger: {", "trigger-sources: [external, detector]\n    trigger: {"));
        MqttSettings mqtt = config.mqtt().orElseThrow();
        assertEquals("ssl://broker.plant:8883", mqtt.serverUri());
        assertEquals("pc7-inspection", mqtt.clientId());
        assertEquals("plant/line2/pc7", mqtt.topicPrefix());
        assertEquals(Optional.of("pc7"), mqtt.username());
        assertEquals(Optional.of("broker-Pw1"), mqtt.password());
        assertEquals(Optional.of(dir.resolve("ca.pem").toAbsolutePath()), mqtt.tls().orElseThrow().caFile());
        assertEquals(2, mqtt.qos());
        assertEquals(500, mqtt.queueSize());
        assertEquals(Duration.ofSeconds(10), mqtt.reconnectMax());
        assertFalse(mqtt.toString().contains("broker-Pw1"), mqtt.toString());
        HttpSettings http = config.http().orElseThrow();
        assertEquals("0.0.0.0", http.bind());
        assertEquals(9180, http.port());
        assertEquals(Optional.of("0123456789abcdef0123"), http.token());
        assertFalse(http.toString().contains("0123456789abcdef"), http.toString());
        assertEquals("pc7", config.station());
        assertEquals(TriggerSources.BOTH, config.cameras().get(0).triggerSources());
    }

    @Test
    void defaultsFollowTheStationName() throws Exception {
        InspectionConfig config = load("station: pc9\nmqtt: {broker: tcp://127.0.0.1}\nhttp: {}\n" + CAMERA);
        MqttSettings mqtt = config.mqtt().orElseThrow();
        assertEquals("tcp://127.0.0.1:1883", mqtt.serverUri());
        assertEquals("dualstream-pc9", mqtt.clientId());
        assertEquals("dualstream/pc9", mqtt.topicPrefix());
        assertEquals(MqttSettings.DEFAULT_QOS, mqtt.qos());
        assertEquals(MqttSettings.DEFAULT_QUEUE_SIZE, mqtt.queueSize());
        HttpSettings http = config.http().orElseThrow();
        assertEquals("127.0.0.1", http.bind());
        assertEquals(8080, http.port());
        assertEquals(Optional.empty(), http.token(), "loopback needs no token");
    }

    @Test
    void aCameraTriggeredFromOutsideOnlyNeedsNoLine() throws Exception {
        InspectionConfig config = load("http: {port: 0}\n" + CAMERA.replace("    trigger: {from: [0.5, 0], to: [0.5, 1]}",
                "    trigger-sources: [external]"));
        assertEquals(TriggerSources.EXTERNAL_ONLY, config.cameras().get(0).triggerSources());
        assertNull(config.cameras().get(0).trigger());
        InspectionConfig detectorOnly = load(CAMERA.replace("trigger: {", "trigger-sources: [detector]\n    trigger: {"));
        assertEquals(TriggerSources.DETECTOR_ONLY, detectorOnly.cameras().get(0).triggerSources());
    }

    @Test
    void everyMistakeNamesFileLineAndKeyWithoutTheSecret() {
        String secrets = "secrets-file: secrets.yaml\n";
        assertError(secrets + "http: {bind: 0.0.0.0}\n" + CAMERA, 2, "http.bind", "add `token: ${secret:http-token}`");
        assertError(secrets + "http:\n  token: short\n" + CAMERA, 3, "http.token", "at least 16 characters");
        assertError(secrets + "http: {port: 70000}\n" + CAMERA, 2, "http.port", "between 0 and 65535");
        assertError(secrets + "http: {bind: no-such-host.invalid}\n" + CAMERA, 2, "http.bind", "unknown address");
        assertError(secrets + "mqtt: {broker: http://x:1883}\n" + CAMERA, 2, "mqtt.broker", "tcp:// or ssl://");
        assertError(secrets + "mqtt: {broker: \"tcp://user:${secret:mqtt-password}@x\"}\n" + CAMERA, 2, "mqtt.broker",
                "`username:`");
        assertError(secrets + "mqtt:\n  broker: tcp://x\n  password: ${secret:mqtt-password}\n" + CAMERA, 4,
                "mqtt.password", "needs a `username:`");
        assertError(secrets + "mqtt:\n  broker: tcp://x\n  tls: {ca-file: ca.pem}\n" + CAMERA, 4, "mqtt.tls",
                "ssl://");
        assertError(secrets + "mqtt:\n  broker: ssl://x\n  tls: {ca-file: missing.pem}\n" + CAMERA, 4,
                "mqtt.tls.ca-file", "no readable file");
        assertError(secrets + "mqtt: {broker: tcp://x, topic-prefix: \"plant/#\"}\n" + CAMERA, 2, "mqtt.topic-prefix",
                "no + or #");
        assertError(secrets + "mqtt: {broker: tcp://x, qos: 3}\n" + CAMERA, 2, "mqtt.qos", "between 0 and 2");
        assertError(secrets + "mqtt: {broker: tcp://x, queue-size: 0}\n" + CAMERA, 2, "mqtt.queue-size",
                "between 1 and 1000000");
        assertError(secrets + "mqtt: {brokr: tcp://x}\n" + CAMERA, 2, "mqtt.brokr", "unknown key");
        assertError(secrets + "mqtt: {}\n" + CAMERA, 2, "mqtt", "missing key 'broker'");
        assertError(secrets + "station: \"pc 7\"\n" + CAMERA, 2, "station", "letters, digits");
        assertError(CAMERA.replace("trigger: {", "trigger-sources: [plc]\n    trigger: {"), 5,
                "cameras[0].trigger-sources[0]", "detector or external");
        assertError(CAMERA.replace("trigger: {", "trigger-sources: [detector, detector]\n    trigger: {"), 5,
                "cameras[0].trigger-sources[1]", "twice");
        assertError(CAMERA.replace("trigger: {", "trigger-sources: []\n    trigger: {"), 5,
                "cameras[0].trigger-sources", "at least one");
        assertError(CAMERA.replace("trigger: {", "trigger-sources: [external]\n    trigger: {"), 5,
                "cameras[0].trigger-sources", "add an `http:` or `mqtt:` section");
        assertError(CAMERA.replace("    trigger: {from: [0.5, 0], to: [0.5, 1]}\n", ""), 2, "cameras[0]",
                "missing key 'trigger'");
    }
}
