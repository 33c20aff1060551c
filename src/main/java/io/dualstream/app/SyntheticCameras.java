package io.dualstream.app;

import io.dualstream.pipeline.AppSinkOptions;
import io.dualstream.pipeline.Codec;
import io.dualstream.pipeline.Decoder;
import io.dualstream.pipeline.DecoderPreference;
import io.dualstream.pipeline.DecoderSelector;
import io.dualstream.pipeline.ElementRegistry;
import io.dualstream.pipeline.MissingElementException;
import io.dualstream.pipeline.OutputFormat;
import io.dualstream.pipeline.PipelineRenderer;
import io.dualstream.pipeline.QueueOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's built-in camera pair, made from GStreamer's test source so it runs with no camera: a
 * ball moving across a black frame, H.264-encoded and decoded again inside the pipeline exactly as a
 * camera's stream would be. Both streams place the ball by the wall clock
 * ({@code animation-mode=wall-time}, position relative to the frame), so the main stream shows the
 * ball where the sub stream saw it.
 */
final class SyntheticCameras {
    /** 12 MP, the resolution the project is for. 2 fps because a 2-core machine encodes it in software. */
    static final int MAIN_WIDTH = 4000;
    static final int MAIN_HEIGHT = 3000;
    static final int MAIN_FPS = 2;
    static final int SUB_WIDTH = 1280;
    static final int SUB_HEIGHT = 720;
    static final int SUB_FPS = 25;

    private SyntheticCameras() {
    }

    static CameraPipelines create(ElementRegistry registry) {
        Decoder decoder = new DecoderSelector(registry).select(Codec.H264, DecoderPreference.AUTO);
        OutputFormat mainFormat = DecodedFormats.nativeFormatOf(decoder);
        String main = source(MAIN_WIDTH, MAIN_HEIGHT, MAIN_FPS) + PipelineRenderer.decodeTail(decoder, mainFormat,
                QueueOptions.defaults(), AppSinkOptions.defaults());
        String sub = source(SUB_WIDTH, SUB_HEIGHT, SUB_FPS) + PipelineRenderer.decodeTail(decoder, OutputFormat.BGR,
                QueueOptions.defaults(), AppSinkOptions.defaults());
        requireElements(registry, decoder);
        return new CameraPipelines("demo", main, mainFormat.cvtColorCode(), sub,
                "synthetic camera pair, main " + MAIN_WIDTH + "x" + MAIN_HEIGHT + "@" + MAIN_FPS + " H.264 ("
                        + decoder.element() + ", " + mainFormat + " converted on snapshot), sub " + SUB_WIDTH + "x"
                        + SUB_HEIGHT + "@" + SUB_FPS);
    }

    private static String source(int width, int height, int fps) {
        return "videotestsrc is-live=true pattern=ball motion=wavy animation-mode=wall-time"
                + " ! video/x-raw,width=" + width + ",height=" + height + ",framerate=" + fps + "/1"
                + " ! x264enc speed-preset=ultrafast tune=zerolatency key-int-max=" + fps + " ! ";
    }

    private static void requireElements(ElementRegistry registry, Decoder decoder) {
        List<String> elements = new ArrayList<>(List.of("videotestsrc", "x264enc"));
        elements.addAll(PipelineRenderer.decodeTailElements(decoder));
        for (String element : elements) {
            if (!registry.has(element)) {
                throw new MissingElementException(element);
            }
        }
    }
}
