package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.testing.RtspTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapshot --every}: through a server restart, through an output folder that disappears,
 * and against a full disk (a real file-size limit on the app's process).
 */
class IntervalSnapshotCommandTest {
    @TempDir
    Path folder;

    /** {@code snapshot URL --every EVERY --seconds SECONDS --out OUT} on a thread of its own. */
    private static CompletableFuture<CommandRunner> startSnapshots(RtspTestServer server, Path out, String every,
            String seconds) {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        CompletableFuture<CommandRunner> run = CompletableFuture.supplyAsync(() -> CommandRunner.run("snapshot",
                server.url("/cam"), "--every", every, "--seconds", seconds, "--out", out.toString()), runner);
        runner.shutdown();
        return run;
    }

    @Test
    @Timeout(120)
    void ridesThroughAServerRestartAndResumesWithinFiveSeconds() throws Exception {
        Path out = folder.resolve("shots");
        try (RtspTestServer server = RtspTestServer.start("/cam=h264:320x240@10")) {
            CompletableFuture<CommandRunner> run = startSnapshots(server, out, "1s", "20");
            awaitFirstSnapshot(out, Duration.ofSeconds(30));
            Thread.sleep(2000);
            server.kill();
            Thread.sleep(4000);
            server.restart();
            Instant back = Instant.now();
            CommandRunner result = run.get(90, TimeUnit.SECONDS);
            assertEquals(Main.EXIT_OK, result.exitCode(), result.out() + result.err());
            assertTrue(result.out().contains("snapshots resumed after every outage"), result.out());
            List<Instant> saved = savedTimes(out);
            Instant firstAfter = saved.stream().filter(t -> t.isAfter(back)).findFirst().orElseThrow(
                    () -> new AssertionError("no snapshot after the restart: " + result.out()));
            long resumedMillis = Duration.between(back, firstAfter).toMillis();
            System.out.printf("snapshot --every 1s: first snapshot %d ms after the server was back; %s", resumedMillis,
                    result.out().lines().filter(l -> l.startsWith("interval")).findFirst().orElse("") + "\n");
            assertTrue(resumedMillis <= 5000, "resumed " + resumedMillis + " ms after the server was back");
            assertTrue(saved.size() >= 8, saved.size() + " snapshots");
        }
    }

    @Test
    @Timeout(120)
    void anOutputFolderThatDisappearsFailsSnapshotsButNotTheStream() throws Exception {
        Path out = folder.resolve("shots");
        try (RtspTestServer server = RtspTestServer.start("/cam=h264:320x240@10")) {
            CompletableFuture<CommandRunner> run = startSnapshots(server, out, "500ms", "14");
            awaitFirstSnapshot(out, Duration.ofSeconds(30));
            Thread.sleep(1000);
            // The folder becomes a regular file: writing into it fails (ENOTDIR) even for root.
            Path moved = folder.resolve("moved");
            Files.move(out, moved);
            Files.writeString(out, "not a folder");
            Thread.sleep(3000);
            Files.delete(out);
            Files.move(moved, out);
            CommandRunner result = run.get(90, TimeUnit.SECONDS);
            assertEquals(Main.EXIT_OK, result.exitCode(), result.out() + result.err());
            Matcher m = Pattern.compile("(\\d+) saved, (\\d+) failed").matcher(result.out());
            assertTrue(m.find(), result.out());
            assertTrue(Integer.parseInt(m.group(2)) >= 2, "snapshots must have failed meanwhile: " + result.out());
            assertTrue(result.out().contains("0 reconnect(s)"), "the stream must not have been disturbed: "
                    + result.out());
        }
    }

    @Test
    @Timeout(120)
    void aFullDiskFailsEachSnapshotWhileGrabbingGoesOn() throws Exception {
        // Noise does not compress: every JPEG is far above the 16 KiB the process may write.
        String noise = "/noise=( videotestsrc is-live=true pattern=snow ! video/x-raw,width=320,height=240,"
                + "framerate=10/1 ! x264enc speed-preset=ultrafast tune=zerolatency key-int-max=10 "
                + "! rtph264pay name=pay0 pt=96 config-interval=1 )";
        // The child shares JavaCPP's cache folder: extract OpenCV's libraries and place the plugin there
        // now, from this JVM, so the child's 16 KiB limit only hits the snapshots it writes, not its
        // start-up (on a fresh machine this test may be the first to touch the cache).
        GStreamerSupport.ensureAvailable();
        Loader.load(opencv_imgcodecs.class);
        try (RtspTestServer server = RtspTestServer.startWithArguments(List.of("--launch", noise))) {
            Path out = folder.resolve("full");
            AppProcess result = AppProcess.run(folder, Map.of(), 16, Duration.ofSeconds(90), "snapshot",
                    server.url("/noise"), "--every", "1s", "--seconds", "5", "--out", out.toString(),
                    "--codec", "h264");
            assertEquals(Main.EXIT_FAILED, result.exitCode(), result.out() + result.err());
            Matcher m = Pattern.compile("0 saved, (\\d+) failed, 1 outage\\(s\\), longest \\d+ ms; (\\d+) frames grabbed")
                    .matcher(result.out());
            assertTrue(m.find(), result.out() + result.err());
            assertTrue(Integer.parseInt(m.group(1)) >= 4, result.out());
            assertTrue(Long.parseLong(m.group(2)) >= 30, "grabbing must go on: " + result.out());
            assertTrue(result.err().contains("not written"), result.err());
            try (Stream<Path> files = Files.list(out)) {
                assertEquals(List.of(), files.toList(), "no half-written file may remain");
            }
        }
    }

    /** Waits until the command has saved its first snapshot: on a loaded machine start-up takes seconds. */
    static void awaitFirstSnapshot(Path out, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(out) && !savedTimes(out).isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no snapshot in " + out + " within " + timeout);
    }

    static List<Instant> savedTimes(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().matches("snapshot-.*\\.jpg"))
                    .map(f -> {
                        try {
                            return Files.getLastModifiedTime(f);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(FileTime::toInstant).sorted().toList();
        }
    }
}
