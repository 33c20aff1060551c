package io.dualstream.internal.rtsp;

import java.util.Locale;
import java.util.Optional;

/**
 * The little of SDP (RFC 4566) DualStream needs: the first video track's control URL and encoding
 * (codec detection, the wire meter's SETUP).
 */
public final class Sdp {
    private Sdp() {
    }

    /** @param encoding RTP encoding name, upper case ({@code H264}); @param clockRate RTP clock, Hz */
    public record Track(String control, String encoding, int clockRate) {
    }

    public static Optional<Track> firstVideoTrack(String sdp) {
        boolean inVideo = false;
        String control = null;
        String encoding = "";
        int clockRate = 90_000;
        for (String raw : sdp.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                if (inVideo) {
                    break;
                }
                inVideo = line.startsWith("m=video");
            } else if (inVideo && line.startsWith("a=control:")) {
                control = line.substring("a=control:".length()).strip();
            } else if (inVideo && line.startsWith("a=rtpmap:")) {
                // a=rtpmap:96 H264/90000
                String[] parts = line.substring("a=rtpmap:".length()).split("\\s+", 2);
                if (parts.length == 2) {
                    String[] codec = parts[1].split("/");
                    encoding = codec[0].toUpperCase(Locale.ROOT);
                    if (codec.length > 1) {
                        try {
                            clockRate = Integer.parseInt(codec[1].strip());
                        } catch (NumberFormatException e) {
                            // keep 90 kHz, the video clock of every camera codec
                        }
                    }
                }
            }
        }
        if (!inVideo) {
            return Optional.empty();
        }
        return Optional.of(new Track(control == null ? "*" : control, encoding, clockRate));
    }

    /** RFC 2326 C.1.1: an absolute control URL is used as is, "*" means the base, else it is relative to the base. */
    public static String resolveControl(String base, String control) {
        if (control.equals("*") || control.isEmpty()) {
            return base;
        }
        if (control.regionMatches(true, 0, "rtsp://", 0, 7) || control.regionMatches(true, 0, "rtsps://", 0, 8)) {
            return control;
        }
        return base.endsWith("/") ? base + control : base + "/" + control;
    }
}
