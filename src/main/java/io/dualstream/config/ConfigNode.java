package io.dualstream.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One node of a parsed YAML file with the file, line and dotted key it came from, so every error can
 * name all three. Values are read as text and converted here, so YAML 1.1's surprises ({@code no} as
 * false, {@code 08} as a string) cannot slip through unnoticed.
 */
final class ConfigNode {
    private final Path file;
    private final String key;
    private final Node node;
    private final ValueResolver resolver;

    ConfigNode(Path file, String key, Node node, ValueResolver resolver) {
        this.file = file;
        this.key = key;
        this.node = node;
        this.resolver = resolver;
    }

    String key() {
        return key;
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    ConfigException error(String problem) {
        return new ConfigException(file, line(), key, problem);
    }

    /** The entries of a mapping, in file order; unknown or repeated keys are errors. */
    Map<String, ConfigNode> mapping(Set<String> allowed) throws ConfigException {
        if (!(node instanceof MappingNode mapping)) {
            throw error("must be a mapping of keys (" + String.join(", ", allowed) + ")");
        }
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ConfigNode(file, key, tuple.getKeyNode(), resolver).error("keys must be plain names");
            }
            String name = keyNode.getValue();
            String childKey = key.isEmpty() ? name : key + "." + name;
            ConfigNode keyAt = new ConfigNode(file, childKey, keyNode, resolver);
            if (!allowed.contains(name)) {
                throw keyAt.error("unknown key; this section takes " + String.join(", ", allowed));
            }
            if (entries.containsKey(name)) {
                throw keyAt.error("given twice (first on line " + entries.get(name).line() + ")");
            }
            entries.put(name, new ConfigNode(file, childKey, tuple.getValueNode(), resolver));
        }
        return entries;
    }

    List<ConfigNode> sequence() throws ConfigException {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("must be a list (lines starting with '- ', or [a, b])");
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            items.add(new ConfigNode(file, key + "[" + i + "]", sequence.getValue().get(i), resolver));
        }
        return items;
    }

    /** The value as written in the file, before {@code ${...}} references are replaced. Safe to print. */
    String rawText() throws ConfigException {
        if (!(node instanceof ScalarNode scalar)) {
            throw error("must be a single value, not a list or a mapping");
        }
        return scalar.getValue();
    }

    /** The value with {@code ${env:..}} and {@code ${secret:..}} replaced. Never put it in a message. */
    String text() throws ConfigException {
        String raw = rawText();
        if (!ValueResolver.hasReference(raw)) {
            return raw;
        }
        ValueResolver.Result result = resolver.resolve(raw);
        if (result.problem() != null) {
            throw error(result.problem());
        }
        return result.value();
    }

    String nonBlankText() throws ConfigException {
        String text = text();
        if (text.isBlank()) {
            throw error("must not be empty");
        }
        return text;
    }

    int integer(int min, int max) throws ConfigException {
        String raw = rawText().strip();
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw error("must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw error("must be a whole number from " + min + " to " + max + ", got '" + raw + "'");
        }
    }

    /** A number in [min, max] (or (min, max] with {@code minExclusive}). */
    double number(double min, boolean minExclusive, double max) throws ConfigException {
        String raw = rawText().strip();
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw error("must be a number, got '" + raw + "'");
        }
        if (!Double.isFinite(value) || (minExclusive ? value <= min : value < min) || value > max) {
            throw error("must be " + (minExclusive ? "above " : "from ") + fmt(min) + (minExclusive ? " up to " : " to ")
                    + fmt(max) + ", got " + raw);
        }
        return value;
    }

    boolean bool() throws ConfigException {
        String raw = rawText().strip().toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("must be true or false, got '" + rawText() + "'");
        };
    }

    Duration duration() throws ConfigException {
        String raw = rawText();
        return DurationText.parse(raw).orElseThrow(() -> error("must be " + DurationText.EXAMPLES + ", got '" + raw
                + "'"));
    }

    /**
     * Converts the resolved text with a parser of the domain types; its {@link IllegalArgumentException}
     * becomes an error at this line. The parser's message must not repeat a secret value.
     */
    <T> T as(Function<String, T> parser) throws ConfigException {
        String text = text();
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    Path file() {
        return file;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static Optional<ConfigNode> get(Map<String, ConfigNode> entries, String name) {
        return Optional.ofNullable(entries.get(name));
    }
}
