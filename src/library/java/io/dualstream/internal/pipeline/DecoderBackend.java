package io.dualstream.internal.pipeline;

/**
 * A family of decoder elements. Which element of the family decodes a stream depends on the
 * {@link Codec}: see {@link Codec#decoder(DecoderBackend)}.
 */
public enum DecoderBackend {
    /** NVIDIA NVDEC through gst-plugins-bad's {@code nvcodec} plugin (needs an NVIDIA driver). */
    NVDEC("NVDEC"),
    /** Direct3D11 video decoding on Windows, on any GPU vendor. */
    D3D11("Direct3D11"),
    /** FFmpeg's software decoders through gst-libav: runs everywhere, costs CPU. */
    SOFTWARE("software");

    private final String displayName;

    DecoderBackend(String displayName) {
        this.displayName = displayName;
    }

    /** "NVDEC", "Direct3D11" or "software", for messages. */
    public String displayName() {
        return displayName;
    }
}
