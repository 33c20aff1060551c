package io.dualstream.internal.stream;

import io.dualstream.internal.pipeline.Codec;
import java.util.List;
import java.util.Objects;

/**
 * A stream made by GStreamer itself and encoded as a camera's would be, so that the whole decode
 * path runs with no camera: the demo's cameras and tests. The stream opener appends the same decode
 * tail (parser, decoder, queue, appsink) it renders for a camera.
 *
 * @param head        the pipeline up to and including the encoder, ending in {@code "! "}
 * @param codec       what the encoder produces
 * @param elements    the element factories {@code head} names, checked before opening
 * @param description what it is, for logs
 */
public record SyntheticSource(String head, Codec codec, List<String> elements, String description)
        implements StreamSource {
    public SyntheticSource {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(codec, "codec");
        elements = List.copyOf(elements);
        Objects.requireNonNull(description, "description");
        if (!head.strip().endsWith("!")) {
            throw new IllegalArgumentException("a synthetic stream's head must end with '!' (it is linked to the "
                    + "decoder)");
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
