package io.dualstream.internal.pipeline;

import java.util.Locale;

/**
 * Character checks shared by {@link RtspUrl} and {@link GstQuoting}. Messages name the character
 * by code point and the part it was found in, never the text around it, because that text may be
 * a password.
 */
final class TextChecks {

    private TextChecks() {
    }

    /**
     * Returns a description of the first character of {@code text} that cannot travel through a
     * GStreamer pipeline string (a control character, or half of a UTF-16 surrogate pair), or
     * {@code null} when there is none.
     */
    static String firstBadCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return "control character " + codePoint(c) + describeControl(c);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "unpaired UTF-16 surrogate " + codePoint(c);
            }
            if (Character.isLowSurrogate(c)) {
                return "unpaired UTF-16 surrogate " + codePoint(c);
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    private static String describeControl(char c) {
        switch (c) {
            case '\n':
                return " (line feed)";
            case '\r':
                return " (carriage return)";
            case '\t':
                return " (tab)";
            case '\0':
                return " (NUL)";
            default:
                return "";
        }
    }
}
