package io.dualstream.app;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo in its own JVM, stopped with SIGTERM (what Ctrl+C or a service manager sends) once it
 * has saved a snapshot: it must end within its grace period, report, and leave only whole JPEGs.
 */
class DemoStopSignalTest {
    @TempDir
    Path folder;

    @Test
    @Timeout(120)
    void aStopSignalEndsTheDemoCleanly() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process demo = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.dualstream.app.Main", "demo", "--out", folder.toString(), "--seconds", "100").start();
        try {
            // Own threads, not the common pool: on 2 cores it has one worker, and both readers block.
            ExecutorService readers = Executors.newFixedThreadPool(2);
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(demo), readers);
            BufferedReader log = new BufferedReader(new InputStreamReader(demo.getErrorStream(), StandardCharsets.UTF_8));
            String line;
            boolean saved = false;
            while ((line = log.readLine()) != null) {
                // the writer's line: "snapshot 1 (detector object 1) saved: demo-....jpg ..."
                if (line.contains("snapshot 1 (") && line.contains(") saved: ")) {
                    saved = true;
                    break;
                }
            }
            assertTrue(saved, "the demo saved no snapshot before its log ended");
            CompletableFuture<String> laterLog = CompletableFuture.supplyAsync(() -> drain(log), readers);
            readers.shutdown();

            long stopAsked = System.nanoTime();
            // SIGTERM through the handle: Process.destroy() would also close our ends of the child's
            // pipes, and everything the child prints while stopping would be lost.
            demo.toHandle().destroy();
            assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "demo did not stop within 30 s of SIGTERM");
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAsked);
            String summary = stdout.get(5, TimeUnit.SECONDS);
            assertTrue(summary.contains("stopped on request"), "summary: '" + summary + "', exit code "
                    + demo.exitValue() + ", log after the signal:\n" + laterLog.get(5, TimeUnit.SECONDS));
            System.out.printf("demo stopped %d ms after SIGTERM: %s", stopMillis, summary);

            List<Path> files;
            try (Stream<Path> list = Files.list(folder.resolve("demo"))) {
                files = list.toList();
            }
            assertTrue(files.stream().allMatch(f -> f.getFileName().toString().matches("demo-.*\\.(jpg|json)")),
                    "only whole snapshots may remain, found " + files);
            for (Path file : files.stream().filter(f -> f.toString().endsWith(".jpg")
                    && !f.toString().endsWith("-crop.jpg")).toList()) {
                try (Mat image = imread(file.toString())) {
                    assertEquals(SyntheticCameras.MAIN_WIDTH, image.cols(), file + " is not a whole image");
                }
            }
        } finally {
            demo.destroyForcibly();
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Reads the child's stderr to its end, so its pipe never fills up; returns what it read. */
    private static String drain(BufferedReader reader) {
        StringBuilder text = new StringBuilder();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                text.append(line).append('\n');
            }
        } catch (java.io.IOException e) {
            // the child ended
        }
        return text.toString();
    }
}
