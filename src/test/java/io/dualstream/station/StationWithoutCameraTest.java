package io.dualstream.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualstream.config.ConfigLoader;
import io.dualstream.config.InspectionConfig;
import io.dualstream.inspect.InspectionOptions;
import io.dualstream.inspect.output.JsonText;
import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.testing.MosquittoBroker;
import io.dualstream.testing.MqttRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station in this JVM with a camera that is off (its port refuses): the HTTP endpoint and the
 * MQTT events still work and say so — health CONNECTING, a trigger that fails after the snapshot
 * timeout (503, and a snapshot-failed event), a command for an unknown camera rejected with an
 * event, every request without the token refused — and the station stops cleanly. About 15 s.
 */
class StationWithoutCameraTest {
    private static final String TOKEN = "0123456789abcdef-token";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static HttpResponse<String> send(int port, String method, String path, String token) throws Exception {
        return send(port, method, path, token, "");
    }

    private static HttpResponse<String> send(int port, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Timeout(60)
    void theEndpointAndTheEventsTellAboutACameraThatIsOff() throws Exception {
        GStreamerSupport.ensureAvailable();
        try (MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker")).start();
             MqttRecorder events = MqttRecorder.subscribe(broker.url(), "test/off/#")) {
            Path file = Files.writeString(dir.resolve("pc.yaml"), """
                    station: off
                    output: {folder: out}
                    mqtt: {broker: "%s", topic-prefix: test/off}
                    http: {port: 0, token: "%s"}
                    cameras:
                      - name: gate
                        main: {url: "rtsp://127.0.0.1:1/main", codec: h264}
                        sub: {url: "rtsp://127.0.0.1:1/sub", codec: h264}
                        trigger-sources: [external]
                    """.formatted(broker.url(), TOKEN));
            InspectionConfig config = new ConfigLoader().load(file, Optional.empty());
            try (Station station = Station.start(config, InspectionOptions.defaults())) {
                int port = station.httpPort();
                assertTrue(port > 0);
                assertEquals(401, send(port, "GET", "/health", null).statusCode());
                assertEquals(401, send(port, "GET", "/metrics", "wrong").statusCode());

                HttpResponse<String> health = send(port, "GET", "/health", TOKEN);
                assertEquals(200, health.statusCode(), health.body());
                JsonNode body = JsonText.read(health.body());
                assertFalse(body.get("ok").asBoolean());
                assertEquals("off", body.get("station").asText());
                JsonNode gate = body.get("cameras").get(0);
                assertEquals("gate", gate.get("camera").asText());
                assertFalse(gate.get("state").asText().equals("STREAMING"), gate.toString());
                assertTrue(gate.get("main").get("reason").asText().contains("127.0.0.1:1"), gate.toString());
                assertTrue(body.get("events").has("queued"), body.toString());
                assertEquals(200, send(port, "HEAD", "/health", TOKEN).statusCode());

                HttpResponse<String> accepted = send(port, "POST", "/cameras/gate/trigger?id=p1&wait=false", TOKEN);
                assertEquals(202, accepted.statusCode(), accepted.body());
                assertTrue(JsonText.read(accepted.body()).get("image").asText().matches("gate-\\d{8}-\\d{6}-\\d{3}-0001-http-p1\\.jpg"),
                        accepted.body());
                HttpResponse<String> form = send(port, "POST", "/cameras/gate/trigger?wait=false", TOKEN, "id=form-1");
                assertEquals(202, form.statusCode(), form.body());
                assertTrue(JsonText.read(form.body()).get("image").asText().endsWith("-0002-http-form-1.jpg"),
                        form.body());
                assertEquals(400, send(port, "POST", "/cameras/gate/trigger?id=q", TOKEN, "{\"id\": \"b\"}")
                        .statusCode(), "id in the query and in the body");
                long start = System.nanoTime();
                HttpResponse<String> failed = send(port, "POST", "/cameras/gate/trigger", TOKEN);
                long waited = (System.nanoTime() - start) / 1_000_000;
                assertEquals(503, failed.statusCode(), failed.body());
                JsonNode why = JsonText.read(failed.body());
                assertFalse(why.get("saved").asBoolean());
                assertTrue(why.get("reason").asText().contains("no main-stream frame within 5000 ms"), failed.body());
                assertTrue(waited >= 4500 && waited < 15_000, "answered after " + waited + " ms");

                assertEquals(404, send(port, "POST", "/cameras/nope/trigger", TOKEN).statusCode());
                assertEquals(400, send(port, "POST", "/cameras/gate/trigger?id=a/b", TOKEN).statusCode());
                assertEquals(400, send(port, "POST", "/cameras/gate/trigger?when=now", TOKEN).statusCode());
                assertEquals(405, send(port, "DELETE", "/cameras/gate/trigger", TOKEN).statusCode());
                assertEquals(404, send(port, "GET", "/cameras/gate/last.jpg", TOKEN).statusCode());
                assertEquals(404, send(port, "GET", "/", TOKEN).statusCode());

                String metrics = send(port, "GET", "/metrics", TOKEN).body();
                for (String line : List.of("dualstream_camera_up{camera=\"gate\"} 0",
                        "dualstream_triggers_total{camera=\"gate\",source=\"http\"} 3",
                        "dualstream_snapshots_total{camera=\"gate\",result=\"failed\"} 3",
                        "dualstream_mqtt_connected 1", "dualstream_events_dropped_total 0")) {
                    assertTrue(metrics.lines().anyMatch(l -> l.startsWith(line)), line + " in:\n" + metrics);
                }
                assertFalse(metrics.contains("stream_last_frame_age"), "no frame yet: no age");

                events.publish("test/off/nope/trigger", "");
                List<MqttRecorder.Received> got = events.await(m -> m.stream().filter(r -> r.topic()
                        .endsWith("/snapshot-failed")).count() >= 3 && m.stream().anyMatch(r -> r.topic()
                        .equals("test/off/nope/trigger-rejected")), Duration.ofSeconds(15),
                        "three snapshot-failed events and a rejected command");
                JsonNode failure = JsonText.read(got.stream().filter(r -> r.topic().endsWith("/snapshot-failed"))
                        .findFirst().orElseThrow().payload());
                assertEquals("snapshot-failed", failure.get("type").asText());
                assertEquals("http", failure.get("source").asText());
                assertEquals("p1", failure.get("triggerId").asText());
                assertTrue(failure.get("reason").asText().contains("no main-stream frame"), failure.toString());
                JsonNode rejected = JsonText.read(got.stream().filter(r -> r.topic().endsWith("/trigger-rejected"))
                        .findFirst().orElseThrow().payload());
                assertTrue(rejected.get("reason").asText().contains("no camera named 'nope'"), rejected.toString());
                assertTrue(got.stream().anyMatch(r -> r.topic().equals("test/off/gate/health")
                        && r.payload().contains("\"CONNECTING\"")), "health events: " + got);
            }
            events.await(m -> m.stream().anyMatch(r -> r.topic().equals("test/off/status")
                    && r.payload().contains("\"offline\"")), Duration.ofSeconds(10), "offline at the stop");
        }
    }
}
