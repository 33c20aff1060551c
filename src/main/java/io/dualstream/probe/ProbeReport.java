package io.dualstream.probe;

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

    public String json() {
        return String.format(Locale.ROOT, "{\"url\":%s,\"codec\":%s,\"transport\":%s,\"tcp_refused\":%b,"
                        + "\"transport_text\":%s,\"width\":%d,\"height\":%d,\"channels\":%d,"
                        + "\"bytes_per_frame\":%d,\"reported_fps\":%.3f,\"measured_fps\":%.3f,"
                        + "\"uncompressed_mb_per_s\":%.3f,\"compressed_mbit_per_s\":%.4f,\"compressed_bytes\":%d,"
                        + "\"compressed_seconds\":%.3f,\"rtp_packets\":%d,\"socket_mbit_per_s\":%.4f,"
                        + "\"compression_ratio\":%.1f,\"units\":\"MB = 10^6 bytes, Mbit = 10^6 bits; compressed = "
                        + "RTP payload of the video track\"}",
                quote(maskedUrl), quote(codec), quote(wire.transport().protocols()), wire.tcpRefused(),
                quote(wire.transportText()), frames.width(), frames.height(), frames.channels(),
                frames.bytesPerFrame(), frames.reportedFps(), frames.measuredFps(), uncompressedMegabytesPerSecond(),
                compressedMegabitsPerSecond(), wire.payloadBytes(), wire.payloadSeconds(), wire.packets(),
                wire.socketBitsPerSecond() / 1e6, compressionRatio());
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
