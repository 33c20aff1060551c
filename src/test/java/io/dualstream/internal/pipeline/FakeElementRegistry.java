package io.dualstream.internal.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@link ElementRegistry} with a fixed set of elements. It stands in for machines that CI does
 * not have (an NVIDIA GPU with its driver, a Windows GStreamer with Direct3D11), so that decoder
 * choice for them is tested everywhere; what this machine really has is tested with
 * {@link GstInspectRegistry}. Records every name it was asked about.
 */
final class FakeElementRegistry implements ElementRegistry {

    private final Set<String> present;
    private final Set<String> properties = new LinkedHashSet<>();
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    private FakeElementRegistry(Set<String> present) {
        this.present = present;
    }

    static FakeElementRegistry of(String... elements) {
        return new FakeElementRegistry(new LinkedHashSet<>(Arrays.asList(elements)));
    }

    /** Every element a pipeline uses, with the given decoders added. */
    static FakeElementRegistry baseWith(String... decoders) {
        FakeElementRegistry r = of("rtspsrc", "rtph264depay", "rtph265depay", "h264parse",
                "h265parse", "queue", "videoconvert", "appsink");
        r.present.addAll(Arrays.asList(decoders));
        return r;
    }

    /** Gives the (present) element this property, e.g. {@code rtph264depay}'s {@code wait-for-keyframe}. */
    FakeElementRegistry withProperty(String elementName, String propertyName) {
        properties.add(elementName + "::" + propertyName);
        return this;
    }

    @Override
    public boolean hasProperty(String elementName, String propertyName) {
        return has(elementName) && properties.contains(elementName + "::" + propertyName);
    }

    @Override
    public boolean has(String elementName) {
        asked.add(elementName);
        return present.contains(elementName);
    }

    List<String> asked() {
        return List.copyOf(asked);
    }
}
