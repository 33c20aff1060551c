package io.dualstream.inspect.output;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A JSON object built in insertion order and printed with two-space indents: just enough for the
 * snapshot sidecars, so the runtime needs no JSON library. Values: strings, numbers, booleans, nested
 * objects, null.
 */
public final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public Json put(String key, Object value) {
        if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Json)) {
            throw new IllegalArgumentException("JSON value of '" + key + "' must be a string, number, boolean or "
                    + "object, got " + value.getClass().getSimpleName());
        }
        fields.put(key, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(out, 0);
        return out.append('\n').toString();
    }

    private void write(StringBuilder out, int depth) {
        out.append('{');
        String indent = "  ".repeat(depth + 1);
        boolean first = true;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            out.append(first ? "\n" : ",\n").append(indent);
            first = false;
            quote(out, field.getKey());
            out.append(": ");
            Object value = field.getValue();
            if (value instanceof Json nested) {
                nested.write(out, depth + 1);
            } else if (value instanceof String text) {
                quote(out, text);
            } else if (value instanceof Double || value instanceof Float) {
                double number = ((Number) value).doubleValue();
                out.append(Double.isFinite(number) ? String.format(Locale.ROOT, "%.3f", number) : "null");
            } else {
                out.append(value);   // integer, boolean, null
            }
        }
        out.append(first ? "}" : "\n" + "  ".repeat(depth) + "}");
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
