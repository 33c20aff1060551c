package io.dualstream.inspect;

import io.dualstream.pipeline.Codec;
import io.dualstream.pipeline.Decoder;
import io.dualstream.pipeline.DecoderBackend;
import io.dualstream.pipeline.OutputFormat;
import io.dualstream.pipeline.PipelineRenderer;
import io.dualstream.pipeline.StreamPipeline;
import io.dualstream.pipeline.StreamSpec;
import io.dualstream.rtsp.CodecDetector;
import io.dualstream.rtsp.RtspProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Renders a camera's two pipelines: the sub stream delivers BGR (small frames, read every one); the
 * main stream delivers the decoder's own format (I420 from software decoders, NV12 from NVDEC /
 * Direct3D11), so GStreamer converts nothing per frame and the grabber converts only snapshots.
 */
final class CameraStreams {
    private CameraStreams() {
    }

    /** How long {@code codec: auto} may take to ask the camera. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    static StreamPipeline sub(StreamSource source, PipelineRenderer renderer) throws IOException {
        return renderer.render(spec(source).outputFormat(OutputFormat.BGR).build());
    }

    static StreamPipeline main(StreamSource source, PipelineRenderer renderer) throws IOException {
        StreamSpec spec = spec(source).build();
        Decoder decoder = renderer.render(spec).decoder();
        OutputFormat nativeFormat = decoder.backend() == DecoderBackend.SOFTWARE ? OutputFormat.I420
                : OutputFormat.NV12;
        return PipelineRenderer.renderWith(spec.newBuilder().outputFormat(nativeFormat).build(), decoder,
                renderer.registry());
    }

    private static StreamSpec.Builder spec(StreamSource source) throws IOException {
        Optional<Codec> fixed = source.codec().fixed();
        Codec codec = fixed.isPresent() ? fixed.get() : new CodecDetector(new RtspProbe(PROBE_TIMEOUT)).detect(source.url());
        return StreamSpec.builder().url(source.url()).codec(codec).transport(source.transport());
    }
}
