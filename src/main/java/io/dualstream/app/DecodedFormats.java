package io.dualstream.app;

import io.dualstream.pipeline.Decoder;
import io.dualstream.pipeline.DecoderBackend;
import io.dualstream.pipeline.OutputFormat;

/**
 * The format each decoder hands out by itself. Asking the appsink for exactly that format makes
 * videoconvert a passthrough, so GStreamer spends nothing per frame on colour conversion; the grabber
 * converts to BGR only the frames that become snapshots (about 3x cheaper per 12 MP frame than
 * videoconvert, see DESIGN.md's cost table).
 */
final class DecodedFormats {
    private DecodedFormats() {
    }

    static OutputFormat nativeFormatOf(Decoder decoder) {
        return decoder.backend() == DecoderBackend.SOFTWARE ? OutputFormat.I420 : OutputFormat.NV12;
    }
}
