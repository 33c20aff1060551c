package io.dualstream.internal.stream;

import io.dualstream.internal.pipeline.RtspUrl;
import java.util.Locale;
import java.util.Objects;

/**
 * A camera stream over RTSP. {@link #toString()} masks the password.
 *
 * @param url       the camera's RTSP URL, credentials included (they reach rtspsrc as properties)
 * @param codec     the stream's codec, or {@link CodecChoice#AUTO} (asked from the camera)
 * @param transport how RTP travels, {@link TransportChoice#AUTO} unless the camera needs one
 */
public record RtspSource(RtspUrl url, CodecChoice codec, TransportChoice transport) implements StreamSource {
    public RtspSource {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(transport, "transport");
    }

    /** A stream with transport {@code auto}. */
    public static RtspSource of(String url, CodecChoice codec) {
        return new RtspSource(RtspUrl.parse(url), codec, TransportChoice.AUTO);
    }

    @Override
    public String toString() {
        return url.masked() + " (" + codec.name().toLowerCase(Locale.ROOT) + ", " + transport + ")";
    }
}
