package io.dualstream.inspect.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void printsNestedObjectsAndEscapesText() {
        String text = new Json().put("camera", "gate \"1\"\n").put("id", 3L).put("ms", 12.3456)
                .put("box", new Json().put("x", 1)).put("none", null).put("nan", Double.NaN).toString();
        assertEquals("{\n  \"camera\": \"gate \\\"1\\\"\\n\",\n  \"id\": 3,\n  \"ms\": 12.346,\n"
                + "  \"box\": {\n    \"x\": 1\n  },\n  \"none\": null,\n  \"nan\": null\n}\n", text);
    }

    @Test
    void refusesOtherValues() {
        assertThrows(IllegalArgumentException.class, () -> new Json().put("x", new Object()));
    }
}
