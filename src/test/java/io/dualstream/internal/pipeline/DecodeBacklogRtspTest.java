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
 * The decode backlog bound against the real RTSP server and GStreamer, with a decoder made too slow for
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
        GStreamerSupport.ensureAvailable();
        try (RtspTestServer server = RtspTestServer.start("/h264=h264:640x360@25")) {
            StreamSpec spec = StreamSpec.builder().url(server.url("/h264")).codec(Codec.H264).build();
            Decoder decoder = new Decoder(Codec.H264, DecoderBackend.SOFTWARE);
            double bounded = lagGrowthSeconds(slowDecoder(PipelineRenderer.renderWith(spec, decoder,
                    new GstInspectRegistry()).pipeline()));
            double unbounded = lagGrowthSeconds(slowDecoder(PipelineRenderer.renderWith(
                    spec.newBuilder().decodeBacklogMillis(0).build(), decoder).pipeline()));
            System.out.printf("decode backlog: lag after %d s with a decoder at half the camera's rate: "
                    + "bounded %.2f s, unbounded %.2f s%n", RUN_NANOS / 1_000_000_000L, bounded, unbounded);
            assertTrue(unbounded > 2.0, "the slow decoder must fall behind without the bound: " + unbounded + " s");
            assertTrue(bounded < 1.5, "with the bound the lag must stay within the backlog plus a GOP: "
                    + bounded + " s");
        }
    }

    private static String slowDecoder(String pipeline) {
        String slowed = pipeline.replace(" ! avdec_h264 ! ", " ! avdec_h264 ! identity sleep-time=80000 ! ");
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
