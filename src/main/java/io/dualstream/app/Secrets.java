package io.dualstream.app;

import io.dualstream.internal.pipeline.RtspUrl;
import java.util.List;
import java.util.Locale;

/**
 * Last line of defence for text we did not write ourselves: picocli's messages quote the argument they
 * could not use, and that argument may be an RTSP URL with a password.
 */
final class Secrets {
    private Secrets() {
    }

    /** Replaces every RTSP URL among {@code args} that appears in {@code text} by its masked form. */
    static String maskArguments(String text, List<String> args) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String arg : args) {
            if (arg.toLowerCase(Locale.ROOT).startsWith("rtsp") && arg.contains("@") && masked.contains(arg)) {
                masked = masked.replace(arg, maskedForm(arg));
            }
        }
        return masked;
    }

    private static String maskedForm(String url) {
        try {
            return RtspUrl.parse(url).masked();
        } catch (IllegalArgumentException e) {
            return "rtsp://***";   // not even a URL we understand: show none of it
        }
    }
}
