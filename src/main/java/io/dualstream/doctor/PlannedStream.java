package io.dualstream.doctor;

import io.dualstream.config.InspectionConfig;
import io.dualstream.config.Resolution;
import io.dualstream.inspect.CameraSettings;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.stream.RtspSource;
import io.dualstream.internal.stream.StreamSource;
import io.dualstream.internal.stream.SyntheticSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream the doctor checks: which codecs it may use and how big it is.
 *
 * @param label      "cam1 main", for the report
 * @param codecs     one fixed codec, or both for {@code codec: auto}
 * @param resolution as configured, or the assumed size for a main (12 MP) or sub (1280x720) stream
 * @param assumed    true when the resolution was not in the config
 */
public record PlannedStream(String label, List<Codec> codecs, Resolution resolution, boolean assumed) {
    /** What the project is for, used when the config gives no resolution. */
    public static final Resolution ASSUMED_MAIN = new Resolution(4000, 3000);
    public static final Resolution ASSUMED_SUB = new Resolution(1280, 720);

    public PlannedStream {
        codecs = List.copyOf(codecs);
    }

    /** Without a config: one main and one sub stream of each codec at the assumed sizes. */
    public static List<PlannedStream> defaults() {
        return List.of(new PlannedStream("any camera, main", List.of(Codec.H264, Codec.H265), ASSUMED_MAIN, true),
                new PlannedStream("any camera, sub", List.of(Codec.H264, Codec.H265), ASSUMED_SUB, true));
    }

    public static List<PlannedStream> of(InspectionConfig config) {
        List<PlannedStream> streams = new ArrayList<>();
        for (CameraSettings camera : config.cameras()) {
            streams.add(of(camera.name(), "main", camera.main(), config, ASSUMED_MAIN));
            streams.add(of(camera.name(), "sub", camera.sub(), config, ASSUMED_SUB));
        }
        return streams;
    }

    private static PlannedStream of(String camera, String which, StreamSource source, InspectionConfig config,
                                    Resolution assumed) {
        List<Codec> codecs = source instanceof SyntheticSource synthetic ? List.of(synthetic.codec())
                : ((RtspSource) source).codec().fixed().map(List::of).orElse(List.of(Codec.H264, Codec.H265));
        return config.resolution(camera, which)
                .map(r -> new PlannedStream(camera + " " + which, codecs, r, false))
                .orElseGet(() -> new PlannedStream(camera + " " + which, codecs, assumed, true));
    }
}
