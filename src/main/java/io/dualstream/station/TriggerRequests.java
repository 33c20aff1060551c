package io.dualstream.station;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualstream.inspect.ExternalTrigger;
import io.dualstream.inspect.TriggerSource;
import io.dualstream.inspect.output.JsonText;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an external trigger from what HTTP and MQTT callers send: the same two optional fields either
 * way, {@code id} (the caller's name for it) and {@code time} (when the part was in place: ISO-8601 with
 * a zone, {@code 2026-11-30T04:05:06.789Z}, or milliseconds since 1970). HTTP may send them as a JSON
 * body or as query parameters; MQTT as a JSON payload; an empty body or payload means "now, no id".
 */
public final class TriggerRequests {
    private static final Set<String> FIELDS = Set.of("id", "time");

    private TriggerRequests() {
    }

    /**
     * @throws IllegalArgumentException with one line saying what is wrong
     */
    public static ExternalTrigger fromJson(TriggerSource source, byte[] body, long receivedAt) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return fromFields(source, Map.of(), receivedAt);
        }
        JsonNode node;
        try {
            node = JsonText.read(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: send {\"id\": \"part-42\", \"time\": \"2026-11-30T04:05:06Z\"} "
                    + "(both optional) or nothing");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be a JSON object like {\"id\": \"part-42\"}");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new IllegalArgumentException("'" + field.getKey() + "' must be a string or a number");
            }
            fields.put(field.getKey(), field.getValue().asText());
        }
        return fromFields(source, fields, receivedAt);
    }

    /** {@code id=part-42&time=...}, percent-decoded. */
    public static Map<String, String> query(String rawQuery) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return fields;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (fields.put(key, value) != null) {
                throw new IllegalArgumentException("'" + key + "' is given twice");
            }
        }
        return fields;
    }

    /**
     * @param fields {@code id} and {@code time}, both optional; any other name is an error (a typo would
     *               otherwise silently lose the caller's time)
     * @throws IllegalArgumentException with one line saying what is wrong
     */
    public static ExternalTrigger fromFields(TriggerSource source, Map<String, String> fields, long receivedAt) {
        for (String name : fields.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "': a trigger takes id and time");
            }
        }
        Optional<String> id = Optional.ofNullable(fields.get("id")).filter(s -> !s.isEmpty());
        Optional<Instant> time = Optional.ofNullable(fields.get("time")).filter(s -> !s.isEmpty())
                .map(TriggerRequests::time);
        return new ExternalTrigger(source, id, time, receivedAt);
    }

    private static Instant time(String text) {
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 16) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("time must be ISO-8601 with a zone (2026-11-30T04:05:06.789Z) or "
                        + "milliseconds since 1970, got '" + text + "'");
            }
        }
    }
}
