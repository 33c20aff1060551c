package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.testing.RtspTestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station's HTTP endpoint on {@code run}, in its own JVM, against the RTSP test server: a bearer
 * token is asked for, a camera triggered from outside only (no detector, no trigger line) takes HTTP
 * triggers — a late one gets the frame nearest its time from the pre-trigger ring, one older than the
 * ring gets the next frame — the last snapshot comes back as a full-resolution JPEG, the metrics are
 * Prometheus text, and health shows a camera outage and its recovery. A port that is taken is one
 * error line and the station runs on. About a minute.
 */
class RunStationHttpTest {
    private static final String TOKEN = "test-token-0123456789";
    private static final String SCENE = "sub=/sub:480x270@25,main=/main:640x480@10,objects=1000,start=1,period=3,qr=0";

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void healthMetricsLastSnapshotAndTriggersNearestTheirTime() throws Exception {
        GStreamerSupport.ensureAvailable();
        try (RtspTestServer server = RtspTestServer.startWithArguments(List.of("--crossing-scene", SCENE))) {
            int port = StationHttpClient.freePort();
            Path config = Files.writeString(dir.resolve("station.yaml"), """
                    station: st
                    output: {folder: out}
                    http: {bind: 127.0.0.1, port: %d, token: "%s"}
                    cameras:
                      - name: gate
                        main: {url: "%s", codec: auto}
                        sub: {url: "%s", codec: auto}
                        trigger-sources: [external]
                        pre-trigger-frames: 8
                    """.formatted(port, TOKEN, server.url("/main"), server.url("/sub")));
            AppProcess.Started station = AppProcess.start(dir, Map.of(), null, "run", "--config", config.toString());
            StationHttpClient http = new StationHttpClient(port, TOKEN);
            AppProcess result;
            try {
                JsonNode up = http.awaitHealth(h -> h.get("ok").asBoolean(), Duration.ofSeconds(60), "both streams up");
                assertEquals("st", up.get("station").asText());
                assertEquals(401, new StationHttpClient(port, null).get("/health").statusCode(), "no token");
                assertEquals(401, new StationHttpClient(port, "wrong-token-0123456789").get("/metrics").statusCode());
                Thread.sleep(2000);   // the ring fills, the main stream's rate is measured

                // A trigger that arrives 400 ms late: the ring still holds the frame of its time.
                Instant partInPlace = Instant.now().minusMillis(400);
                Instant asked = Instant.now();
                HttpResponse<String> late = http.post("/cameras/gate/trigger", "{\"id\": \"late-1\", \"time\": \""
                        + partInPlace + "\"}");
                assertEquals(200, late.statusCode(), late.body());
                JsonNode nearest = StationHttpClient.json(late).get("snapshot");
                Instant grabbed = Instant.parse(nearest.get("main").get("grabbedAt").asText());
                long offMillis = Duration.between(partInPlace, grabbed).toMillis();
                System.out.println("late trigger: frame arrived " + offMillis + " ms from the trigger's time, "
                        + Duration.between(grabbed, asked).toMillis() + " ms before the request");
                assertEquals("pre-trigger-ring", nearest.get("skew").get("mode").asText(), nearest.toString());
                assertTrue(Math.abs(offMillis) <= 150, "within 1.5 frames of the trigger's time: " + offMillis + " ms");
                assertTrue(grabbed.isBefore(asked.minusMillis(200)), "a frame from before the request");
                assertEquals(partInPlace.toString(), nearest.get("triggerTime").asText());
                assertFalse(nearest.has("crop") || nearest.has("objectId"), "no object for an external trigger");

                // Older than the ring holds: the next frame instead of a wrong old one.
                Instant tooOld = Instant.now().minusSeconds(5);
                asked = Instant.now();
                HttpResponse<String> old = http.post("/cameras/gate/trigger?time=" + tooOld.toEpochMilli(), "");
                assertEquals(200, old.statusCode(), old.body());
                JsonNode next = StationHttpClient.json(old).get("snapshot");
                assertEquals("next-frame", next.get("skew").get("mode").asText());
                assertTrue(Instant.parse(next.get("main").get("grabbedAt").asText()).isAfter(asked));

                // The last snapshot, full resolution.
                HttpResponse<byte[]> jpeg = http.getBytes("/cameras/gate/last.jpg");
                assertEquals(200, jpeg.statusCode());
                assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElse(""));
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg.body()));
                assertEquals(640, image.getWidth());
                assertEquals(480, image.getHeight());
                assertTrue(jpeg.headers().firstValue("Content-Disposition").orElse("").contains(
                        next.get("image").asText()), "the last one");

