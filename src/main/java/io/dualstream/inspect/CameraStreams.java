package io.dualstream.inspect;

import io.dualstream.pipeline.Codec;
import io.dualstream.pipeline.Decoder;
import io.dualstream.pipeline.DecoderBackend;
import io.dualstream.pipeline.OutputFormat;
import io.dualstream.pipeline.PipelineRenderer;
import io.dualstream.pipeline.StreamPipeline;
import io.dualstream.pipeline.StreamSpec;

/**
 * Renders a camera's two pipelines: the sub stream delivers BGR (small frames, read every one); the
 * main stream delivers the decoder's own format (I420 from software decoders, NV12 from NVDEC /
 * Direct3D11), so GStreamer converts nothing per frame and the grabber converts only snapshots.
 */
final class CameraStreams {
    private CameraStreams() {
    }

    static StreamPipeline sub(StreamSource source, PipelineRenderer renderer) {
        return renderer.render(spec(source).outputFormat(OutputFormat.BGR).build());
    }

    static StreamPipeline main(StreamSource source, PipelineRenderer renderer) {
        StreamSpec spec = spec(source).build();
        Decoder decoder = renderer.render(spec).decoder();
        OutputFormat nativeFormat = decoder.backend() == DecoderBackend.SOFTWARE ? OutputFormat.I420
                : OutputFormat.NV12;
        return PipelineRenderer.renderWith(spec.newBuilder().outputFormat(nativeFormat).build(), decoder);
    }

    private static StreamSpec.Builder spec(StreamSource source) {
        Codec codec = source.codec().fixed().orElseThrow(() -> new IllegalArgumentException(
                "codec 'auto' is not resolved by the inspection runtime yet for " + source.url().masked()
                        + ": set codec h264 or h265 (the probe command shows which one the camera sends)"));
        return StreamSpec.builder().url(source.url()).codec(codec).transport(source.transport());
    }
}
