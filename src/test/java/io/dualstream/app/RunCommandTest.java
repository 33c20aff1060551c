package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.testing.RtspTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}: the repository's sample config is valid, and a broken config is one line naming file, line, key. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void theSampleConfigIsValidAndItsPasswordIsNotPrinted() {
        CommandRunner result = CommandRunner.run("run", "--config", "config/sample.yaml", "--dry-run");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("camera cam1: main rtsp://operator:***@127.0.0.1:8554/main (h264, tcp)"),
                result.out());
        assertTrue(result.out().contains("is valid, 1 camera(s)"), result.out());
        assertFalse(result.out().contains("not-needed"), result.out());
    }

    @Test
    void aBrokenConfigIsOneLineWithFileLineAndKey() throws Exception {
        String sample = Files.readString(Path.of("config/sample.yaml"));
        Files.copy(Path.of("config/sample-secrets.yaml"), dir.resolve("sample-secrets.yaml"));
        Path broken = Files.writeString(dir.resolve("pc7.yaml"), sample.replace("jpeg-quality: 95", "jpeg-quality: 0"));
        CommandRunner result = CommandRunner.run("run", "--config", broken.toString(), "--dry-run");
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        int line = sample.lines().toList().indexOf(sample.lines().filter(l -> l.contains("jpeg-quality")).findFirst()
                .orElseThrow()) + 1;
        assertTrue(result.err().startsWith("dualstream: pc7.yaml:" + line + ": output.jpeg-quality: must be between 1 "
                + "and 100, got 0"), result.err());
    }

    /**
     * The sample as a new user runs it (config/try-sample.sh): the RTSP test server's crossing scene on the
     * sample's mounts, the sample file unchanged except for the server's port and the output folder. The
     * main mount is 960x540 here instead of try-sample's 1920x1080, to spare a shared 2-core machine.
     */
    @Test
    @Timeout(180)
    void theSampleConfigRunsAgainstTheTestServer() throws Exception {
        GStreamerSupport.ensureAvailable();
        try (RtspTestServer server = RtspTestServer.startWithArguments(List.of("--crossing-scene",
                "sub=/sub:640x360@25,main=/main:960x540@10,objects=3,start=3,period=3"))) {
            String sample = Files.readString(Path.of("config/sample.yaml"));
            assertTrue(sample.contains("127.0.0.1:8554/main") && sample.contains("folder: ../snapshots"), sample);
            Files.copy(Path.of("config/sample-secrets.yaml"), dir.resolve("sample-secrets.yaml"));
            Path config = Files.writeString(dir.resolve("sample.yaml"), sample
                    .replace("127.0.0.1:8554", "127.0.0.1:" + server.port()).replace("folder: ../snapshots",
                            "folder: out"));
            CommandRunner result = CommandRunner.run("run", "--config", config.toString(), "--seconds", "25");
            System.out.println(result.out());
            assertEquals(Main.EXIT_OK, result.exitCode(), result.out() + result.err());
            assertTrue(result.out().contains("3 triggers, 3 snapshots saved"), result.out());
            try (Stream<Path> files = Files.list(dir.resolve("out/cam1"))) {
                assertEquals(3, files.filter(f -> f.toString().endsWith(".json")).count());
            }
        }
    }

    /**
     * A camera that does not answer is an outage, not an end: the station keeps trying (the port is
     * checked before each open, so a refused port never reaches OpenCV's GStreamer open), says why once
     * per stream, ends only on request (here --seconds) with exit 0, and never prints the password.
     */
    @Test
    @Timeout(120)
    void aCameraThatDoesNotAnswerIsRetriedUntilStoppedAndItsPasswordNeverPrinted() throws Exception {
        Path config = Files.writeString(dir.resolve("pc.yaml"), """
                cameras:
                  - name: a
                    credentials: {user: admin, password: "Hidden-pw1"}
                    main: {url: "rtsp://127.0.0.1:1/main", codec: h264}
                    sub: {url: "rtsp://127.0.0.1:1/sub", codec: h264}
                    trigger: {from: [0.5, 0], to: [0.5, 1]}
                """);
        AppProcess result = AppProcess.run(dir, Map.of(), null, Duration.ofSeconds(90), "run", "--config",
                config.toString(), "--seconds", "6");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.out() + result.err());
        assertEquals(2, count(result.err(), "connection to 127.0.0.1:1 refused"),
                "once per stream, not once per attempt: " + result.err());
        assertTrue(result.out().contains("main CONNECTING, 0 outage(s)"), result.out());
        assertFalse(result.out().contains("Hidden") || result.err().contains("Hidden"), result.out() + result.err());
    }

    /**
     * Wrong credentials are permanent: logged once with the fix and retried slowly (an operator fixes
     * the camera without restarting the service), never with the password.
     */
    @Test
    @Timeout(120)
    void wrongCredentialsAreLoggedOnceWithTheFixAndTheStationGoesOn() throws Exception {
        GStreamerSupport.ensureAvailable();
        try (RtspTestServer server = RtspTestServer.startWithArguments(List.of("--mount", "/main=h264:320x240@10",
                "--mount", "/sub=h264:320x240@10", "--auth", "/main=admin:right-pw", "--auth", "/sub=admin:right-pw"))) {
            Path config = Files.writeString(dir.resolve("pc.yaml"), """
                    cameras:
                      - name: a
                        credentials: {user: admin, password: "Wrong-pw1"}
                        main: {url: "%s", codec: h264}
                        sub: {url: "%s", codec: h264}
                        trigger: {from: [0.5, 0], to: [0.5, 1]}
                    """.formatted(server.url("/main"), server.url("/sub")));
            AppProcess result = AppProcess.run(dir, Map.of(), null, Duration.ofSeconds(90), "run", "--config",
                    config.toString(), "--seconds", "6");
            assertEquals(Main.EXIT_OK, result.exitCode(), result.out() + result.err());
            assertEquals(2, count(result.err(), "refused the credentials"), result.err());
            assertTrue(result.err().contains("check the user name and password"), result.err());
            assertTrue(result.err().contains("trying again every 60 s"), result.err());
            assertTrue(result.out().contains("main FAILED"), result.out());
            assertFalse(result.out().contains("Wrong-pw") || result.err().contains("Wrong-pw"),
                    result.out() + result.err());
        }
    }

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }

    @Test
    void configIsRequired() {
        CommandRunner result = CommandRunner.run("run");
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertTrue(result.err().contains("--config"), result.err());
    }
}
