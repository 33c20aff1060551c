package io.dualstream.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plays {@code videotestsrc ! <encoder> ! <decode tail>} in real GStreamer, the way synthetic test
 * cameras use {@link PipelineRenderer#decodeTail}: the tail must run to end-of-stream and deliver
 * the requested format to the appsink.
 */
class SyntheticCameraTailTest {

    private static DecoderSelector selector;

    @BeforeAll
    static void realGStreamer() {
        GstParseProbe.assumeAvailable();
        RealGStreamer.assumeGstInspect();
        selector = new DecoderSelector(new GstInspectRegistry());
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (OutputFormat f : OutputFormat.values()) {
            all.add(Arguments.of(Codec.H264, f));
            all.add(Arguments.of(Codec.H265, f));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void tailDecodesAndDeliversTheFormat(Codec codec, OutputFormat format) {
        Decoder decoder = selector.select(codec, DecoderPreference.AUTO);
        String encoder = codec == Codec.H264 ? "x264enc" : "x265enc";
        String pipeline = "videotestsrc num-buffers=5 ! video/x-raw,width=320,height=240,"
                + "framerate=25/1 ! " + encoder + " speed-preset=ultrafast tune=zerolatency ! "
                + PipelineRenderer.decodeTail(decoder, format, QueueOptions.defaults(),
                        AppSinkOptions.defaults());

        GstParseProbe.Report r = GstParseProbe.play(pipeline, 30);
        Map<String, Object> played = r.played();
        assertEquals("eos", played.get("result"), played.toString());
        String caps = (String) played.get("last_sample_caps");
        assertTrue(caps != null && caps.contains("format=(string)" + format.gstFormat() + ","),
                "appsink got " + caps);
        List<String> expected = new ArrayList<>(List.of("videotestsrc", "capsfilter", encoder));
        expected.addAll(PipelineRenderer.decodeTailElements(decoder));
        expected.add(expected.size() - 1, "capsfilter");
        assertEquals(expected, r.elements());
    }
}