                String metrics = http.get("/metrics").body();
                for (String line : List.of("dualstream_camera_up{camera=\"gate\"} 1",
                        "dualstream_stream_up{camera=\"gate\",stream=\"main\"} 1",
                        "dualstream_triggers_total{camera=\"gate\",source=\"http\"} 2",
                        "dualstream_triggers_total{camera=\"gate\",source=\"detector\"} 0",
                        "dualstream_snapshots_total{camera=\"gate\",result=\"saved\"} 2",
                        "dualstream_station_info{station=\"st\"} 1")) {
                    assertTrue(metrics.lines().anyMatch(l -> l.startsWith(line)), line + " in:\n" + metrics);
                }
                assertFalse(metrics.contains(TOKEN));

                // Mistakes answer with their status and one line.
                assertEquals(404, http.post("/cameras/nope/trigger", "").statusCode());
                assertEquals(400, http.post("/cameras/gate/trigger?time=yesterday", "").statusCode());
                assertEquals(405, http.get("/cameras/gate/trigger").statusCode());
                assertEquals(404, http.get("/nothing").statusCode());

                // The camera goes off: health says so, and when it is back.
                server.kill();
                long off = System.nanoTime();
                JsonNode down = http.awaitHealth(h -> !h.get("ok").asBoolean(), Duration.ofSeconds(20),
                        "the outage");
                long seenDown = (System.nanoTime() - off) / 1_000_000;
                JsonNode gate = down.get("cameras").get(0);
                System.out.println("outage seen after " + seenDown + " ms: " + gate.get("state") + " since "
                        + gate.get("since"));
                assertTrue(http.get("/metrics").body().contains("dualstream_camera_up{camera=\"gate\"} 0"));
                Thread.sleep(2000);
                server.restart();
                long back = System.nanoTime();
                JsonNode recovered = http.awaitHealth(h -> h.get("ok").asBoolean()
                        && h.get("cameras").get(0).get("main").get("reconnects").asLong() >= 1
                        && h.get("cameras").get(0).get("sub").get("reconnects").asLong() >= 1
                        && h.get("cameras").get(0).get("main").get("fps").asDouble() > 0
                        && h.get("cameras").get(0).get("sub").get("fps").asDouble() > 0,
                        Duration.ofSeconds(30), "the recovery, both streams' rates measured again");
                System.out.println("recovery seen " + (System.nanoTime() - back) / 1_000_000 + " ms after the server "
                        + "was back: " + recovered.get("cameras").get(0));
                JsonNode main = recovered.get("cameras").get(0).get("main");
                assertTrue(main.get("outages").asLong() >= 1);
                assertTrue(main.get("lastFrameAgeMs").asLong() < 2000);
            } finally {
                result = station.terminate(Duration.ofSeconds(60));
            }
            assertEquals(143, result.exitCode(), result.err());
            assertFalse(result.out().contains(TOKEN) || result.err().contains(TOKEN), "the token is never printed");
        }
    }

    /** A port that is taken: one error line with the fix, and the station goes on (here until --seconds). */
    @Test
    @Timeout(120)
    void aTakenPortIsOneErrorLineAndTheCamerasRunOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(dir.resolve("pc.yaml"), """
                    http: {port: %d}
                    cameras:
                      - name: a
                        main: {url: "rtsp://127.0.0.1:1/main", codec: h264}
                        sub: {url: "rtsp://127.0.0.1:1/sub", codec: h264}
                        trigger: {from: [0.5, 0], to: [0.5, 1]}
                    """.formatted(taken.getLocalPort()));
            AppProcess result = AppProcess.run(dir, Map.of(), null, Duration.ofSeconds(90), "run", "--config",
                    config.toString(), "--seconds", "4");
            assertEquals(Main.EXIT_OK, result.exitCode(), result.out() + result.err());
            List<String> lines = result.err().lines().filter(l -> l.contains("http: cannot listen")).toList();
            assertEquals(1, lines.size(), result.err());
            assertTrue(lines.get(0).contains("127.0.0.1:" + taken.getLocalPort()), lines.get(0));
            assertTrue(lines.get(0).contains("choose another http.port"), lines.get(0));
        }
    }

    /** Listening beyond this PC without a token: refused at start, one line naming file, line and key. */
    @Test
    void noTokenOffLoopbackIsRefusedAtStart() throws Exception {
        Path config = Files.writeString(dir.resolve("pc.yaml"), """
                http: {bind: 0.0.0.0, port: 8080}
                cameras:
                  - name: a
                    main: {url: "rtsp://127.0.0.1:1/main", codec: h264}
                    sub: {url: "rtsp://127.0.0.1:1/sub", codec: h264}
                    trigger: {from: [0.5, 0], to: [0.5, 1]}
                """);
        CommandRunner result = CommandRunner.run("run", "--config", config.toString());
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().startsWith("dualstream: pc.yaml:1: http.bind: listening on 0.0.0.0"), result.err());
    }
}
