package io.dualstream.internal.pipeline;

import java.util.Locale;

/**
 * The video codec a camera stream carries, and the GStreamer elements that unpack and decode it.
 *
 * <p>The codec decides every element between {@code rtspsrc} and the decoder's output: the RTP
 * depayloader, the bitstream parser and the three decoder families this project uses. Keeping the
 * names here means no other class spells an element name for a codec.
 */
public enum Codec {
    /** H.264 / AVC. */
    H264("H.264", "video/x-h264", "rtph264depay", "h264parse", "nvh264dec", "d3d11h264dec", "avdec_h264"),
    /** H.265 / HEVC. */
    H265("H.265", "video/x-h265", "rtph265depay", "h265parse", "nvh265dec", "d3d11h265dec", "avdec_h265");

    private final String displayName;
    private final String caps;
    private final String depayloader;
    private final String parser;
    private final String nvdecDecoder;
    private final String d3d11Decoder;
    private final String softwareDecoder;

    Codec(String displayName, String caps, String depayloader, String parser, String nvdecDecoder,
            String d3d11Decoder, String softwareDecoder) {
        this.displayName = displayName;
        this.caps = caps;
        this.depayloader = depayloader;
        this.parser = parser;
        this.nvdecDecoder = nvdecDecoder;
        this.d3d11Decoder = d3d11Decoder;
        this.softwareDecoder = softwareDecoder;
    }

    /**
     * Parses a codec name as users and camera pages write it: {@code h264}, {@code h265} or
     * {@code hevc}, in any case, surrounding spaces ignored.
     *
     * @throws IllegalArgumentException for anything else, listing the accepted values
     */
    public static Codec parse(String text) {
        String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (key) {
            case "h264":
                return H264;
            case "h265":
            case "hevc":
                return H265;
            default:
                throw new IllegalArgumentException("codec must be one of h264, h265, hevc"
                        + " (case-insensitive), got " + (text == null ? "null" : "'" + text + "'"));
        }
    }

    /** "H.264" or "H.265", for messages. */
    public String displayName() {
        return displayName;
    }

    /** The media type of the encoded stream in GStreamer caps: {@code video/x-h264} / {@code video/x-h265}. */
    public String caps() {
        return caps;
    }

    /** The RTP depayloader behind {@code rtspsrc}: {@code rtph264depay} / {@code rtph265depay}. */
    public String depayloader() {
        return depayloader;
    }

    /**
     * The bitstream parser in front of the decoder: {@code h264parse} / {@code h265parse}. It turns
     * the depayloader's output into whole access units with the caps every decoder accepts.
     */
    public String parser() {
        return parser;
    }

    /** NVIDIA NVDEC decoder (gst-plugins-bad {@code nvcodec}): {@code nvh264dec} / {@code nvh265dec}. */
    public String nvdecDecoder() {
        return nvdecDecoder;
    }

    /** Windows Direct3D11 decoder: {@code d3d11h264dec} / {@code d3d11h265dec}. */
    public String d3d11Decoder() {
        return d3d11Decoder;
    }

    /** FFmpeg software decoder (gst-libav): {@code avdec_h264} / {@code avdec_h265}. */
    public String softwareDecoder() {
        return softwareDecoder;
    }

    /** The decoder element of the given backend for this codec. */
    public String decoder(DecoderBackend backend) {
        switch (backend) {
            case NVDEC:
                return nvdecDecoder;
            case D3D11:
                return d3d11Decoder;
            case SOFTWARE:
                return softwareDecoder;
            default:
                throw new AssertionError(backend);
        }
    }
}
