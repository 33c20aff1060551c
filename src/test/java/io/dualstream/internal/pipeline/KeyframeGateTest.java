package io.dualstream.internal.pipeline;

import static org.bytedeco.opencv.global.opencv_core.NORM_INF;
import static org.bytedeco.opencv.global.opencv_core.norm;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_POS_MSEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.GStreamerSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DualStream's keyframe gate ({@value InProcessElements#KEYFRAME_GATE}) in OpenCV's GStreamer plugin as
 * opencv-build/ builds it: an H.265 clip is sent through RTP with packets dropped at random
 * ({@code identity drop-probability}), so the depayloader sees sequence-number gaps as it does behind the
 * decode backlog bound's leaky queue. Every frame the gate lets through must be exactly one of the clip's
 * frames as decoded without losses (it never hands the decoder a picture whose reference was dropped);
 * without the gate the decoder hands out frames that are none of them (smeared), which shows the
 * comparison can fail.
 */
class KeyframeGateTest {
    private static final int FRAMES = 150;
    private static final String DEPAY = "rtph265depay ! video/x-h265,stream-format=byte-stream,alignment=au";
    private static final String DECODE = "h265parse ! avdec_h265 ! videoconvert ! video/x-raw,format=BGR"
            + " ! appsink sync=false";

    @Test
    @Timeout(120)
    void framesAfterGapsDecodeExactlyAsWithoutLossesAndNothingIsSmeared(@TempDir Path dir) throws Exception {
        GStreamerSupport.ensureAvailable();
        assertTrue(InProcessElements.contains(InProcessElements.KEYFRAME_GATE), "OpenCV's GStreamer plugin has no "
                + InProcessElements.KEYFRAME_GATE + ": rebuild it with opencv-build/build-plugin.sh");
        Path clip = encodeClip(dir.resolve("clip.h265"));
        String send = "filesrc location=\"" + clip + "\" ! h265parse ! video/x-h265,stream-format=byte-stream,"
                + "alignment=au ! rtph265pay mtu=600 ! ";
        Map<Long, Mat> reference = decode(send + DEPAY + " ! " + DECODE);
        assertEquals(FRAMES, reference.size(), "the lossless decode must give every frame");

        String lossy = send + "identity drop-probability=0.02 ! " + DEPAY + " ! ";
        Map<Long, Mat> gated = decode(lossy + InProcessElements.KEYFRAME_GATE + " ! " + DECODE);
        Map<Long, Mat> ungated = decode(lossy + DECODE);
        int gatedDiffering = differing(gated, reference);
        int ungatedDiffering = differing(ungated, reference);
        System.out.printf("keyframe gate: %d of %d frames through with 2 %% of RTP packets dropped, %d differ from "
                + "the lossless decode; without the gate %d frames, %d differ%n", gated.size(), FRAMES,
                gatedDiffering, ungated.size(), ungatedDiffering);
        assertTrue(gated.size() >= 25 && gated.size() < FRAMES,
                "the gate must drop the damaged groups of pictures and pass the whole ones: " + gated.size());
        assertEquals(0, gatedDiffering, "frames through the gate must decode exactly as without losses");
        assertTrue(ungatedDiffering > 0, "without the gate the losses must show as smeared frames");
        release(reference, gated, ungated);
    }

    /** 150 frames of a moving ball at 320x240, a keyframe every 25, as a camera's encoder makes them. */
    private static Path encodeClip(Path file) throws Exception {
        Process encoder = new ProcessBuilder("gst-launch-1.0", "-q", "videotestsrc", "num-buffers=" + FRAMES,
                "pattern=ball", "!", "video/x-raw,format=I420,width=320,height=240,framerate=25/1", "!",
                "x265enc", "speed-preset=ultrafast", "tune=zerolatency", "key-int-max=25", "!",
                "video/x-h265,stream-format=byte-stream", "!", "filesink", "location=" + file)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(encoder.waitFor(60, TimeUnit.SECONDS), "encoding the clip took over 60 s");
        assertEquals(0, encoder.exitValue(), "gst-launch-1.0 x265enc failed (gstreamer1.0-plugins-bad installed?)");
        assertTrue(Files.size(file) > 0, "empty clip");
        return file;
    }

    /** Every frame of the pipeline, by its timestamp in microseconds. */
    private static Map<Long, Mat> decode(String pipeline) {
        Map<Long, Mat> frames = new LinkedHashMap<>();
        VideoCapture capture = new VideoCapture(pipeline, CAP_GSTREAMER);
        try {
            assertTrue(capture.isOpened(), "did not open: " + pipeline);
            Mat frame = new Mat();
            while (capture.read(frame)) {
                frames.put(Math.round(capture.get(CAP_PROP_POS_MSEC) * 1000), frame.clone());
            }
            frame.close();
        } finally {
            capture.release();
            capture.close();
        }
        return frames;
    }

    /**
     * Frames equal to none of the reference frames. Not matched by timestamp: the depayloader counts time
     * from the first packet it gets, which may be a later frame's when the first packets were dropped.
     */
    private static int differing(Map<Long, Mat> frames, Map<Long, Mat> reference) {
        int differing = 0;
        try (Mat noMask = new Mat()) {
            for (Mat frame : frames.values()) {
                if (reference.values().stream().noneMatch(r -> norm(frame, r, NORM_INF, noMask) == 0)) {
                    differing++;
                }
            }
        }
        return differing;
    }

    @SafeVarargs
    private static void release(Map<Long, Mat>... maps) {
        for (Map<Long, Mat> map : maps) {
            map.values().forEach(Mat::close);
        }
    }
}
