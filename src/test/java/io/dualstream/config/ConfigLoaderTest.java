package io.dualstream.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.inspect.CameraSettings;
import io.dualstream.inspect.CrossingDirection;
import io.dualstream.internal.stream.CodecChoice;
import io.dualstream.internal.stream.RtspSource;
import io.dualstream.internal.stream.StreamSource;
import io.dualstream.internal.stream.TransportChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file format on real files: every value mapped, every mistake named by file, line and key. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static final String FULL = """
            secrets-file: secrets.yaml
            output:
              folder: out
              jpeg-quality: 90
              keep-count: 500
              keep-age: 7d
            detector:
              min-area: 0.002
              history: 300
            cameras:
              - name: gate-1
                credentials:
                  user: admin
                  password: ${secret:gate1}
                main:
                  url: rtsp://10.0.0.20:554/main
                  codec: h265
                sub:
                  url: rtsp://10.0.0.20:554/sub
                  codec: h264
                  transport: udp
                trigger:
                  from: [0.5, 0]
                  to: [0.5, 1]
                  direction: left-to-right
                pre-trigger-frames: 4
                detector:
                  history: 50
              - name: gate-2
                main:
                  url: rtsp://10.0.0.21/main
                  credentials: {user: "${env:CAM2_USER}", password: "${env:CAM2_PASSWORD}"}
                sub: {url: "rtsp://10.0.0.21/sub", resolution: 1280x720}
                trigger: {from: [0, 0.4], to: [1, 0.6]}
                output: {jpeg-quality: 80}
            """;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private InspectionConfig load(String yaml) throws Exception {
        write("secrets.yaml", "gate1: p@ss:w/rd\n");
        return new ConfigLoader(Map.of("CAM2_USER", "op", "CAM2_PASSWORD", "s3cret")::get)
                .load(write("dualstream.yaml", yaml), Optional.empty());
    }

    @Test
    void mapsTheMainStreamDelay() throws Exception {
        InspectionConfig config = load(FULL.replace("pre-trigger-frames: 4",
                "pre-trigger-frames: 4\n    main-stream-delay: 80ms"));
        assertEquals(Duration.ofMillis(80), config.cameras().get(0).mainStreamDelay());
        assertError(FULL.replace("pre-trigger-frames: 4", "pre-trigger-frames: 4\n    main-stream-delay: 3s"), 27,
                "cameras[0].main-stream-delay", "0..2 s");
    }

    @Test
    void mapsEveryValue() throws Exception {
        InspectionConfig config = load(FULL);
        assertEquals(2, config.cameras().size());
        CameraSettings gate1 = config.cameras().get(0);
        assertEquals("gate-1", gate1.name());
        assertEquals(CodecChoice.H265, rtsp(gate1.main()).codec());
        assertEquals(CodecChoice.H264, rtsp(gate1.sub()).codec());
        assertEquals(TransportChoice.AUTO, rtsp(gate1.main()).transport(), "auto unless the file says");
        assertEquals(TransportChoice.UDP, rtsp(gate1.sub()).transport());
        assertEquals("admin", rtsp(gate1.main()).url().user().orElseThrow());
        assertEquals("p@ss:w/rd", rtsp(gate1.main()).url().password().orElseThrow());
        assertEquals("p@ss:w/rd", rtsp(gate1.sub()).url().password().orElseThrow());
        assertEquals(0.5, gate1.trigger().from().x());
        assertEquals(1.0, gate1.trigger().to().y());
        assertEquals(CrossingDirection.LEFT_TO_RIGHT, gate1.trigger().direction());
        assertEquals(4, gate1.preTriggerFrames());
        assertEquals(Duration.ZERO, gate1.mainStreamDelay());
        assertEquals(0.002, gate1.detector().minAreaFraction());
        assertEquals(50, gate1.detector().history(), "the camera's own key wins");
        assertEquals(dir.resolve("out").toAbsolutePath(), gate1.output().folder(), "relative to the config file");
        assertEquals(90, gate1.output().jpegQuality());
        assertEquals(500, gate1.output().keepCount());
        assertEquals(Duration.ofDays(7), gate1.output().keepAge());

        CameraSettings gate2 = config.cameras().get(1);
        assertEquals("op", rtsp(gate2.main()).url().user().orElseThrow());
        assertEquals("s3cret", rtsp(gate2.main()).url().password().orElseThrow());
        assertFalse(rtsp(gate2.sub()).url().hasCredentials());
        assertEquals(CodecChoice.AUTO, rtsp(gate2.main()).codec());
        assertEquals(CrossingDirection.ANY, gate2.trigger().direction());
        assertEquals(0, gate2.preTriggerFrames());
        assertEquals(300, gate2.detector().history(), "file-wide detector section");
        assertEquals(80, gate2.output().jpegQuality());
        assertEquals(new Resolution(1280, 720), config.resolution("gate-2", "sub").orElseThrow());
        assertTrue(config.resolution("gate-2", "main").isEmpty());
        assertFalse(config.toString().contains("s3cret"), config.toString());
        assertFalse(config.toString().contains("p@ss"), config.toString());
    }

    @Test
    void secretsFileFromTheCommandLineWins() throws Exception {
        Path other = write("other-secrets.yaml", "gate1: from-cli\n");
        write("secrets.yaml", "gate1: from-config\n");
        InspectionConfig config = new ConfigLoader(Map.of("CAM2_USER", "u", "CAM2_PASSWORD", "p")::get)
                .load(write("dualstream.yaml", FULL), Optional.of(other));
        assertEquals("from-cli", rtsp(config.cameras().get(0).main()).url().password().orElseThrow());
    }

    @Test
    void credentialsFromSecretsAndTheEnvironmentAreNotPercentDecoded() throws Exception {
        // Only a password typed into a URL is percent-decoded; one given apart is the password as it is.
        write("secrets.yaml", "gate1: p%40ss\n");
        InspectionConfig config = new ConfigLoader(Map.of("CAM2_USER", "o%70", "CAM2_PASSWORD", "s%3Aw")::get)
                .load(write("dualstream.yaml", FULL), Optional.empty());
        String secret = rtsp(config.cameras().get(0).main()).url().password().orElseThrow();
        assertEquals("p%40ss", secret);
        assertEquals(6, secret.length());
        assertEquals("o%70", rtsp(config.cameras().get(1).main()).url().user().orElseThrow());
        assertEquals("s%3Aw", rtsp(config.cameras().get(1).main()).url().password().orElseThrow());
        assertFalse(config.toString().contains("p%40ss"), config.toString());
    }

    @Test
    void aPasswordTypedIntoTheUrlIsPercentDecoded() throws Exception {
        InspectionConfig config = load(FULL.replace("url: rtsp://10.0.0.21/main",
                "url: \"rtsp://op:p%40ss%3Aw%2Frd@10.0.0.21/main\"").replace(
                "      credentials: {user: \"${env:CAM2_USER}\", password: \"${env:CAM2_PASSWORD}\"}\n", ""));
        assertEquals("p@ss:w/rd", rtsp(config.cameras().get(1).main()).url().password().orElseThrow());
    }

    @Test
    void everyErrorNamesFileLineAndKey() throws Exception {
        assertError(FULL.replace("codec: h265", "codec: mpeg2"), 17, "cameras[0].main.codec", "h264, h265");
        assertError(FULL.replace("jpeg-quality: 90", "jpeg-quality: 101"), 4, "output.jpeg-quality",
                "between 1 and 100");
        assertError(FULL.replace("keep-age: 7d", "keep-age: forever"), 6, "output.keep-age", "duration");
        assertError(FULL.replace("transport: udp", "transport: sctp"), 21, "cameras[0].sub.transport", "auto, tcp, udp");
        assertError(FULL.replace("from: [0.5, 0]", "from: [1.5, 0]"), 23, "cameras[0].trigger.from[0]", "0 to 1");
        assertError(FULL.replace("from: [0.5, 0]", "from: [0.5]"), 23, "cameras[0].trigger.from", "[x, y]");
        assertError(FULL.replace("direction: left-to-right", "direction: sideways"), 25,
                "cameras[0].trigger.direction", "left-to-right");
        assertError(FULL.replace("pre-trigger-frames: 4", "pre-trigger-frames: 99"), 26,
                "cameras[0].pre-trigger-frames", "between 0 and 50");
        assertError(FULL.replace("    history: 50", "    histroy: 50"), 28, "cameras[0].detector.histroy",
                "unknown key");
        assertError(FULL.replace("url: rtsp://10.0.0.20:554/main", "url: http://10.0.0.20/main"), 16,
                "cameras[0].main.url", "rtsp");
        assertError(FULL.replace("name: gate-2", "name: GATE-1"), 29, "cameras[1]", "already used on line 11");
        assertError(FULL.replace("name: gate-2", "name: 'gate 2'"), 29, "cameras[1].name", "camera name");
        assertError(FULL.replace("    trigger: {from: [0, 0.4], to: [1, 0.6]}\n", ""), 29, "cameras[1]",
                "missing key 'trigger'");
        assertError(FULL.replace("  min-area: 0.002", "  min-area: 0"), 8, "detector.min-area", "above 0");
        assertError(FULL.replace("  min-area: 0.002", "  min-area: 0.002\n  min-area: 0.003"), 9,
                "detector.min-area", "given twice");
        assertError(FULL.replace("resolution: 1280x720", "resolution: 720p"), 33, "cameras[1].sub.resolution",
                "WIDTHxHEIGHT");
        assertError("cameras: []\n", 1, "cameras", "at least one camera");
        assertError("output: {}\n", 1, "", "missing key 'cameras'");
        assertError("cameras:\n  - name: a\n    main: [\n", 4, "", "not valid YAML");
    }

    @Test
    void missingCredentialsSayWhereToPutThem() throws Exception {
        Path file = write("dualstream.yaml", FULL);
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of("CAM2_USER", "u")::get).load(file, Optional.of(write("s.yaml", "gate1: x\n"))));
        assertEquals(32, e.line(), e.getMessage());
        assertEquals("cameras[1].main.credentials.password", e.key());
        assertTrue(e.getMessage().contains("environment variable CAM2_PASSWORD is not set"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of("CAM2_USER", "u", "CAM2_PASSWORD",
                "p")::get).load(file, Optional.of(write("s.yaml", "other: x\n"))));
        assertTrue(e.getMessage().startsWith("dualstream.yaml:14: cameras[0].credentials.password: no entry "
                + "'gate1' in secrets file s.yaml"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> new ConfigLoader(name -> null).load(
                write("nosecrets.yaml", FULL.replace("secrets-file: secrets.yaml\n", "")), Optional.empty()));
        assertTrue(e.getMessage().contains("needs a secrets file"), e.getMessage());
    }

    @Test
    void aBadSecretsFileIsNamedWithItsLine() throws Exception {
        write("secrets.yaml", "gate1: a\ngate1: b\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(name -> "x")
                .load(write("dualstream.yaml", FULL), Optional.empty()));
        assertEquals("secrets.yaml", e.file().getFileName().toString());
        assertEquals(2, e.line(), e.getMessage());
        assertFalse(e.getMessage().contains(": a") || e.getMessage().contains(": b"), e.getMessage());
    }

    @Test
    void aSecretThatBreaksTheUrlIsNotPrinted() throws Exception {
        write("secrets.yaml", "gate1: \"bad\\nline-secret\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(name -> "x")
                .load(write("dualstream.yaml", FULL), Optional.empty()));
        assertFalse(e.getMessage().contains("line-secret"), e.getMessage());
        assertTrue(e.getMessage().contains("cameras[0].main.url: RTSP password contains a control character"), e.getMessage());
    }

    @Test
    void aMissingFileSaysWhatToDo() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader().load(dir.resolve("nope.yaml"), Optional.empty()));
        assertTrue(e.getMessage().startsWith("nope.yaml: no such file"), e.getMessage());
        assertTrue(e.getMessage().contains("config/sample.yaml"), e.getMessage());
    }

    private void assertError(String yaml, int line, String key, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml), key);
        assertEquals(key, e.key(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("dualstream.yaml:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    /** Config files only describe RTSP cameras. */
    private static RtspSource rtsp(StreamSource source) {
        return (RtspSource) source;
    }
}
