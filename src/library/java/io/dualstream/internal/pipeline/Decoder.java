package io.dualstream.internal.pipeline;

import java.util.Objects;

/**
 * A chosen decoder: codec plus backend, which together name exactly one GStreamer element.
 *
 * @param codec the stream's codec
 * @param backend the decoder family
 */
public record Decoder(Codec codec, DecoderBackend backend) {

    public Decoder {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(backend, "backend");
    }

    /** The GStreamer element name, e.g. {@code nvh265dec} or {@code avdec_h264}. */
    public String element() {
        return codec.decoder(backend);
    }

    /** E.g. "NVDEC H.265 decoder", for messages. */
    public String description() {
        return backend.displayName() + " " + codec.displayName() + " decoder";
    }

    @Override
    public String toString() {
        return element();
    }
}
