package io.dualstream.app;

import io.dualstream.pipeline.AppSinkOptions;
import io.dualstream.pipeline.Codec;
import io.dualstream.pipeline.Decoder;
import io.dualstream.pipeline.DecoderPreference;
import io.dualstream.pipeline.DecoderSelector;
import io.dualstream.pipeline.ElementRegistry;
import io.dualstream.pipeline.OutputFormat;
import io.dualstream.pipeline.PipelineRenderer;
import io.dualstream.pipeline.QueueOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's built-in camera pair, made from GStreamer's test source so it runs with no camera: a
 * ball moving across a black frame, H.264-encoded and decoded again inside each pipeline exactly as a
 * camera's stream would be.
 *
 * <p>Like a real dual-stream camera, both streams come from one "sensor": the sub-stream pipeline
 * runs the test source and also hands each raw frame to an {@code intervideosink}; the main-stream
 * pipeline takes the newest of those frames with {@code intervideosrc}, scales it to 12 MP and
 * encodes it at its own lower frame rate. So the main stream shows the ball where the sub stream saw
 * it (within one sub-stream frame), which two independent test sources cannot guarantee.
 */
final class SyntheticCameras {
    /** 12 MP, the resolution the project is for. 5 fps so that a 2-core machine can encode it in software. */
    static final int MAIN_WIDTH = 4000;
    static final int MAIN_HEIGHT = 3000;
    static final int MAIN_FPS = 5;
    static final int SUB_WIDTH = 1280;
    static final int SUB_HEIGHT = 720;
    static final int SUB_FPS = 25;

    private SyntheticCameras() {
    }

    static CameraPipelines create(ElementRegistry registry) {
        Decoder decoder = new DecoderSelector(registry).select(Codec.H264, DecoderPreference.AUTO);
        OutputFormat mainFormat = DecodedFormats.nativeFormatOf(decoder);
        // Unique per process and call: inter channels are global to the GStreamer instance.
        String channel = "dualstream-demo-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String sub = "videotestsrc is-live=true pattern=ball motion=wavy animation-mode=frames"
                + " ! " + rawCaps(SUB_WIDTH, SUB_HEIGHT, SUB_FPS)
                + " ! tee name=sensor sensor. ! queue max-size-buffers=2 leaky=downstream"
                + " ! intervideosink channel=" + channel
                + " sensor. ! queue max-size-buffers=2 leaky=downstream ! " + encoder(SUB_FPS)
                + PipelineRenderer.decodeTail(decoder, OutputFormat.BGR, QueueOptions.defaults(),
                AppSinkOptions.defaults());
        String main = "intervideosrc channel=" + channel
                + " ! videorate ! " + rawCaps(SUB_WIDTH, SUB_HEIGHT, MAIN_FPS)
                + " ! videoscale ! " + rawCaps(MAIN_WIDTH, MAIN_HEIGHT, MAIN_FPS)
                + " ! " + encoder(MAIN_FPS)
                + PipelineRenderer.decodeTail(decoder, mainFormat, QueueOptions.defaults(), AppSinkOptions.defaults());
        requireElements(registry, decoder);
        return new CameraPipelines("demo", main, mainFormat.cvtColorCode(), sub,
                "synthetic camera pair, main " + MAIN_WIDTH + "x" + MAIN_HEIGHT + "@" + MAIN_FPS + " H.264 ("
                        + decoder.element() + ", " + mainFormat + " converted on snapshot), sub " + SUB_WIDTH + "x"
                        + SUB_HEIGHT + "@" + SUB_FPS);
    }

    private static String rawCaps(int width, int height, int fps) {
        return "video/x-raw,format=I420,width=" + width + ",height=" + height + ",framerate=" + fps + "/1";
    }

    private static String encoder(int fps) {
        return "x264enc speed-preset=ultrafast tune=zerolatency key-int-max=" + fps + " ! ";
    }

    private static void requireElements(ElementRegistry registry, Decoder decoder) {
        List<String> elements = new ArrayList<>(List.of("videotestsrc", "tee", "intervideosink", "intervideosrc",
                "videorate", "videoscale", "x264enc"));
        elements.addAll(PipelineRenderer.decodeTailElements(decoder));
        registry.requireAll(elements);
    }
}
