package io.dualstream.internal.stream;

import io.dualstream.grabber.PipelineToOpen;
import io.dualstream.internal.pipeline.AppSinkOptions;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.Decoder;
import io.dualstream.internal.pipeline.DecoderBackend;
import io.dualstream.internal.pipeline.DecoderSelector;
import io.dualstream.internal.pipeline.OutputFormat;
import io.dualstream.internal.pipeline.PipelineRenderer;
import io.dualstream.internal.pipeline.QueueOptions;
import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.pipeline.StreamPipeline;
import io.dualstream.internal.pipeline.StreamSpec;
import io.dualstream.internal.pipeline.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders one stream's pipelines for this machine: the decoder the registry really has (per the
 * preference), the appsink format the output asks for, every element checked before OpenCV is asked.
 */
final class StreamRendering {
    private final DecoderSelector selector;
    private final StreamSettings settings;
    private final StreamOutput output;

    StreamRendering(DecoderSelector selector, StreamSettings settings, StreamOutput output) {
        this.selector = selector;
        this.settings = settings;
        this.output = output;
    }

    Decoder decoder(Codec codec) {
        return selector.select(codec, settings.decoder());
    }

    /** The appsink format: BGR, or the decoder's own so that GStreamer converts nothing per frame. */
    OutputFormat format(Decoder decoder) {
        if (output == StreamOutput.BGR) {
            return OutputFormat.BGR;
        }
        return decoder.backend() == DecoderBackend.SOFTWARE ? OutputFormat.I420 : OutputFormat.NV12;
    }

    /** Checks that this machine has every element a stream of this codec needs. */
    void check(Codec codec) {
        rtspPipeline(RtspUrl.parse("rtsp://check.invalid/"), codec, Transport.TCP);
    }

    PipelineToOpen rtsp(RtspUrl url, Codec codec, Transport transport, String label) {
        StreamPipeline pipeline = rtspPipeline(url, codec, transport);
        return new PipelineToOpen(pipeline.pipeline(), pipeline.outputFormat().cvtColorCode(), label);
    }

    /** "avdec_h264, I420 converted to BGR on retrieve", for logs. */
    String describe(Codec codec) {
        Decoder decoder = decoder(codec);
        OutputFormat format = format(decoder);
        return decoder.element() + (format == OutputFormat.BGR ? ", BGR" : ", " + format + " converted on retrieve");
    }

    private StreamPipeline rtspPipeline(RtspUrl url, Codec codec, Transport transport) {
        Decoder decoder = decoder(codec);
        StreamSpec spec = StreamSpec.builder().url(url).codec(codec).transport(transport)
                .latencyMillis(settings.latencyMillis()).decoderPreference(settings.decoder())
                .outputFormat(format(decoder)).build();
        return PipelineRenderer.renderWith(spec, decoder, selector.registry()).requireAll(selector.registry());
    }

    PipelineToOpen synthetic(SyntheticSource source) {
        Decoder decoder = decoder(source.codec());
        OutputFormat format = format(decoder);
        List<String> elements = new ArrayList<>(source.elements());
        elements.addAll(PipelineRenderer.decodeTailElements(decoder));
        selector.registry().requireAll(elements);
        String pipeline = source.head().strip() + " " + PipelineRenderer.decodeTail(decoder, format,
                QueueOptions.defaults(), AppSinkOptions.defaults());
        return new PipelineToOpen(pipeline, format.cvtColorCode(), "synthetic");
    }
}
