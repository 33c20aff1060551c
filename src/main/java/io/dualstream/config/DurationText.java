package io.dualstream.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them on a command line or in the config file: plain seconds ({@code 10},
 * {@code 2.5}) or with a unit ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 7d}).
 */
public final class DurationText {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");
    /** What every error about a duration shows as the accepted form. */
    public static final String EXAMPLES = "a duration such as 10, 10s, 500ms, 2m, 1h or 7d";

    private DurationText() {
    }

    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> number;
            case "s" -> number * 1_000;
            case "m" -> number * 60_000;
            case "h" -> number * 3_600_000;
            default -> number * 86_400_000;
        };
        return Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    /** Short human form for messages: {@code 15 s}, {@code 500 ms}. */
    public static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
