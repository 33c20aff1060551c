package io.dualstream.internal.pipeline;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_POS_MSEC;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.testing.RtspTestServer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decode backlog bound against the real RTSP server and GStreamer, for H.264 (the depayloader's
 * {@code wait-for-keyframe}) and H.265 (DualStream's keyframe gate), with a decoder made too slow for
 * the camera (an {@code identity sleep-time} after it: 25 fps in, at most 12.5 fps out). Bounded, the
 * newest frame's timestamp keeps up with the wall clock (whole GOPs are skipped); unbounded, it falls
 * further behind every second. Lag is measured from the frames' own timestamps ({@code CAP_PROP_POS_MSEC},
 * the pipeline's running time), relative to the first frame.
 */
class DecodeBacklogRtspTest {
    private static final long RUN_NANOS = 8_000_000_000L;

    @Test
    @Timeout(90)
    void boundedBacklogKeepsTheLagFlatWhenDecodingCannotKeepUp() throws Exception {
        assertLagBounded(Codec.H264, "/h264=h264:640x360@25", "rtph264depay wait-for-keyframe=true");
    }

    /** H.265 on GStreamer 1.22: the depayloader cannot wait, the keyframe gate in OpenCV's plugin does. */
    @Test
    @Timeout(90)
    void boundedH265BacklogThroughTheKeyframeGate() throws Exception {
        assertLagBounded(Codec.H265, "/h265=h265:640x360@25", InProcessElements.KEYFRAME_GATE);
    }

    private static void assertLagBounded(Codec codec, String mount, String keyframeWait) throws Exception {
        GStreamerSupport.ensureAvailable();
        String path = mount.substring(0, mount.indexOf('='));
        try (RtspTestServer server = RtspTestServer.start(mount)) {
            StreamSpec spec = StreamSpec.builder().url(server.url(path)).codec(codec).build();
            Decoder decoder = new Decoder(codec, DecoderBackend.SOFTWARE);
            String boundedPipeline = PipelineRenderer.renderWith(spec, decoder, new GstInspectRegistry()).pipeline();
            assertTrue(boundedPipeline.contains(keyframeWait), boundedPipeline);
            double bounded = lagGrowthSeconds(slowDecoder(boundedPipeline, decoder));
            double unbounded = lagGrowthSeconds(slowDecoder(PipelineRenderer.renderWith(
                    spec.newBuilder().decodeBacklogMillis(0).build(), decoder).pipeline(), decoder));
            System.out.printf("decode backlog, %s: lag after %d s with a decoder at half the camera's rate: "
                    + "bounded %.2f s, unbounded %.2f s%n", codec.displayName(), RUN_NANOS / 1_000_000_000L,
                    bounded, unbounded);
            assertTrue(unbounded > 2.0, "the slow decoder must fall behind without the bound: " + unbounded + " s");
            assertTrue(bounded < 1.5, "with the bound the lag must stay within the backlog plus a GOP: "
                    + bounded + " s");
        }
    }

    private static String slowDecoder(String pipeline, Decoder decoder) {
        String element = " ! " + decoder.element() + " ! ";
        String slowed = pipeline.replace(element, element + "identity sleep-time=80000 ! ");
        assertTrue(!slowed.equals(pipeline), pipeline);
        return slowed;
    }

    /** Grabs for RUN_NANOS; returns how far the last frame's timestamp fell behind the wall clock, in s. */
    private static double lagGrowthSeconds(String pipeline) {
        VideoCapture capture = new VideoCapture(pipeline, CAP_GSTREAMER);
        try (Mat frame = new Mat()) {
            assertTrue(capture.isOpened(), "did not open: " + pipeline);
            long start = System.nanoTime();
            double firstPts = -1;
            long firstWall = 0;
            double lag = 0;
            while (System.nanoTime() - start < RUN_NANOS) {
                if (!capture.grab()) {
                    continue;
                }
                long wall = System.nanoTime();
                double pts = capture.get(CAP_PROP_POS_MSEC);
                if (firstPts < 0) {
                    firstPts = pts;
                    firstWall = wall;
                }
                lag = (wall - firstWall) / 1e9 - (pts - firstPts) / 1e3;
            }
            assertTrue(firstPts >= 0, "no frame from " + pipeline);
            return lag;
        } finally {
            capture.release();
            capture.close();
        }
    }
}
