package io.dualstream.internal.natives;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OpenCV's {@code getBuildInformation()} text. A build with GStreamer compiled into videoio
 * (our {@code javacpp} and {@code world} profiles) lists {@code GStreamer: YES (1.22.0)} under
 * {@code Video I/O:}; bytedeco's stock build has no GStreamer line there, and then the plugin is
 * needed.
 */
final class BuildInformation {
    private static final Pattern GSTREAMER_BUILT_IN = Pattern.compile("(?m)^\\s*GStreamer:\\s*YES\\b.*$");

    private BuildInformation() {
    }

    /** True when the {@code Video I/O} section says GStreamer is built in. */
    static boolean hasBuiltInGStreamer(String buildInformation) {
        int videoIo = buildInformation.indexOf("Video I/O:");
        if (videoIo < 0) {
            return false;
        }
        // OpenCV separates the sections of its summary with an empty line.
        String section = buildInformation.substring(videoIo);
        Matcher blank = Pattern.compile("\\n\\s*\\n").matcher(section);
        return GSTREAMER_BUILT_IN.matcher(blank.find() ? section.substring(0, blank.start()) : section).find();
    }
}
