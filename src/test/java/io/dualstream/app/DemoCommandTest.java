package io.dualstream.app;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo, with no camera: the synthetic 12 MP / 720p pair must produce full-size JPEGs. */
class DemoCommandTest {
    @TempDir
    Path folder;

    @Test
    @Timeout(90)
    void savesFullResolutionSnapshotsOfTheObjectAtTheTriggerLine() throws Exception {
        CommandRunner result = CommandRunner.run("demo", "--out", folder.toString(), "--seconds", "14");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        List<Path> jpegs;
        try (Stream<Path> files = Files.list(folder)) {
            jpegs = files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
        }
        assertTrue(jpegs.size() >= 1, "no snapshot saved: " + result.out());
        for (Path jpeg : jpegs) {
            try (Mat image = imread(jpeg.toString());
                 BrightObjectDetector detector = new BrightObjectDetector(128, 50)) {
                assertEquals(SyntheticCameras.MAIN_WIDTH, image.cols());
                assertEquals(SyntheticCameras.MAIN_HEIGHT, image.rows());
                // The ball was at the line (x = 0.5) when the sub stream fired; one main-stream frame
                // interval later it may have moved, but it must be in the snapshot and near the line.
                double x = detector.detect(image).orElseThrow(() -> new AssertionError("no object in " + jpeg)).x()
                        / image.cols();
                System.out.printf("demo snapshot %s: object at x = %.3f of the width (line at 0.5)%n",
                        jpeg.getFileName(), x);
                assertTrue(Math.abs(x - 0.5) < 0.25, jpeg + ": object at x = " + x);
            }
        }
        assertTrue(result.out().contains(jpegs.size() + " snapshots saved"), result.out());
    }

    @Test
    void refusesAnUnwritableOutputFolderBeforeStarting() throws Exception {
        Path file = Files.createFile(folder.resolve("not-a-folder"));
        CommandRunner result = CommandRunner.run("demo", "--out", file.toString(), "--seconds", "1");
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertTrue(result.err().contains("output folder"), result.err());
    }

    @Test
    void rejectsBadSeconds() {
        CommandRunner result = CommandRunner.run("demo", "--seconds", "0");
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertTrue(result.err().contains("--seconds must be between 1 and 86400"), result.err());
    }
}
