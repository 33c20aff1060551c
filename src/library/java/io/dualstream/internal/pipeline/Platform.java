package io.dualstream.internal.pipeline;

import java.util.Locale;

/** The one place that reads {@code os.name}, so that tests can pass the answer in instead. */
final class Platform {

    private Platform() {
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
