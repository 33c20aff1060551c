package io.dualstream.app;

import io.dualstream.inspect.CameraSettings;
import io.dualstream.inspect.CrossingDirection;
import io.dualstream.inspect.DetectorSettings;
import io.dualstream.inspect.OutputSettings;
import io.dualstream.inspect.TriggerLine;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.stream.SyntheticSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The demo's built-in camera, made from GStreamer's test source so that {@code demo} runs the real
 * inspection runtime with no camera: a white bar sweeping left to right across a black frame and
 * coming in again from the left (a new object each pass, as parts on a conveyor), H.264-encoded and
 * then decoded by the same decode path as a camera's stream.
 *
 * <p>Like a real dual-stream camera, both streams come from one "sensor": the sub-stream pipeline
 * runs the test source and also hands each raw frame to an {@code intervideosink}; the main-stream
 * pipeline takes the newest of those frames with {@code intervideosrc}, scales it to 12 MP and
 * encodes it at its own lower frame rate. So the main stream shows the bar where the sub stream saw
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
    /** One second of main frames: the ring always holds the frame of the crossing. */
    static final int PRE_TRIGGER_FRAMES = MAIN_FPS;
    /**
     * How much later a main frame arrives than the sub frame of the same instant, measured here as a
     * user would (README, "The right instant"): with 250 ms the snapshots showed the bar 0.42-0.44 of
     * the width across, about 480 ms before the line; with 750 ms, 0.49-0.51 in two runs. The 12 MP
     * path is slower by the main stream's 5 fps rate conversion, its 12 MP software encode and the
     * decoder's frame threading (one 200 ms frame per extra thread).
     */
    static final Duration MAIN_STREAM_DELAY = Duration.ofMillis(750);
    /** 200 px per second: one pass every 6.4 s, 40 px (1 % of the width) per main-stream frame. */
    static final int BAR_PIXELS_PER_FRAME = 8;

    private SyntheticCameras() {
    }

    /** The demo camera, writing into {@code outputFolder}/demo. */
    static CameraSettings demoCamera(Path outputFolder) {
        // Unique per process and call: inter channels are global to the GStreamer instance.
        String channel = "dualstream-demo-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        SyntheticSource sub = new SyntheticSource("videotestsrc is-live=true pattern=bar horizontal-speed="
                + -BAR_PIXELS_PER_FRAME + " ! " + rawCaps(SUB_WIDTH, SUB_HEIGHT, SUB_FPS)
                + " ! tee name=sensor sensor. ! queue max-size-buffers=2 leaky=downstream"
                + " ! intervideosink channel=" + channel
                + " sensor. ! queue max-size-buffers=2 leaky=downstream ! " + encoder(SUB_FPS), Codec.H264,
                List.of("videotestsrc", "tee", "queue", "intervideosink", "x264enc"),
                "synthetic sub stream " + SUB_WIDTH + "x" + SUB_HEIGHT + "@" + SUB_FPS + " H.264");
        SyntheticSource main = new SyntheticSource("intervideosrc channel=" + channel
                + " ! videorate ! " + rawCaps(SUB_WIDTH, SUB_HEIGHT, MAIN_FPS)
                + " ! videoscale method=nearest-neighbour ! " + rawCaps(MAIN_WIDTH, MAIN_HEIGHT, MAIN_FPS)
                + " ! " + encoder(MAIN_FPS), Codec.H264,
                List.of("intervideosrc", "videorate", "videoscale", "x264enc"),
                "synthetic main stream " + MAIN_WIDTH + "x" + MAIN_HEIGHT + "@" + MAIN_FPS + " H.264");
        return new CameraSettings("demo", main, sub, TriggerLine.vertical(0.5, CrossingDirection.LEFT_TO_RIGHT),
                DetectorSettings.defaults(),
                OutputSettings.in(outputFolder), PRE_TRIGGER_FRAMES, MAIN_STREAM_DELAY);
    }

    private static String rawCaps(int width, int height, int fps) {
        return "video/x-raw,format=I420,width=" + width + ",height=" + height + ",framerate=" + fps + "/1";
    }

    private static String encoder(int fps) {
        return "x264enc speed-preset=ultrafast tune=zerolatency key-int-max=" + fps + " ! ";
    }
}
