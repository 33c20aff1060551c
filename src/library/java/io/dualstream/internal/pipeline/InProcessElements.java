package io.dualstream.internal.pipeline;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Elements that OpenCV's GStreamer backend registers in this process only, with no plugin file:
 * {@code gst-inspect-1.0}, a separate process, cannot see them, so {@link GstInspectRegistry} asks
 * here first. The one such element is DualStream's keyframe gate ({@value #KEYFRAME_GATE}),
 * compiled into the GStreamer plugin that {@code opencv-build/} builds; the GStreamer probe
 * ({@code GStreamerSupport}) records it once it has opened a pipeline with it in this process.
 *
 * <p>Process-wide by nature: GStreamer's element registry is one per process.
 */
public final class InProcessElements {
    /** DualStream's keyframe gate, see {@code cmake/plugin-gstreamer/dualstream_keyframe_gate.hpp}. */
    public static final String KEYFRAME_GATE = "dskeyframegate";

    private static final Set<String> ELEMENTS = ConcurrentHashMap.newKeySet();

    private InProcessElements() {
    }

    /** Records that this process's GStreamer has the element (it opened a pipeline with it). */
    public static void add(String elementName) {
        ELEMENTS.add(Objects.requireNonNull(elementName, "elementName"));
    }

    /** Whether this process's GStreamer is known to have the element. */
    public static boolean contains(String elementName) {
        return ELEMENTS.contains(elementName);
    }
}
