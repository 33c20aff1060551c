package io.dualstream.app;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.moments;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Moments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo, with no camera: the inspection runtime on the synthetic 12 MP / 720p camera. */
class DemoCommandTest {
    /** How far from the line (fraction of the width) the ball may be in a snapshot. */
    private static final double LINE_TOLERANCE = 0.05;

    @TempDir
    Path folder;

    /** The ball's centre in a snapshot: the centroid of its bright pixels, as a fraction of the width. */
    private static double ballX(Mat image, Path file) {
        try (Mat gray = new Mat(); Mat bright = new Mat()) {
            cvtColor(image, gray, COLOR_BGR2GRAY);
            threshold(gray, bright, 128, 255, THRESH_BINARY);
            try (Moments m = moments(bright, true)) {
                assertTrue(m.m00() > 100, "no ball in " + file);
                return m.m10() / m.m00() / image.cols();
            }
        }
    }

    @Test
    @Timeout(120)
    void runsTheInspectionRuntimeAndItsSnapshotsShowTheBallOnTheLine() throws Exception {
        CommandRunner result = CommandRunner.run("demo", "--out", folder.toString(), "--seconds", "20");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        Path camera = folder.resolve("demo");
        List<Path> jpegs;
        try (Stream<Path> files = Files.list(camera)) {
            jpegs = files.filter(f -> f.toString().endsWith(".jpg") && !f.toString().endsWith("-crop.jpg"))
                    .sorted().toList();
        }
        assertTrue(jpegs.size() >= 2, "snapshots saved: " + jpegs + "; " + result.out());
        for (Path jpeg : jpegs) {
            try (Mat image = imread(jpeg.toString())) {
                assertEquals(SyntheticCameras.MAIN_WIDTH, image.cols());
                assertEquals(SyntheticCameras.MAIN_HEIGHT, image.rows());
                double x = ballX(image, jpeg);
                System.out.printf("demo snapshot %s: ball at x = %.3f of the width (line at 0.5)%n",
                        jpeg.getFileName(), x);
                // The ring picks the main frame of the crossing's instant: the ball on the line, within
                // the few sub-stream frames' travel one main frame (200 ms) can be off.
                assertTrue(Math.abs(x - 0.5) < LINE_TOLERANCE, jpeg + ": ball at x = " + x);
            }
            String base = jpeg.getFileName().toString().replace(".jpg", "");
            assertTrue(Files.exists(camera.resolve(base + ".json")), "sidecar of " + jpeg);
            assertTrue(Files.exists(camera.resolve(base + "-crop.jpg")), "crop of " + jpeg);
        }
        assertTrue(result.out().contains(jpegs.size() + " snapshots saved"), result.out());
        assertTrue(result.out().contains("main STREAMING, 0 outage(s)"), result.out());
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
