package io.dualstream.app;

import io.dualstream.config.DurationText;
import java.time.Duration;

/** Range checks for option values, failing with a usage error that names the option and its limits. */
final class Ranges {
    private Ranges() {
    }

    static int check(String command, String option, int value, int min, int max) throws UsageException {
        if (value < min || value > max) {
            throw new UsageException(command + ": " + option + " must be between " + min + " and " + max + ", got "
                    + value);
        }
        return value;
    }

    static Duration check(String command, String option, Duration value, Duration min, Duration max)
            throws UsageException {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new UsageException(command + ": " + option + " must be between " + DurationText.human(min) + " and "
                    + DurationText.human(max) + ", got " + DurationText.human(value));
        }
        return value;
    }
}
