package io.dualstream.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments split into positionals and {@code --name value} / {@code --name=value}
 * options, with typed getters whose errors name the option. Pure values: tested without natives.
 */
final class CliArguments {
    private final String command;
    private final List<String> positionals;
    private final Map<String, String> options;

    private CliArguments(String command, List<String> positionals, Map<String, String> options) {
        this.command = command;
        this.positionals = positionals;
        this.options = options;
    }

    /**
     * @param allowed option names this command accepts (without the dashes); {@code help} is always accepted
     */
    static CliArguments parse(String command, List<String> args, Set<String> allowed) throws UsageException {
        List<String> positionals = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                options.put("help", "true");
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (!allowed.contains(name)) {
                    throw new UsageException(command + ": unknown option --" + name + " (see `dualstream " + command
                            + " --help`)");
                }
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(command + ": option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (options.put(name, value) != null) {
                    throw new UsageException(command + ": option --" + name + " given twice");
                }
            } else {
                positionals.add(arg);
            }
        }
        return new CliArguments(command, List.copyOf(positionals), options);
    }

    boolean helpRequested() {
        return options.containsKey("help");
    }

    List<String> positionals() {
        return positionals;
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    String require(String name, String example) throws UsageException {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(command + ": --" + name + " is required, e.g. --" + name + " " + example);
        }
        return value;
    }

    int intOption(String name, int defaultValue, int min, int max) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new UsageException(command + ": --" + name + " must be between " + min + " and " + max
                        + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a whole number, got '" + value + "'");
        }
    }

    /** Seconds as a plain number ({@code 10}, {@code 2.5}) or with a unit ({@code 500ms}, {@code 10s}, {@code 2m}). */
    Duration durationOption(String name, Duration defaultValue, Duration min, Duration max) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        Duration parsed = parseDuration(value.trim())
                .orElseThrow(() -> new UsageException(command + ": --" + name + " must be a duration such as 10, "
                        + "10s, 500ms or 2m, got '" + value + "'"));
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new UsageException(command + ": --" + name + " must be between " + human(min) + " and "
                    + human(max) + ", got " + human(parsed));
        }
        return parsed;
    }

    private static Optional<Duration> parseDuration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?").matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> number;
            case "s" -> number * 1_000;
            case "m" -> number * 60_000;
            default -> number * 3_600_000;
        };
        return Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
