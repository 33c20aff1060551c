package io.dualstream.inspect;

import io.dualstream.pipeline.RtspUrl;
import io.dualstream.pipeline.Transport;
import java.util.Objects;

/**
 * Where one of a camera's two streams comes from. {@link #toString()} masks the password.
 *
 * @param url       the camera's RTSP URL, credentials included (they reach rtspsrc as properties)
 * @param codec     the stream's codec, or {@link CodecChoice#AUTO}
 * @param transport how RTP travels; TCP unless the network is known to be clean
 */
public record StreamSource(RtspUrl url, CodecChoice codec, Transport transport) {
    public StreamSource {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(transport, "transport");
    }

    /** A stream over TCP. */
    public static StreamSource of(String url, CodecChoice codec) {
        return new StreamSource(RtspUrl.parse(url), codec, Transport.TCP);
    }

    @Override
    public String toString() {
        return url.masked() + " (" + codec.name().toLowerCase(java.util.Locale.ROOT) + ", "
                + transport.protocols() + ")";
    }
}
