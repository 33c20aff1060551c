package io.dualstream.internal.pipeline;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each element the pipelines use comes from, so a missing one can be reported as the package
 * to install rather than as GStreamer's bare "no element".
 *
 * <p>Checked with {@code gst-inspect-1.0 <element>} (plugin) and {@code dpkg -S} on the plugin's
 * file (package) on Debian 12 with GStreamer 1.22. Note that gst-plugins-bad ships the
 * {@code nvcodec} plugin, but its decoders register only when the NVIDIA driver's
 * {@code libnvcuvid} loads and a GPU answers; the Direct3D11 decoders exist only in Windows builds.
 */
public final class ElementCatalog {

    private static final String NVDEC_NOTE = "also needs an NVIDIA GPU with its driver"
            + " (libnvcuvid); without one the nvcodec plugin registers no decoders";
    private static final String D3D11_NOTE = "Windows only; part of the GStreamer MSVC runtime";

    private static final Map<String, ElementInfo> ELEMENTS = build();

    private ElementCatalog() {
    }

    private static Map<String, ElementInfo> build() {
        Map<String, ElementInfo> m = new LinkedHashMap<>();
        put(m, "rtspsrc", "RTSP client source", "rtsp", "gstreamer1.0-plugins-good", "");
        for (Codec c : Codec.values()) {
            String v = c.displayName();
            put(m, c.depayloader(), "RTP " + v + " depayloader", "rtp",
                    "gstreamer1.0-plugins-good", "");
            put(m, c.parser(), v + " parser", "videoparsersbad", "gstreamer1.0-plugins-bad", "");
            put(m, c.softwareDecoder(), "software " + v + " decoder", "libav",
                    "gstreamer1.0-libav", "");
            put(m, c.nvdecDecoder(), "NVDEC " + v + " decoder", "nvcodec",
                    "gstreamer1.0-plugins-bad", NVDEC_NOTE);
            put(m, c.d3d11Decoder(), "Direct3D11 " + v + " decoder", "d3d11",
                    "gstreamer1.0-plugins-bad", D3D11_NOTE);
        }
        put(m, "queue", "queue", "coreelements", "libgstreamer1.0-0", "");
        put(m, "capsfilter", "caps filter", "coreelements", "libgstreamer1.0-0", "");
        put(m, "videoconvert", "video colour converter", "videoconvertscale",
                "gstreamer1.0-plugins-base", "");
        put(m, "appsink", "application sink (hands frames to OpenCV)", "app",
                "gstreamer1.0-plugins-base", "");
        put(m, "videotestsrc", "test video source", "videotestsrc",
                "gstreamer1.0-plugins-base", "");
        put(m, "x264enc", "H.264 encoder", "x264", "gstreamer1.0-plugins-ugly", "");
        put(m, "x265enc", "H.265 encoder", "x265", "gstreamer1.0-plugins-bad", "");
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, ElementInfo> m, String element, String purpose,
            String plugin, String debianPackage, String note) {
        m.put(element, new ElementInfo(element, purpose, plugin, debianPackage, note));
    }

    /** The catalog entry for an element, if the pipelines of this project use it. */
    public static Optional<ElementInfo> find(String element) {
        return Optional.ofNullable(ELEMENTS.get(element));
    }

    /** Every element in the catalog, in a stable order. */
    public static Collection<ElementInfo> all() {
        return ELEMENTS.values();
    }
}
