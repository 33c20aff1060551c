package io.dualstream.inspect.preview;

import java.util.Map;
import java.util.Optional;

/** Whether a window can be shown at all, decided before any window is opened. */
final class DisplayCheck {
    private DisplayCheck() {
    }

    /**
     * Why no window can be shown here, or empty when one can. Windows and macOS always have a desktop
     * for an interactive user; elsewhere a window needs {@code DISPLAY} (X11) or {@code WAYLAND_DISPLAY}.
     */
    static Optional<String> whyNoDisplay(Map<String, String> environment, String osName) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return Optional.empty();
        }
        if (isSet(environment.get("DISPLAY")) || isSet(environment.get("WAYLAND_DISPLAY"))) {
            return Optional.empty();
        }
        return Optional.of("the preview window needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set: "
                + "run without --preview on a server, or from a desktop session (or ssh -X)");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
