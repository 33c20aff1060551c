package io.dualstream.inspect.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualstream.inspect.Box;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sidecar and the event are one record, written by one mapper: readable, ordered, nothing invented. */
class SnapshotRecordJsonTest {
    private static final SnapshotRecord DETECTOR = new SnapshotRecord("2026-11-30T04:05:06.789Z", "gate \"1\"", 7,
            "detector", null, null, 12L, "a.jpg", "a-crop.jpg", "a.json",
            new SnapshotRecord.SubFrame(640, 360, 1200, new Box(10, 20, 30, 40)),
            new SnapshotRecord.MainFrame(4000, 3000, 400, "2026-11-30T04:05:06.800Z", new Box(62, 166, 188, 334),
                    new Box(15, 83, 282, 501)),
            12.345, new SnapshotRecord.Skew("pre-trigger-ring", -3.25, null),
            new SnapshotRecord.Streams(1200, 25.0, 400, 10.0, 7));

    @Test
    void theSidecarIsIndentedInTheRecordsOrderWithoutAbsentValues() throws Exception {
        String text = JsonText.pretty(DETECTOR);
        assertTrue(text.startsWith("{\n  \"time\": \"2026-11-30T04:05:06.789Z\",\n  \"camera\": \"gate \\\"1\\\"\","),
                text);
        assertTrue(text.indexOf("\"sub\"") < text.indexOf("\"main\""), "sub before main: " + text);
        assertTrue(text.contains("\"width\": 4000"), text);
        assertTrue(text.contains("\"box\": {\n      \"x\": 10,"), text);
        assertFalse(text.contains("null") || text.contains("triggerId") || text.contains("\"frames\""), text);
        assertTrue(text.endsWith("}\n"));
        JsonNode read = JsonText.read(text);
        assertEquals(-3.25, read.get("skew").get("ms").asDouble());
        assertEquals(12, read.get("objectId").asLong());
    }

    @Test
    void theEventIsOneLineWithTheSameContent() throws Exception {
        String event = new String(JsonText.compact(DETECTOR), StandardCharsets.UTF_8);
        assertEquals(1, event.lines().count());
        assertEquals(JsonText.read(JsonText.pretty(DETECTOR)), JsonText.read(event));
    }

    @Test
    void numbersAreRoundedToThousandths() {
        assertEquals(1.235, JsonText.round3(1.23456));
        assertEquals(-0.001, JsonText.round3(-0.0012));
    }
}
