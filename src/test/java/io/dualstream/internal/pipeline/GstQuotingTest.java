package io.dualstream.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The written form; {@link GstQuotingProbeTest} proves GStreamer reads it back unchanged. */
class GstQuotingTest {

    @Test
    void plainValuesAreOnlyQuoted() {
        assertEquals("\"rtsp://192.0.2.10:554/main\"",
                GstQuoting.quote("rtsp://192.0.2.10:554/main"));
        assertEquals("\"\"", GstQuoting.quote(""));
        assertEquals("\"a b!'@\"", GstQuoting.quote("a b!'@"));
    }

    @Test
    void backslashAndQuoteAreEscaped() {
        assertEquals("\"a\\\\b\\\"c\\\"\"", GstQuoting.quote("a\\b\"c\""));
    }

    @Test
    void valuesGstValueWouldReinterpretAreWrappedFirst() {
        // "NULL" would become a null string; a leading quote would be unwrapped again.
        assertEquals("\"\\\"NULL\\\"\"", GstQuoting.quote("NULL"));
        assertEquals("\"\\\"\\\\\\\"x\\\\\\\"\\\"\"", GstQuoting.quote("\"x\""));
        // Non-ASCII bytes become octal escapes inside the wrapped form.
        assertEquals("\"\\\"\\\\\\\"\\\\303\\\\251\\\"\"", GstQuoting.quote("\"é"));
        assertEquals("\"null\"", GstQuoting.quote("null"));
        assertEquals("\"x\\\"\"", GstQuoting.quote("x\""));
    }

    @Test
    void aTrailingBackslashIsWrappedSoTheClosingQuoteStaysAQuote() {
        // Written plainly, "a\\" would let the lexer read \" as an escaped quote and run on.
        String quoted = GstQuoting.quote("a\\");
        assertEquals("\"\\\"a\\\\\\\\\\\"\"", quoted);
        assertNotEquals('\\', quoted.charAt(quoted.length() - 2), quoted);
        assertEquals("\"a\\\\b\"", GstQuoting.quote("a\\b"), "inside, plain escaping is enough");
    }

    @Test
    void controlCharactersAreRefusedWithoutEchoingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GstQuoting.quote("Secret\nvalue"));
        assertTrue(e.getMessage().contains("U+000A"), e.getMessage());
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GstQuoting.quote("a\0b"));
    }
}
