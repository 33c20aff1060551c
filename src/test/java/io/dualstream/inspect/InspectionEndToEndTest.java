package io.dualstream.inspect;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.natives.GStreamerSupport;
import io.dualstream.testing.RtspTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole runtime against the RTSP server's crossing scene: white boxes crossing a black picture
 * a known number of times, one source feeding the sub mount and the main mount. Real GStreamer,
 * real OpenCV, real files.
 */
@Timeout(180)
class InspectionEndToEndTest {
    private static final int OBJECTS = 3;
    private static final int MAIN_WIDTH = 1280;
    private static final int MAIN_HEIGHT = 960;

    @TempDir
    Path output;

    @Test
    void nCrossingsGiveExactlyNSnapshotsEachFullSizeWithTheObjectInTheCrop() throws Exception {
        GStreamerSupport.ensureAvailable();
        double start = 4;
        double period = 2;
        try (RtspTestServer server = RtspTestServer.startWithArguments(List.of("--crossing-scene",
                "sub=/sub:640x360@25,main=/main:" + MAIN_WIDTH + "x" + MAIN_HEIGHT + "@25,objects=" + OBJECTS
                        + ",start=" + start + ",period=" + period))) {
            CameraSettings camera = new CameraSettings("gate1",
                    StreamSource.of(server.url("/main"), CodecChoice.H264),
                    StreamSource.of(server.url("/sub"), CodecChoice.H264),
                    TriggerLine.vertical(0.5, CrossingDirection.LEFT_TO_RIGHT), DetectorSettings.defaults(),
                    OutputSettings.in(output), 0);
            CameraReport report;
            try (InspectionRuntime runtime = InspectionRuntime.start(List.of(camera), InspectionOptions.defaults())) {
                // the scene: start s of black, then one box every period s; plus margin for set-up
                Thread.sleep((long) ((start + OBJECTS * period + 3) * 1000));
                runtime.close();
                report = runtime.reports().get(0);
            }
            System.out.println("end to end: " + report);
            Path folder = output.resolve("gate1");
            List<Path> sidecars;
            try (Stream<Path> files = Files.list(folder)) {
                sidecars = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            }
            assertEquals(OBJECTS, report.triggers(), "triggers: " + report);
            assertEquals(OBJECTS, report.saved(), "saved: " + report);
            assertEquals(OBJECTS, sidecars.size(), "sidecars: " + sidecars);
            for (Path sidecar : sidecars) {
                String json = Files.readString(sidecar);
                String base = sidecar.getFileName().toString().replace(".json", "");
                try (Mat full = imread(folder.resolve(base + ".jpg").toString());
                     Mat crop = imread(folder.resolve(base + "-crop.jpg").toString())) {
                    assertEquals(MAIN_WIDTH, full.cols(), base);
                    assertEquals(MAIN_HEIGHT, full.rows(), base);
                    assertTrue(brightFraction(crop) > 0.3, base + ": the crop holds the white box, bright "
                            + brightFraction(crop) + "\n" + json);
                }
                System.out.println(json);
            }
        }
    }

    /** Share of pixels brighter than 200 in any channel. */
    private static double brightFraction(Mat image) {
        try (Mat gray = new Mat(); Mat mask = new Mat()) {
            org.bytedeco.opencv.global.opencv_imgproc.cvtColor(image, gray,
                    org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY);
            org.bytedeco.opencv.global.opencv_imgproc.threshold(gray, mask, 200, 255,
                    org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY);
            return (double) opencv_core.countNonZero(mask) / (image.cols() * image.rows());
        }
    }
}
