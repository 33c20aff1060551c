package io.dualstream.internal.pipeline;

import java.util.Optional;

/**
 * A GStreamer element that a pipeline needs is not available on this machine.
 *
 * <p>The message is the fix in one sentence, e.g. "GStreamer element 'avdec_h265' (software H.265
 * decoder) is missing: install it with `sudo apt-get install gstreamer1.0-libav`". On Windows it
 * points to the GStreamer MSVC runtime's "Complete" installation instead, which has every plugin
 * these pipelines use. Elements outside {@link ElementCatalog} get a hint to look them up.
 */
public class MissingElementException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String element;
    private final ElementInfo info;

    /** For the current operating system. */
    public MissingElementException(String element) {
        this(element, Platform.isWindows());
    }

    /** For the given operating system: Windows hints if {@code windows}, Debian hints otherwise. */
    public MissingElementException(String element, boolean windows) {
        super(message(element, ElementCatalog.find(element).orElse(null), windows));
        this.element = element;
        this.info = ElementCatalog.find(element).orElse(null);
    }

    /** The missing element's name. */
    public String element() {
        return element;
    }

    /** What the catalog knows about the element; empty for elements outside it. */
    public Optional<ElementInfo> info() {
        return Optional.ofNullable(info);
    }

    private static String message(String element, ElementInfo info, boolean windows) {
        StringBuilder m = new StringBuilder("GStreamer element '").append(element).append("'");
        if (info != null) {
            m.append(" (").append(info.purpose()).append(")");
        }
        m.append(" is missing: ");
        if (info == null) {
            m.append("find the plugin that provides it (gst-inspect-1.0 lists the installed ones)"
                    + " and install that plugin's package");
        } else if (windows) {
            m.append("install the GStreamer 1.x MSVC runtime with the \"Complete\" setup type"
                    + " (gstreamer.freedesktop.org/download), put its bin folder on PATH and"
                    + " restart; it comes from the '").append(info.plugin()).append("' plugin");
        } else {
            m.append("install it with `").append(info.debianInstallCommand()).append("`");
        }
        if (info != null && !info.note().isEmpty()) {
            m.append(" (").append(info.note()).append(")");
        }
        return m.toString();
    }
}
