package io.dualstream.internal.stream;

import io.dualstream.internal.pipeline.DecoderPreference;
import io.dualstream.internal.pipeline.StreamSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything about one camera stream that the stream opener turns into a running reader. Immutable;
 * {@link #of} starts from the defaults that every command shares, the {@code with...} methods change
 * one value.
 *
 * @param name          the stream's name in logs and thread names (never a password), 1..64 characters
 * @param source        where the stream comes from
 * @param decoder       which decoder family to prefer
 * @param latencyMillis rtspsrc's jitter buffer, 0..10000 ms
 * @param openTimeout   how long one open may take before it is abandoned and tried again
 * @param readTimeout   how long without a frame counts as a stall
 */
public record StreamSettings(String name, StreamSource source, DecoderPreference decoder, int latencyMillis,
                             Duration openTimeout, Duration readTimeout) {
    /** One open: the RTSP handshake, the decoder's first frame. */
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(10);
    /** Five seconds without a frame is a stall for any camera frame rate in use. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    public StreamSettings {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("stream name must be 1 to 64 characters, got \"" + name + "\"");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(decoder, "decoder");
        if (latencyMillis < 0 || latencyMillis > 10_000) {
            throw new IllegalArgumentException("latency must be 0..10000 ms, got " + latencyMillis);
        }
        Objects.requireNonNull(openTimeout, "openTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /** The defaults: decoder auto, latency {@value StreamSpec#DEFAULT_LATENCY_MILLIS} ms, open 10 s, read 5 s. */
    public static StreamSettings of(String name, StreamSource source) {
        return new StreamSettings(name, source, DecoderPreference.AUTO, StreamSpec.DEFAULT_LATENCY_MILLIS,
                DEFAULT_OPEN_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    public StreamSettings withDecoder(DecoderPreference preference) {
        return new StreamSettings(name, source, preference, latencyMillis, openTimeout, readTimeout);
    }

    public StreamSettings withLatencyMillis(int millis) {
        return new StreamSettings(name, source, decoder, millis, openTimeout, readTimeout);
    }

    public StreamSettings withOpenTimeout(Duration timeout) {
        return new StreamSettings(name, source, decoder, latencyMillis, timeout, readTimeout);
    }

    public StreamSettings withReadTimeout(Duration timeout) {
        return new StreamSettings(name, source, decoder, latencyMillis, openTimeout, timeout);
    }

    /** Host and port name a camera stream in logs and thread names: never the credentials. */
    public static String nameFor(io.dualstream.internal.pipeline.RtspUrl url) {
        String name = url.host() + url.port().stream().mapToObj(p -> ":" + p).findFirst().orElse("");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
