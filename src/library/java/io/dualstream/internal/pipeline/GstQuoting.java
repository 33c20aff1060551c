package io.dualstream.internal.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes a string property value so that {@code gst_parse_launch} (which OpenCV calls on the
 * pipeline string) sets the property to exactly that string and nothing else.
 *
 * <p>A string property value passes two decoders inside GStreamer, and both were checked against
 * GStreamer 1.22 with {@code Gst.parse_launch} (see {@code GstQuotingProbeTest}):
 *
 * <ol>
 *   <li>The pipeline lexer ({@code parse.l}) takes a double-quoted token: {@code "} followed by
 *       any characters other than {@code "} or the pair {@code \"}, up to a {@code "};
 *       {@code gst_parse_unescape} then removes the outer quotes and turns {@code \x} into
 *       {@code x}. So {@code \} is written {@code \\} and {@code "} is written {@code \"};
 *       everything else is literal, and an escaped {@code "} can never end the token, which is
 *       what keeps {@code " ! fakesink ...} inside a password from becoming an element. One trap:
 *       the lexer is not escape-aware, it takes the longest match, and a written {@code \\}
 *       right before the closing quote also reads as {@code \} plus an escaped {@code "}, so a
 *       value that ends with {@code \} would swallow the rest of the pipeline up to the next
 *       quote. Such values are wrapped (below), so that the written value ends with {@code "}.
 *   <li>The result goes through {@code gst_value_deserialize} for {@code G_TYPE_STRING}: the exact
 *       text {@code NULL} becomes a null string, and a text that starts (and, from some version on,
 *       also ends) with {@code "} is unwrapped once more as a GStreamer string literal. A password
 *       {@code "secret"} would arrive as {@code secret}, a password {@code "} would fail to parse.
 *       For those values, and for values ending with {@code \}, this class first wraps the value
 *       the way {@code gst_string_wrap} does ({@code "..."} with {@code \ooo} octal escapes for
 *       bytes outside printable ASCII and {@code \} before any other character that is not a
 *       letter, digit or one of {@code _-+/:.}), which {@code gst_string_unwrap} reverses exactly.
 *       Wrapping whenever the value starts with {@code "} is correct for the old rule and the new
 *       one alike.
 * </ol>
 *
 * <p>Control characters and unpaired surrogates are refused: NUL ends the C string, an unpaired
 * surrogate has no UTF-8 form, and the others (line feed, tab, ...) have no place in a URL or a
 * password and would travel unseen into logs or to the camera. The refusal names the character,
 * never the value.
 */
public final class GstQuoting {

    private static final String WRAP_PLAIN = "_-+/:.";

    private GstQuoting() {
    }

    /**
     * Returns {@code value} as a double-quoted property value for a GStreamer pipeline string.
     *
     * @throws IllegalArgumentException if the value holds a control character or an unpaired
     *     surrogate (the message does not contain the value)
     */
    public static String quote(String value) {
        Objects.requireNonNull(value, "value");
        String bad = TextChecks.firstBadCharacter(value);
        if (bad != null) {
            throw new IllegalArgumentException("a GStreamer property value cannot contain a " + bad);
        }
        String deserializable = needsValueWrap(value) ? valueWrap(value) : value;
        StringBuilder out = new StringBuilder(deserializable.length() + 8).append('"');
        for (int i = 0; i < deserializable.length(); i++) {
            char c = deserializable.charAt(i);
            if (c == '\\' || c == '"') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /**
     * Values that {@code gst_value_deserialize} would not take verbatim, and values whose written
     * form would end in a backslash before the closing quote (see the class comment).
     */
    private static boolean needsValueWrap(String value) {
        return value.equals("NULL") || value.startsWith("\"") || value.endsWith("\\");
    }

    /** The same text {@code gst_string_wrap} produces, which {@code gst_string_unwrap} reverses. */
    private static String valueWrap(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 2 + 2).append('"');
        for (byte b : bytes) {
            int u = b & 0xFF;
            char c = (char) u;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || WRAP_PLAIN.indexOf(c) >= 0) {
                out.append(c);
            } else if (u < 0x20 || u >= 0x7F) {
                out.append('\\').append((char) ('0' + (u >> 6)))
                        .append((char) ('0' + ((u >> 3) & 7))).append((char) ('0' + (u & 7)));
            } else {
                out.append('\\').append(c);
            }
        }
        return out.append('"').toString();
    }
}
