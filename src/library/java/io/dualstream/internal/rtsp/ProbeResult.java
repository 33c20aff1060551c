package io.dualstream.internal.rtsp;

import java.util.Objects;
import java.util.Optional;

/**
 * What an RTSP {@code DESCRIBE} (or a {@code DESCRIBE} and {@code SETUP}, {@link RtspProbe#setup})
 * found out about a camera.
 *
 * @param outcome  the kind of answer
 * @param detail   one line for people: the status line, the exception's kind; never credentials
 * @param encoding the first video encoding in the SDP, upper case (e.g. {@code H264}, {@code H265}),
 *                 when the camera answered 200
 */
public record ProbeResult(Outcome outcome, String detail, Optional<String> encoding) {
    public ProbeResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(encoding, "encoding");
    }

    /** The kinds of answer a probe can get. */
    public enum Outcome {
        /** 200 with an SDP. */
        OK,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Nothing listens on the port (or a firewall rejects). */
        REFUSED,
        /** No connection or no answer in time: a stall, a camera booting, a black-holed route. */
        TIMEOUT,
        /** Something answered, but not in RTSP. */
        NOT_RTSP,
        /** 401/403 after trying the given credentials (or none were given). */
        UNAUTHORIZED,
        /** 404: no stream at that path. */
        NOT_FOUND,
        /**
         * 461 to a SETUP: the camera does not offer the transport asked for (typically RTP over TCP
         * from a camera that streams over UDP only).
         */
        UNSUPPORTED_TRANSPORT,
        /** Another RTSP status (e.g. 503 while the camera starts). */
        OTHER_STATUS,
        /** The connection broke mid-answer, or another I/O error. */
        IO_ERROR,
        /** Not probed (e.g. rtsps, whose TLS this probe does not speak). */
        NOT_PROBED
    }

    static ProbeResult of(Outcome outcome, String detail) {
        return new ProbeResult(outcome, detail, Optional.empty());
    }
}
