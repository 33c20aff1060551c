package io.dualstream.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A stream's frame size, as written in the config ({@code 4000x3000}). */
public record Resolution(int width, int height) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})");

    public Resolution {
        if (width < 16 || height < 16 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("resolution must be WIDTHxHEIGHT, each 16..16384, got " + width + "x"
                    + height);
        }
    }

    public static Resolution parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("resolution must be WIDTHxHEIGHT such as 4000x3000, got '" + text + "'");
        }
        return new Resolution(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
