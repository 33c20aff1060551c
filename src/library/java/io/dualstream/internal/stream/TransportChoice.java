package io.dualstream.internal.stream;

import io.dualstream.internal.pipeline.Transport;
import java.util.Locale;
import java.util.Optional;

/** How a camera stream's RTP travels, as configured: a fixed transport, or {@code auto} (the default). */
public enum TransportChoice {
    /**
     * RTP over TCP first (interleaved in the RTSP connection, the article's choice: a lost UDP packet
     * of a 12 MP keyframe spoils every frame up to the next one), then over UDP when the camera
     * refuses TCP (answers SETUP with 461, as VLC's RTSP output does) or sends no media over it
     * within the open timeout. The transport that worked is kept for the stream's reconnects.
     */
    AUTO(null),
    TCP(Transport.TCP),
    UDP(Transport.UDP);

    private final Transport transport;

    TransportChoice(Transport transport) {
        this.transport = transport;
    }

    /**
     * Parses {@code auto}, {@code tcp} and {@code udp}, in any case.
     *
     * @throws IllegalArgumentException for anything else, listing the accepted values
     */
    public static TransportChoice parse(String text) {
        String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "auto" -> AUTO;
            case "tcp" -> TCP;
            case "udp" -> UDP;
            default -> throw new IllegalArgumentException("transport must be one of auto, tcp, udp, got "
                    + (text == null ? "null" : "'" + text + "'"));
        };
    }

    /** The fixed transport, or empty for {@link #AUTO}. */
    public Optional<Transport> fixed() {
        return Optional.ofNullable(transport);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
