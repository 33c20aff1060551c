package io.dualstream.inspect;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.internal.stream.CodecChoice;
import io.dualstream.internal.stream.RtspSource;
import io.dualstream.testing.RtspTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * A detector that passes frames to the built-in one and keeps each sub frame's QR corner, so the
     * test can read which source frame fired (the runtime numbers sub frames from 1, as this does).
     * With {@code costMillis} > 0 it also stands in for a slow AI model by taking that long per frame.
     */
    private static final class StampKeeper implements Detector {
        private final Detector inner;
        private final int costMillis;
        private final Map<Long, Mat> corners = new ConcurrentHashMap<>();
        private long frames;

        StampKeeper(Detector inner, int costMillis) {
            this.inner = inner;
            this.costMillis = costMillis;
        }

        @Override
        public List<Detection> detect(Mat bgr, long frameNanos) {
            corners.put(++frames, QrFrameStamps.corner(bgr));
            List<Detection> found = inner.detect(bgr, frameNanos);
            if (costMillis > 0) {
                try {
                    Thread.sleep(costMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return found;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /**
     * Fast detector (the built-in one, a few ms) and a 120 ms "AI model"; next main frame (K = 0) and
     * the pre-trigger ring, with and without compensating the main stream's extra delay (80 ms, two
     * frames, measured on this fixture: see README).
     */
    @ParameterizedTest(name = "K = {0}, main stream delay {1} ms, detector {2} ms")
    @CsvSource({"0, 0, 0", "0, 0, 120", "5, 0, 0", "5, 80, 120"})
    void nCrossingsGiveExactlyNSnapshotsEachFullSizeWithTheObjectInTheCrop(int preTriggerFrames, int delayMillis,
                                                                           int detectorMillis) throws Exception {
        GStreamerSupport.ensureAvailable();
        double start = 4;
        double period = 2;
        try (RtspTestServer server = RtspTestServer.startWithArguments(List.of("--crossing-scene",
                "sub=/sub:640x360@25,main=/main:" + MAIN_WIDTH + "x" + MAIN_HEIGHT + "@25,objects=" + OBJECTS
                        + ",start=" + start + ",period=" + period))) {
            CameraSettings camera = new CameraSettings("gate1",
                    RtspSource.of(server.url("/main"), CodecChoice.H264),
                    RtspSource.of(server.url("/sub"), CodecChoice.H264),
                    TriggerLine.vertical(0.5, CrossingDirection.LEFT_TO_RIGHT), detectorSettings(detectorMillis),
                    OutputSettings.in(output), preTriggerFrames, Duration.ofMillis(delayMillis));
            CameraReport report;
            AtomicReference<StampKeeper> keeper = new AtomicReference<>();
            InspectionOptions options = InspectionOptions.defaults().withDetectors(settings -> {
                keeper.set(new StampKeeper(InspectionOptions.builtInDetector().create(settings), detectorMillis));
                return keeper.get();
            });
            try (InspectionRuntime runtime = InspectionRuntime.start(List.of(camera), options)) {
                // the scene: start s of black, then one box every period s; then a margin for set-up
                // and a loaded machine, and a little more so that an extra (wrong) trigger would show
                awaitTriggers(runtime, OBJECTS, Duration.ofSeconds((long) (start + OBJECTS * period + 15)));
                Thread.sleep((long) (period * 1000));
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
            List<Long> skews = new ArrayList<>();
            for (Path sidecar : sidecars) {
                String json = Files.readString(sidecar);
                String base = sidecar.getFileName().toString().replace(".json", "");
                try (Mat full = imread(folder.resolve(base + ".jpg").toString());
                     Mat crop = imread(folder.resolve(base + "-crop.jpg").toString())) {
                    assertEquals(MAIN_WIDTH, full.cols(), base);
                    assertEquals(MAIN_HEIGHT, full.rows(), base);
                    System.out.printf("K=%d/%dms %s: crop bright share %.2f%n", preTriggerFrames, delayMillis, base,
                            brightFraction(crop));
                    // The whole box fills 44 % of its padded crop. The next frame (K = 0) shows the
                    // scene 2-4 source frames before the trigger (the main stream's own delay; once
                    // 0.23 of the crop bright, half the box, in a CI run), and 2-3 more after a slow
                    // detector (README): then the crop holds part of the box. The ring without delay
                    // compensation is measured, not judged: its skew is what it is.
                    if (!(preTriggerFrames > 0 && delayMillis == 0)) {
                        double least = detectorMillis > 0 ? 0.1 : preTriggerFrames == 0 ? 0.18 : 0.3;
                        assertTrue(brightFraction(crop) > least, base + ": the crop holds the white box, bright "
                                + brightFraction(crop) + "\n" + json);
                    }
                    long subFrame = Long.parseLong(field(json, "frame"));
                    Mat subCorner = keeper.get().corners.get(subFrame);
                    OptionalLong subCount = QrFrameStamps.count(subCorner);
                    OptionalLong mainCount;
                    try (Mat mainCorner = QrFrameStamps.corner(full)) {
                        mainCount = QrFrameStamps.count(mainCorner);
                    }
                    assertTrue(subCount.isPresent() && mainCount.isPresent(), base + ": QR stamps readable, sub "
                            + subCount + ", main " + mainCount);
                    long skew = mainCount.getAsLong() - subCount.getAsLong();
                    skews.add(skew);
                    System.out.printf("K=%d/%dms %s: sub frame %d shows source frame %d, main snapshot shows %d: skew %+d "
                            + "frames (runtime's arrival-time skew %s ms)%n", preTriggerFrames, delayMillis, base,
                            subFrame,
                            subCount.getAsLong(), mainCount.getAsLong(), skew, field(json, "ms"));
                }
            }
            keeper.get().corners.values().forEach(Mat::close);
            System.out.printf("SKEW K=%d, delay %d ms, detector %d ms (source frames at 25 fps, + = main later): %s%n",
                    preTriggerFrames, delayMillis, detectorMillis, skews);
        }
    }

    @Test
    void twoCamerasRunSideBySideEachIntoItsOwnFolder() throws Exception {
        GStreamerSupport.ensureAvailable();
        int objects = 2;
        List<String> arguments = new ArrayList<>();
        for (int camera = 1; camera <= 2; camera++) {
            arguments.add("--crossing-scene");
            arguments.add("sub=/s" + camera + ":480x270@25,main=/m" + camera + ":960x720@15,objects=" + objects
                    + ",start=4,period=2,qr=0");
        }
        try (RtspTestServer server = RtspTestServer.startWithArguments(arguments)) {
            List<CameraSettings> cameras = new ArrayList<>();
            for (int camera = 1; camera <= 2; camera++) {
                cameras.add(new CameraSettings("cam" + camera,
                        RtspSource.of(server.url("/m" + camera), CodecChoice.H264),
                        RtspSource.of(server.url("/s" + camera), CodecChoice.AUTO),
                        TriggerLine.vertical(0.5, CrossingDirection.ANY), detectorSettings(0),
                        OutputSettings.in(output), camera == 1 ? 0 : 3));
            }
            List<CameraReport> reports;
            try (InspectionRuntime runtime = InspectionRuntime.start(cameras, InspectionOptions.defaults())) {
                awaitTriggers(runtime, objects, Duration.ofSeconds(4 + objects * 2 + 15));
                Thread.sleep(2000);
                runtime.close();
                reports = runtime.reports();
            }
            System.out.println("two cameras: " + reports);
            for (CameraReport report : reports) {
                assertEquals(objects, report.triggers(), report.toString());
                assertEquals(objects, report.saved(), report.toString());
                try (Stream<Path> files = Files.list(output.resolve(report.camera()))) {
                    assertEquals(objects, files.filter(f -> f.toString().endsWith(".json")).count(), report.camera());
                }
            }
        }
    }

    /**
     * The scene shows one object at a time, so a wide match distance (a third of the diagonal per
     * frame) costs nothing and keeps an object's ID across frames that a loaded machine drops, and
     * across the longer gaps a slow detector leaves between the frames it sees.
     */
    private static DetectorSettings detectorSettings(int detectorMillis) {
        DetectorSettings defaults = DetectorSettings.defaults();
        return new DetectorSettings(defaults.minAreaFraction(), defaults.history(), defaults.varThreshold(), 0.33,
                defaults.maxMissedFrames());
    }

    private static void awaitTriggers(InspectionRuntime runtime, int triggers, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline && runtime.reports().stream().anyMatch(r -> r.triggers() < triggers)) {
            Thread.sleep(100);
        }
    }

    /** The first value of {@code "key": value} in the sidecar (the sub block comes before the main block). */
    private static String field(String json, String key) {
        Matcher matcher = Pattern.compile("\"" + key + "\":\\s*\"?([^,\"\\n]+)").matcher(json);
        assertTrue(matcher.find(), key + " in " + json);
        return matcher.group(1).trim();
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
