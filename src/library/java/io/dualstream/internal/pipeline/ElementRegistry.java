package io.dualstream.internal.pipeline;

import java.util.Collection;

/**
 * Answers whether this machine's GStreamer can create an element, so that nothing in this package
 * names an element that is not there.
 *
 * <p>{@link GstInspectRegistry} asks the installed GStreamer. Tests use a fixed set, which is how
 * decoder choice for machines with an NVIDIA GPU or Windows is tested on a CI runner that has
 * neither.
 */
public interface ElementRegistry {

    /** Whether an element factory of this name exists and loads (e.g. {@code "avdec_h265"}). */
    boolean has(String elementName);

    /**
     * Whether the element has a property of this name (e.g. {@code rtph265depay}'s
     * {@code wait-for-keyframe}, which only newer GStreamer releases have). A registry that cannot
     * tell answers false, and pipelines are then rendered without the property.
     */
    default boolean hasProperty(String elementName, String propertyName) {
        return false;
    }

    /** Throws {@link MissingElementException} if the element is absent. */
    default void require(String elementName) {
        if (!has(elementName)) {
            throw new MissingElementException(elementName);
        }
    }

    /**
     * Throws {@link MissingElementException} for the first absent element, in the given order.
     */
    default void requireAll(Collection<String> elementNames) {
        for (String name : elementNames) {
            require(name);
        }
    }
}
