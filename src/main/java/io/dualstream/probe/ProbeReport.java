package io.dualstream.probe;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dualstream.inspect.output.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What {@code probe} prints: the article's two measurements — resolution, channels, bytes per frame,
 * reported FPS and uncompressed MB/s — plus the compressed bitrate measured on the wire and the ratio,
 * and how the RTP packets came ({@code tcp}, or {@code udp} with the reason when the camera refused
 * TCP). MB are 10^6 bytes and Mbit 10^6 bits throughout.
 */
public record ProbeReport(String maskedUrl, String codec, OpenCvMeasurement.Frames frames, RtspWireMeter.Result wire) {
    /** The FPS the uncompressed rate is computed with: OpenCV's, or the measured one when OpenCV reports none. */
    public double fpsUsed() {
        return frames.reportedFps() > 0 ? frames.reportedFps() : frames.measuredFps();
    }

    /** Uncompressed bytes per second, 10^6 bytes = 1 MB. */
    public double uncompressedMegabytesPerSecond() {
        return frames.bytesPerFrame() * fpsUsed() / 1e6;
    }

    public double compressedMegabitsPerSecond() {
        return wire.payloadBitsPerSecond() / 1e6;
    }

    /** Uncompressed bytes per second over compressed bytes per second. */
    public double compressionRatio() {
        double compressedBytesPerSecond = wire.payloadBitsPerSecond() / 8;
        return compressedBytesPerSecond > 0 ? frames.bytesPerFrame() * fpsUsed() / compressedBytesPerSecond : 0;
    }

    public String text() {
        return String.format(Locale.ROOT, """
                Stream:            %s (%s)
                Transport:         %s
                Resolution:        %dx%d
                Channels:          %d
                Bytes per frame:   %d (%.2f MB)
                Reported FPS:      %s
                Uncompressed:      %.2f MB/s (bytes per frame x %.2f fps)
                Compressed (wire): %.3f Mbit/s = %.3f MB/s, RTP payload over %.1f s (%d packets; %.3f Mbit/s on the socket)
                Ratio:             %.0f : 1 (uncompressed / compressed)
                """, maskedUrl, codec, wire.transportText(), frames.width(), frames.height(), frames.channels(),
                frames.bytesPerFrame(), frames.bytesPerFrame() / 1e6,
                frames.reportedFps() > 0 ? String.format(Locale.ROOT, "%.2f (measured %.2f)", frames.reportedFps(),
                        frames.measuredFps()) : String.format(Locale.ROOT, "not reported (measured %.2f)",
                        frames.measuredFps()),
                uncompressedMegabytesPerSecond(), fpsUsed(), compressedMegabitsPerSecond(),
                compressedMegabitsPerSecond() / 8, wire.payloadSeconds(), wire.packets(),
                wire.socketBitsPerSecond() / 1e6, compressionRatio());
    }

    /** One line of JSON ({@code probe --json}), written by the app's one JSON writer. */
    public String json() {
        return new String(JsonText.compact(new Json(maskedUrl, codec, wire.transport().protocols(), wire.tcpRefused(),
                wire.transportText(), frames.width(), frames.height(), frames.channels(), frames.bytesPerFrame(),
                JsonText.round3(frames.reportedFps()), JsonText.round3(frames.measuredFps()),
                JsonText.round3(uncompressedMegabytesPerSecond()), Math.round(compressedMegabitsPerSecond() * 1e4) / 1e4,
                wire.payloadBytes(), JsonText.round3(wire.payloadSeconds()), wire.packets(),
                Math.round(wire.socketBitsPerSecond() / 1e6 * 1e4) / 1e4, Math.round(compressionRatio() * 10) / 10.0,
                "MB = 10^6 bytes, Mbit = 10^6 bits; compressed = RTP payload of the video track")),
                StandardCharsets.UTF_8);
    }

    /** {@code probe --json}'s fields, in this order, names in snake_case. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Json(String url, String codec, String transport, boolean tcpRefused, String transportText, int width,
                int height, int channels, long bytesPerFrame, double reportedFps, double measuredFps,
                double uncompressedMbPerS, double compressedMbitPerS, long compressedBytes, double compressedSeconds,
                long rtpPackets, double socketMbitPerS, double compressionRatio, String units) {
    }
}
