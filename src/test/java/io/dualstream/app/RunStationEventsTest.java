package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualstream.inspect.output.JsonText;
import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.testing.MosquittoBroker;
import io.dualstream.testing.MqttRecorder;
import io.dualstream.testing.RtspTestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as a station on the line, in its own JVM, against the RTSP test server's crossing scene
 * and a real broker (mosquitto on 127.0.0.1): N detector crossings, M HTTP triggers and one MQTT trigger
 * give exactly N + M + 1 snapshots and N + M + 1 snapshot events whose files exist; the broker is
 * stopped and restarted in the middle and no event is lost (every event number arrives, in order);
 * an HTTP trigger's snapshot is a frame newer than its request. About a minute.
 */
class RunStationEventsTest {
    private static final int CROSSINGS = 5;
    private static final String SCENE = "sub=/sub:480x270@25,main=/main:960x540@10,objects=" + CROSSINGS
            + ",start=2,period=3,qr=0";

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void crossingsAndExternalTriggersGiveOneEventPerSnapshotAcrossABrokerRestart() throws Exception {
        GStreamerSupport.ensureAvailable();
        try (RtspTestServer server = RtspTestServer.startWithArguments(List.of("--crossing-scene", SCENE));
             MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker")).start();
             MqttRecorder events = MqttRecorder.subscribe(broker.url(), "test/st/#")) {
            int port = StationHttpClient.freePort();
            StationHttpClient http = new StationHttpClient(port, null);
            Path config = Files.writeString(dir.resolve("station.yaml"), """
                    station: st
                    output: {folder: out}
                    detector: {min-area: 0.002, history: 50}
                    mqtt: {broker: "%s", topic-prefix: test/st, reconnect-max: 1s}
                    http: {port: %d}
                    cameras:
                      - name: gate
                        main: {url: "%s", codec: auto}
                        sub: {url: "%s", codec: auto}
                        trigger: {from: [0.5, 0], to: [0.5, 1], direction: left-to-right}
                    """.formatted(broker.url(), port, server.url("/main"), server.url("/sub")));
            AppProcess.Started station = AppProcess.start(dir, Map.of(), null, "run", "--config", config.toString());
            Path folder = dir.resolve("out/gate");
            List<String> httpImages = new ArrayList<>();
            AppProcess result;
            try {
                events.await(m -> m.stream().anyMatch(r -> r.topic().equals("test/st/status")
                        && r.payload().contains("\"online\"")), Duration.ofSeconds(60), "station online");
                http.awaitHealth(h -> h.get("ok").asBoolean(), Duration.ofSeconds(60), "both streams up");

                // An HTTP trigger: its snapshot is a main frame that arrived after the request.
                Instant asked = Instant.now();
                HttpResponse<String> first = http.post("/cameras/gate/trigger?id=h1", "");
                assertEquals(200, first.statusCode(), first.body());
                JsonNode saved = StationHttpClient.json(first).get("snapshot");
                Instant grabbed = Instant.parse(saved.get("main").get("grabbedAt").asText());
                assertTrue(grabbed.isAfter(asked), "frame " + grabbed + " is newer than the request " + asked);
                assertEquals("next-frame", saved.get("skew").get("mode").asText());
                assertEquals("http", saved.get("source").asText());
                assertEquals(960, saved.get("main").get("width").asInt(), "full resolution");
                httpImages.add(saved.get("image").asText());
                System.out.println("HTTP trigger: frame arrived " + (grabbed.toEpochMilli() - asked.toEpochMilli())
                        + " ms after the request; answered after "
                        + Duration.between(asked, Instant.now()).toMillis() + " ms");

                // The line's software triggers over MQTT.
                events.publish("test/st/gate/trigger", "{\"id\": \"m1\"}");

                // The broker goes away: snapshots go on, their events wait.
                broker.stop();
                for (String id : List.of("h2", "h3")) {
                    HttpResponse<String> response = http.post("/cameras/gate/trigger", "{\"id\": \"" + id + "\"}");
                    assertEquals(200, response.statusCode(), response.body());
                    httpImages.add(StationHttpClient.json(response).get("snapshot").get("image").asText());
                    Thread.sleep(1500);
                }
                broker.start();
                HttpResponse<String> later = http.post("/cameras/gate/trigger?id=h4&wait=false", "");
                assertEquals(202, later.statusCode(), later.body());
                httpImages.add(StationHttpClient.json(later).get("image").asText());

                int expected = CROSSINGS + httpImages.size() + 1;
                events.await(m -> snapshotEvents(m).size() >= expected && crossings(server) == CROSSINGS,
                        Duration.ofSeconds(90), expected + " snapshot events after " + CROSSINGS + " crossings");
                Thread.sleep(1000);   // nothing more may come
            } finally {
                result = station.terminate(Duration.ofSeconds(60));
                System.out.println("station stdout:\n" + result.out());
            }
            assertEquals(143, result.exitCode(), result.err());
            int expected = CROSSINGS + httpImages.size() + 1;
            assertTrue(result.out().contains(expected + " triggers, " + expected + " snapshots saved, 0 failed"),
                    result.out());

            List<MqttRecorder.Received> received = events.messages();
            Map<String, JsonNode> snapshots = snapshotEvents(received);
            assertEquals(expected, snapshots.size(), "one event per snapshot: " + snapshots.keySet());
            assertEquals(expected, sidecars(folder).size(), "one snapshot per trigger");
            Map<String, Integer> bySource = new TreeMap<>();
            for (JsonNode event : snapshots.values()) {
                JsonNode snapshot = event.get("snapshot");
                bySource.merge(snapshot.get("source").asText(), 1, Integer::sum);
                assertTrue(Files.isRegularFile(folder.resolve(snapshot.get("image").asText())), snapshot.toString());
                assertTrue(Files.isRegularFile(folder.resolve(snapshot.get("sidecar").asText())), snapshot.toString());
                JsonNode sidecar = JsonText.read(Files.readString(folder.resolve(snapshot.get("sidecar").asText())));
                assertEquals(sidecar, snapshot, "the event carries the sidecar's record");
            }
            assertEquals(Map.of("detector", CROSSINGS, "http", httpImages.size(), "mqtt", 1), bySource);
            for (String image : httpImages) {
                assertTrue(snapshots.values().stream().anyMatch(e -> e.get("snapshot").get("image").asText()
                        .equals(image)), "an event names " + image);
            }
            assertTrue(snapshots.values().stream().anyMatch(e -> "m1".equals(e.get("snapshot").path("triggerId")
                    .asText())), "the MQTT trigger's id");

            // No event lost across the broker's restart: every number from 1 up arrived, first seen in order.
            List<Long> seqs = new ArrayList<>();
            for (MqttRecorder.Received m : received) {
                if (!m.topic().endsWith("/status") && !m.topic().endsWith("/trigger")) {   // not the test's command
                    seqs.add(JsonText.read(m.payload()).get("seq").asLong());
                }
            }
            long next = 1;
            for (long seq : seqs) {
                assertTrue(seq <= next, "event " + next + " is missing before " + seq + ": " + seqs);
                if (seq == next) {
                    next++;
                }
            }
            System.out.println("events: " + (next - 1) + " numbered (snapshots " + snapshots.size() + ", health "
                    + received.stream().filter(m -> m.topic().endsWith("/health")).count() + "), "
                    + (seqs.size() - (next - 1)) + " sent twice; by source " + bySource);
            events.await(m -> {
                List<MqttRecorder.Received> status = m.stream().filter(r -> r.topic().endsWith("/status")).toList();
                return status.get(status.size() - 1).payload().contains("\"offline\"");
            }, Duration.ofSeconds(5), "offline status at the clean stop");
            // For README: what a consumer sees.
            received.stream().filter(m -> m.topic().endsWith("/snapshot") && m.payload().contains("\"http\""))
                    .findFirst().ifPresent(m -> System.out.println("example: " + m.topic() + " " + m.payload()));
            received.stream().filter(m -> m.topic().endsWith("/snapshot") && m.payload().contains("\"detector\""))
                    .findFirst().ifPresent(m -> System.out.println("example: " + m.topic() + " " + m.payload()));
            received.stream().filter(m -> m.topic().endsWith("/health")).findFirst()
                    .ifPresent(m -> System.out.println("example: " + m.topic() + " " + m.payload()));
        }
    }

    /** Snapshot events by their image file name (a repeated delivery counts once). */
    private static Map<String, JsonNode> snapshotEvents(List<MqttRecorder.Received> messages) {
        Map<String, JsonNode> byImage = new HashMap<>();
        for (MqttRecorder.Received m : messages) {
            if (m.topic().equals("test/st/gate/snapshot")) {
                try {
                    JsonNode event = JsonText.read(m.payload());
                    byImage.put(event.get("snapshot").get("image").asText(), event);
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + m.payload(), e);
                }
            }
        }
        return byImage;
    }

    private static long crossings(RtspTestServer server) {
        return server.lines().stream().filter(line -> line.startsWith("CROSSED ")).count();
    }

    private static List<Path> sidecars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
