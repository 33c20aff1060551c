package io.dualstream.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decode backlog bound: a time-limited leaky queue before the depayloader, rendered only with a
 * depayloader that waits for a keyframe after a gap or with the keyframe gate after it (or the
 * queue's drops would smear frames).
 */
class DecodeBacklogRenderingTest {
    private static final String URL = "rtsp://192.0.2.10:554/main";
    private final Decoder h264 = new Decoder(Codec.H264, DecoderBackend.SOFTWARE);

    /** A machine whose rtph264depay can wait for a keyframe, as GStreamer 1.20 and later. */
    private static ElementRegistry keyframeWaitingH264() {
        return FakeElementRegistry.baseWith("avdec_h264").withProperty("rtph264depay", "wait-for-keyframe");
    }

    private static StreamSpec.Builder spec() {
        return StreamSpec.builder().url(URL).codec(Codec.H264).outputFormat(OutputFormat.I420);
    }

    @Test
    void boundedWhereTheDepayloaderWaitsForKeyframes() {
        ElementRegistry registry = keyframeWaitingH264();
        StreamPipeline p = PipelineRenderer.renderWith(spec().build(), h264, registry);
        assertEquals("rtspsrc location=\"" + URL + "\" protocols=tcp latency=200 tcp-timeout=10000000"
                + " ! queue leaky=downstream max-size-buffers=0 max-size-bytes=0 max-size-time=250000000"
                + " ! rtph264depay wait-for-keyframe=true ! h264parse ! avdec_h264"
                + " ! queue max-size-buffers=1 leaky=downstream ! videoconvert ! video/x-raw,format=I420"
                + " ! appsink drop=true max-buffers=1 sync=false", p.pipeline());
        assertEquals(List.of("rtspsrc", "queue", "rtph264depay", "h264parse", "avdec_h264",
                "videoconvert", "appsink"), p.requiredElements());
    }

    @Test
    void theBoundFollowsTheSpec() {
        ElementRegistry registry = keyframeWaitingH264();
        String p = PipelineRenderer.renderWith(spec().decodeBacklogMillis(80).build(), h264, registry).pipeline();
        assertTrue(p.contains(" max-size-time=80000000 ! rtph264depay wait-for-keyframe=true "), p);
    }

    @Test
    void unboundedWithoutKeyframeWaitBecauseSingleDropsWouldSmear() {
        // GStreamer 1.22's rtph265depay: no wait-for-keyframe.
        ElementRegistry registry = FakeElementRegistry.baseWith("avdec_h265");
        StreamSpec spec = spec().codec(Codec.H265).build();
        String p = PipelineRenderer.renderWith(spec, new Decoder(Codec.H265, DecoderBackend.SOFTWARE), registry)
                .pipeline();
        assertTrue(p.contains("tcp-timeout=10000000 ! rtph265depay ! h265parse"), p);
        assertFalse(p.contains("wait-for-keyframe"), p);
    }

    @Test
    void boundedByTheKeyframeGateWhereTheDepayloaderCannotWait() {
        // GStreamer 1.22's rtph265depay with OpenCV's GStreamer backend as opencv-build/ builds it.
        ElementRegistry registry = FakeElementRegistry.baseWith("avdec_h265", InProcessElements.KEYFRAME_GATE);
        StreamPipeline p = PipelineRenderer.renderWith(spec().codec(Codec.H265).build(),
                new Decoder(Codec.H265, DecoderBackend.SOFTWARE), registry);
        assertTrue(p.pipeline().contains(" ! queue leaky=downstream max-size-buffers=0 max-size-bytes=0"
                + " max-size-time=250000000 ! rtph265depay ! video/x-h265,stream-format=byte-stream,alignment=au"
                + " ! dskeyframegate ! h265parse ! avdec_h265 ! "), p.pipeline());
        assertEquals(List.of("rtspsrc", "queue", "rtph265depay", "dskeyframegate", "h265parse", "avdec_h265",
                "videoconvert", "appsink"), p.requiredElements());
    }

    @Test
    void theDepayloadersOwnWaitIsPreferredToTheGate() {
        ElementRegistry registry = FakeElementRegistry.baseWith("avdec_h264", InProcessElements.KEYFRAME_GATE)
                .withProperty("rtph264depay", "wait-for-keyframe");
        String p = PipelineRenderer.renderWith(spec().build(), h264, registry).pipeline();
        assertTrue(p.contains(" ! rtph264depay wait-for-keyframe=true ! h264parse ! "), p);
        assertFalse(p.contains(InProcessElements.KEYFRAME_GATE), p);
    }

    @Test
    void unboundedWhenTheSpecSaysSoOrNoRegistryIsAsked() {
        ElementRegistry registry = keyframeWaitingH264();
        String off = PipelineRenderer.renderWith(spec().decodeBacklogMillis(0).build(), h264, registry).pipeline();
        assertFalse(off.contains("max-size-time"), off);
        String noRegistry = PipelineRenderer.renderWith(spec().build(), h264).pipeline();
        assertFalse(noRegistry.contains("max-size-time"), noRegistry);
        assertFalse(PipelineRenderer.renderWith(ArticlePipeline.spec(RtspUrl.parse(URL)),
                new Decoder(Codec.H265, DecoderBackend.SOFTWARE), registry).pipeline().contains("leaky=downstream "
                + "max-size-buffers=0"), "the article's pipeline stays the article's");
    }

    @Test
    void backlogOutOfRangeIsRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec().decodeBacklogMillis(-1));
        assertTrue(e.getMessage().contains("0 (no bound) to 60000"), e.getMessage());
    }

    @Test
    void theRealGStreamerAnswersForProperties() {
        RealGStreamer.assumeGstInspect();
        GstInspectRegistry real = new GstInspectRegistry();
        assertTrue(real.hasProperty("rtph264depay", "wait-for-keyframe"),
                "GStreamer 1.20+ rtph264depay has wait-for-keyframe");
        assertTrue(real.hasProperty("queue", "max-size-time"));
        assertFalse(real.hasProperty("queue", "wait-for-keyframe"));
        assertFalse(real.hasProperty("no_such_element_here", "name"));
        // The rendered pipeline with the real answers parses in the real GStreamer, the property set.
        String p = PipelineRenderer.renderWith(spec().build(), h264, real).pipeline();
        assertTrue(p.contains("rtph264depay wait-for-keyframe=true"), p);
        GstParseProbe.assumeAvailable();
        GstParseProbe.Report parsed = GstParseProbe.parse(p);
        assertEquals("true", String.valueOf(parsed.property("rtph264depay", "wait-for-keyframe")).toLowerCase(),
                parsed.toString());
        assertEquals("250000000", String.valueOf(parsed.propertyOf("queue0", "max-size-time")), parsed.toString());
    }
}
