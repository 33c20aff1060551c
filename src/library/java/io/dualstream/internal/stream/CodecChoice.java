package io.dualstream.internal.stream;

import io.dualstream.internal.pipeline.Codec;
import java.util.Locale;
import java.util.Optional;

/** The codec a camera stream is configured with: a fixed one, or {@code auto} (asked from the camera at start). */
public enum CodecChoice {
    H264(Codec.H264),
    H265(Codec.H265),
    /**
     * Resolved when the camera starts, from the stream description (SDP) the camera answers to an
     * RTSP DESCRIBE (plain rtsp:// only; Basic and Digest authentication).
     */
    AUTO(null);

    private final Codec codec;

    CodecChoice(Codec codec) {
        this.codec = codec;
    }

    /**
     * Parses {@code h264}, {@code h265} (or {@code hevc}) and {@code auto}, in any case.
     *
     * @throws IllegalArgumentException for anything else, listing the accepted values
     */
    public static CodecChoice parse(String text) {
        String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "h264" -> H264;
            case "h265", "hevc" -> H265;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException("codec must be one of h264, h265, hevc, auto, got "
                    + (text == null ? "null" : "'" + text + "'"));
        };
    }

    /** The choice that fixes this codec. */
    public static CodecChoice of(Codec codec) {
        return codec == Codec.H264 ? H264 : H265;
    }

    /** The fixed codec, or empty for {@link #AUTO}. */
    public Optional<Codec> fixed() {
        return Optional.ofNullable(codec);
    }
}
