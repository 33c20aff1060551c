package io.dualstream.doctor;

import java.util.Locale;

/** Which OS the doctor runs on; decides library names and install hints. */
final class OperatingSystem {
    private OperatingSystem() {
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
