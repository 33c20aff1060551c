package io.dualstream.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.inspect.ExternalTrigger;
import io.dualstream.inspect.TriggerSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HTTP and MQTT triggers are read by one parser: id and time, both optional, nothing else. */
class TriggerRequestsTest {
    private static ExternalTrigger json(String body) {
        return TriggerRequests.fromJson(TriggerSource.MQTT, body.getBytes(StandardCharsets.UTF_8), 42);
    }

    @Test
    void emptyMeansNowWithoutId() {
        ExternalTrigger t = json("  ");
        assertEquals(Optional.empty(), t.id());
        assertEquals(Optional.empty(), t.time());
        assertEquals(42, t.receivedAt());
        assertEquals(TriggerSource.MQTT, t.source());
    }

    @Test
    void idAndTimeAsIsoOrMilliseconds() {
        ExternalTrigger iso = json("{\"id\": \"part-42\", \"time\": \"2026-11-30T04:05:06.789Z\"}");
        assertEquals(Optional.of("part-42"), iso.id());
        assertEquals(Optional.of(Instant.parse("2026-11-30T04:05:06.789Z")), iso.time());
        ExternalTrigger offset = json("{\"time\": \"2026-11-30T05:05:06.789+01:00\"}");
        assertEquals(iso.time(), offset.time());
        ExternalTrigger millis = json("{\"time\": 1796011506789}");
        assertEquals(Optional.of(Instant.ofEpochMilli(1796011506789L)), millis.time());
        ExternalTrigger query = TriggerRequests.fromFields(TriggerSource.HTTP,
                TriggerRequests.query("id=lot_7%2Da&time=1796011506789"), 1);
        assertEquals(Optional.of("lot_7-a"), query.id(), "percent-decoded");
        assertEquals(millis.time(), query.time());
    }

    @Test
    void mistakesAreOneLineEach() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json("{\"tme\": 1}")).getMessage()
                .contains("unknown field 'tme'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json("[1]")).getMessage()
                .contains("JSON object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json("{id: 1")).getMessage()
                .startsWith("not JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json("{\"time\": \"yesterday\"}")).getMessage()
                .contains("ISO-8601"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json("{\"id\": \"../../etc\"}")).getMessage()
                .contains("file name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json("{\"id\": {\"a\": 1}}")).getMessage()
                .contains("string or a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TriggerRequests.query("id=a&id=b"))
                .getMessage().contains("twice"));
        assertEquals(Map.of("wait", "false"), TriggerRequests.query("wait=false"));
    }
}
