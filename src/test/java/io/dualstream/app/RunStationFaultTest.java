package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.testing.RtspTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as an inspection PC runs it, in its own JVM, against the project's RTSP server playing
 * a camera that reboots: killed (SIGKILL, as a power loss) and restarted several times, once after a
 * 60 s outage, once with another main-stream resolution. The station must never exit by itself,
 * must save snapshots again within 5 s of every return, and must save exactly one snapshot per
 * crossing that happened while the camera was up. Stopped at the end with SIGTERM, as a service
 * manager does. Bounded: about two and a half minutes.
 */
class RunStationFaultTest {
    private static final String SCENE = "sub=/sub:480x270@25,main=/main:%s@15,objects=1000,start=0.2,period=1.6,qr=0";
    private static final Duration RESUME_BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void theStationRidesThroughRebootsALongOutageAndAResolutionChange() throws Exception {
        GStreamerSupport.ensureAvailable();
        try (RtspTestServer server = RtspTestServer.startWithArguments(scene("960x720"))) {
            Path config = Files.writeString(dir.resolve("station.yaml"), """
                    output: {folder: out}
                    detector: {min-area: 0.002, history: 50}
                    cameras:
                      - name: gate
                        main: {url: "%s", codec: auto}
                        sub: {url: "%s", codec: auto}
                        trigger: {from: [0.5, 0], to: [0.5, 1], direction: left-to-right}
                        pre-trigger-frames: 3
                    """.formatted(server.url("/main"), server.url("/sub")));
            AppProcess.Started station = AppProcess.start(dir, Map.of(), null, "run", "--config", config.toString());
            Path snapshots = dir.resolve("out/gate");
            List<Long> resumeMillis = new ArrayList<>();
            try {
                awaitCaughtUp(server, snapshots, 2, Duration.ofSeconds(40));
                // Reboots: short outages, each right after a snapshot (between two crossings).
                for (Duration outage : List.of(Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(60))) {
                    resumeMillis.add(reboot(server, snapshots, outage, List.of()));
                    assertTrue(station.isAlive(), "the station exited by itself");
                }
                // The camera comes back with another main-stream resolution.
                resumeMillis.add(reboot(server, snapshots, Duration.ofSeconds(2), scene("640x480")));
                assertTrue(station.isAlive(), "the station exited by itself");
            } finally {
                AppProcess result = station.terminate(Duration.ofSeconds(60));
                System.out.println("station stdout:\n" + result.out());
                // SIGTERM: the JVM's status for it, 128 + 15, after the clean stop the report shows.
                assertEquals(143, result.exitCode(), result.err());
                assertTrue(result.out().contains("(stopped on request)"), result.out());
                assertTrue(result.out().contains("main STREAMING, 4 outage(s)"), result.out());
                assertTrue(result.out().contains("sub STREAMING, 4 outage(s)"), result.out());
            }
            System.out.println("snapshots resumed " + resumeMillis + " ms after each return");
            for (long millis : resumeMillis) {
                assertTrue(millis <= RESUME_BOUND.toMillis(), "resumed after " + resumeMillis + " ms");
            }
            long crossed = crossings(server);
            assertEquals(crossed, sidecars(snapshots).size(), "one snapshot per crossing while the camera was up");
            List<Path> last = sidecars(snapshots);
            String newest = Files.readString(last.get(last.size() - 1));
            assertTrue(newest.contains("\"width\": 640") || newest.contains("\"width\":640"),
                    "the last snapshot has the new resolution: " + newest);
        }
    }

    private static List<String> scene(String mainSize) {
        return List.of("--crossing-scene", SCENE.formatted(mainSize));
    }

    /**
     * Kills the server, waits {@code outage}, starts it again (with other arguments, if given) and
     * waits until snapshots caught up with the crossings twice more.
     *
     * @return milliseconds from the server's return to the first snapshot after it
     */
    private static long reboot(RtspTestServer server, Path snapshots, Duration outage, List<String> arguments)
            throws Exception {
        server.kill();
        Thread.sleep(outage.toMillis());
        int before = sidecars(snapshots).size();
        long back = System.nanoTime();
        if (arguments.isEmpty()) {
            server.restart();
        } else {
            server.restartWithArguments(arguments);
        }
        long resumed = awaitSnapshots(snapshots, before + 1, Duration.ofSeconds(30));
        long millis = (resumed - back) / 1_000_000;
        System.out.println("outage " + outage.toSeconds() + " s: first snapshot " + millis + " ms after the return");
        awaitCaughtUp(server, snapshots, before + 2, Duration.ofSeconds(30));
        return millis;
    }

    /** Waits until at least {@code count} snapshots exist and as many as the crossings so far. */
    private static void awaitCaughtUp(RtspTestServer server, Path snapshots, int count, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int saved = sidecars(snapshots).size();
            if (saved >= count && saved == crossings(server)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("snapshots " + sidecars(snapshots).size() + ", crossings " + crossings(server)
                + " after " + timeout.toSeconds() + " s");
    }

    /** @return the nanoTime at which there were {@code count} snapshots */
    private static long awaitSnapshots(Path snapshots, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (sidecars(snapshots).size() >= count) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no snapshot within " + timeout.toSeconds() + " s of the camera's return");
    }

    private static long crossings(RtspTestServer server) {
        return server.lines().stream().filter(line -> line.startsWith("CROSSED ")).count();
    }

    private static List<Path> sidecars(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
