package io.dualstream.internal.rtsp;

import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.RtspUrl;
import java.io.IOException;

/** Finds a stream's codec from the SDP its camera answers to DESCRIBE: what {@code --codec auto} does. */
public final class CodecDetector {
    private final RtspProbe probe;

    public CodecDetector(RtspProbe probe) {
        this.probe = probe;
    }

    /**
     * @throws IOException with one line saying why the codec could not be found (the camera's
     *                     answer, never the password)
     */
    public Codec detect(RtspUrl url) throws IOException {
        ProbeResult result = probe.describe(url);
        if (result.outcome() != ProbeResult.Outcome.OK) {
            String hint = switch (result.outcome()) {
                case UNAUTHORIZED -> ": check the user name and password";
                case UNKNOWN_HOST, NOT_RTSP -> ": check the camera's address and port";
                case NOT_FOUND -> ": check the stream's path";
                case NOT_PROBED -> ": give --codec h264 or --codec h265";
                default -> "";
            };
            throw new IOException("could not ask " + url.masked() + " for its codec: " + result.detail() + hint);
        }
        String encoding = result.encoding().orElseThrow(() -> new IOException(url.masked()
                + " describes no video stream: give --codec h264 or --codec h265 if it has one"));
        return RtspDiagnoser.codecOf(encoding).orElseThrow(() -> new IOException(url.masked() + " sends "
                + encoding + " video, which DualStream cannot decode (H.264 or H.265 only)"));
    }
}
