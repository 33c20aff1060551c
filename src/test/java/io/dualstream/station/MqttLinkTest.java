package io.dualstream.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualstream.inspect.output.JsonText;
import io.dualstream.station.mqtt.EventOutbox;
import io.dualstream.station.mqtt.MqttLink;
import io.dualstream.station.mqtt.MqttSettings;
import io.dualstream.station.mqtt.TopicLayout;
import io.dualstream.testing.MosquittoBroker;
import io.dualstream.testing.MqttRecorder;
import io.dualstream.testing.StallingTcpProxy;
import io.dualstream.testing.TestCertificates;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station's MQTT link against a real broker (mosquitto on 127.0.0.1, started and stopped by the
 * test): a broker that is down at start or goes away mid-run loses no event, events arrive in order,
 * the queue's overflow is counted, the status is retained, credentials are used, and trigger commands
 * come in. About 20 s.
 */
class MqttLinkTest {
    private static final TopicLayout TOPICS = new TopicLayout("test/pc1");

    @TempDir
    Path dir;

    private static MqttSettings settings(MosquittoBroker broker, int queue, String user, String password) {
        return settings(broker.url(), queue, user, password, Optional.empty());
    }

    private static MqttSettings settings(String url, int queue, String user, String password,
                                         Optional<MqttSettings.Tls> tls) {
        return new MqttSettings(URI.create(url), "station-under-test", TOPICS.prefix(), Optional.ofNullable(user),
                Optional.ofNullable(password), tls, 1, queue, Duration.ofMillis(500));
    }

    private static byte[] event(long seq) {
        return ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Long> seqs(List<MqttRecorder.Received> messages) throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (MqttRecorder.Received m : messages) {
            if (m.topic().endsWith("/events")) {
                seqs.add(JsonText.read(m.payload()).get("seq").asLong());
            }
        }
        return seqs;
    }

    @Test
    @Timeout(60)
    void aBrokerDownAtStartAndAgainMidRunLosesNothingAndKeepsTheOrder() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker")).start();
             MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "test/pc1/#")) {
            broker.stop();   // the station starts while the broker is away
            EventOutbox outbox = new EventOutbox(1000);
            MqttLink link = new MqttLink(settings(broker, 1000, null, null), "pc1", TOPICS, outbox, (t, p) -> {
            }).start();
            try {
                for (int i = 0; i < 20; i++) {
                    outbox.offer("test/pc1/cam/events", MqttLinkTest::event);
                }
                Thread.sleep(1500);
                assertFalse(link.connected());
                assertEquals(20, outbox.size(), "kept while the broker is away");
                broker.start();
                recorder.await(m -> m.stream().filter(r -> r.topic().endsWith("/events")).count() >= 20,
                        Duration.ofSeconds(15), "the 20 events queued before the broker came");
                // Mid-run: events keep coming while the broker stops for 2 s and comes back.
                AtomicBoolean producing = new AtomicBoolean(true);
                Thread producer = new Thread(() -> {
                    for (int i = 0; i < 60 && producing.get(); i++) {
                        outbox.offer("test/pc1/cam/events", MqttLinkTest::event);
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                producer.start();
                Thread.sleep(700);
                broker.stop();
                long down = System.nanoTime();
                Thread.sleep(2000);
                broker.start();
                producer.join();
                List<MqttRecorder.Received> all = recorder.await(m -> {
                    try {
                        return new TreeSet<>(seqs(m)).size() >= 80;
                    } catch (Exception e) {
                        return false;
                    }
                }, Duration.ofSeconds(20), "all 80 events after the restart");
                List<Long> seqs = seqs(all);
                TreeSet<Long> distinct = new TreeSet<>(seqs);
                assertEquals(80, distinct.size(), "every event arrived: " + seqs);
                assertEquals(1L, distinct.first());
                assertEquals(80L, distinct.last());
                // In order: the first time each number is seen, it is the next one.
                long expected = 1;
                for (long seq : seqs) {
                    if (seq == expected) {
                        expected++;
                    } else {
                        assertTrue(seq < expected, "event " + seq + " came before " + expected + ": " + seqs);
                    }
                }
                System.out.println("broker down for 2 s mid-run: 80 of 80 events arrived, "
                        + (seqs.size() - 80) + " sent twice; reconnected " + (link.connects() - 1) + " time(s); "
                        + "back " + (System.nanoTime() - down) / 1_000_000 + " ms after the stop");
                assertEquals(0, outbox.dropped());
                List<MqttRecorder.Received> status = recorder.on("/status");
                assertTrue(status.stream().anyMatch(m -> m.payload().contains("\"online\"")), status.toString());
            } finally {
                link.close(Duration.ofSeconds(2));
            }
            recorder.await(m -> !m.isEmpty() && m.get(m.size() - 1).payload().contains("\"offline\""),
                    Duration.ofSeconds(5), "offline status at a clean stop");
        }
    }

    @Test
    @Timeout(60)
    void aFullQueueDropsTheNewestCountsThemAndSendsTheRestInOrder() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker")).start();
             MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "test/pc1/#")) {
            broker.stop();
            EventOutbox outbox = new EventOutbox(5);
            MqttLink link = new MqttLink(settings(broker, 5, null, null), "pc1", TOPICS, outbox, (t, p) -> {
            }).start();
            try {
                for (int i = 0; i < 8; i++) {
                    outbox.offer("test/pc1/cam/events", MqttLinkTest::event);
                }
                assertEquals(3, outbox.dropped());
                broker.start();
                List<MqttRecorder.Received> got = recorder.await(m -> m.stream()
                        .filter(r -> r.topic().endsWith("/events")).count() >= 5, Duration.ofSeconds(15), "5 events");
                Thread.sleep(300);
                assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs(recorder.messages()));
                assertFalse(got.isEmpty());
            } finally {
                link.close(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    @Timeout(60)
    void credentialsAreUsedAndTriggerCommandsComeIn() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker"), "station", "s3cret-pw").start();
             MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "test/pc1/#", "station", "s3cret-pw")) {
            // Left retained by someone's mistake: it would fire at every reconnect, so it is ignored.
            recorder.publishRetained("test/pc1/cam2/trigger", "{\"id\":\"stale\"}");
            List<String> commands = new CopyOnWriteArrayList<>();
            EventOutbox outbox = new EventOutbox(10);
            MqttLink wrong = new MqttLink(settings(broker, 10, "station", "wrong-pw"), "pc1", TOPICS, outbox,
                    (t, p) -> { }).start();
            Thread.sleep(1500);
            assertFalse(wrong.connected(), "a wrong password does not connect");
            wrong.close(Duration.ZERO);
            MqttLink link = new MqttLink(settings(broker, 10, "station", "s3cret-pw"), "pc1", TOPICS, outbox,
                    (topic, payload) -> commands.add(topic + " " + new String(payload, StandardCharsets.UTF_8)))
                    .start();
            try {
                recorder.await(m -> m.stream().anyMatch(r -> r.topic().equals("test/pc1/status")
                        && r.payload().contains("online")), Duration.ofSeconds(10), "online status");
                // Retained: a subscriber that comes later still learns the station is online.
                try (MqttRecorder late = MqttRecorder.subscribe(broker.url(), "test/pc1/status", "station",
                        "s3cret-pw")) {
                    List<MqttRecorder.Received> status = late.await(m -> !m.isEmpty(), Duration.ofSeconds(5),
                            "retained status");
                    assertTrue(status.get(0).retained());
                    JsonNode online = JsonText.read(status.get(0).payload());
                    assertEquals("pc1", online.get("station").asText());
                    assertEquals("online", online.get("state").asText());
                }
                recorder.close();
                try (MqttRecorder sender = MqttRecorder.subscribe(broker.url(), "nothing", "station", "s3cret-pw")) {
                    sender.publish("test/pc1/cam1/trigger", "{\"id\":\"part-7\"}");
                    sender.publish("test/pc1/cam1/snapshot", "not a command");
                }
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (commands.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(200);
                assertEquals(List.of("test/pc1/cam1/trigger {\"id\":\"part-7\"}"), commands,
                        "neither a retained trigger (it would fire at every reconnect) nor another topic");
            } finally {
                link.close(Duration.ofSeconds(2));
            }
        }
    }

    /** The broker hears of a station that vanished without a goodbye: its last will says offline, retained. */
    @Test
    @Timeout(60)
    void aLostConnectionLeavesTheLastWillOffline() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker")).start();
             MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "test/pc1/status");
             StallingTcpProxy network = new StallingTcpProxy(broker.port())) {
            EventOutbox outbox = new EventOutbox(10);
            MqttLink link = new MqttLink(settings("tcp://127.0.0.1:" + network.port(), 10, null, null,
                    Optional.empty()), "pc1", TOPICS, outbox, (t, p) -> { }).start();
            try {
                recorder.await(m -> m.stream().anyMatch(r -> r.payload().contains("\"online\"")),
                        Duration.ofSeconds(10), "online");
                network.close();   // the station's cable is pulled: no DISCONNECT reaches the broker
                List<MqttRecorder.Received> status = recorder.await(m -> m.get(m.size() - 1).payload()
                        .contains("\"offline\""), Duration.ofSeconds(10), "the last will");
                JsonNode will = JsonText.read(status.get(status.size() - 1).payload());
                assertEquals("pc1", will.get("station").asText());
                assertFalse(will.has("at"), "the broker sends the will: no time of ours in it");
            } finally {
                link.close(Duration.ZERO);
            }
        }
    }

    /** ssl:// with the broker's CA from mqtt.tls.ca-file: connects and publishes; without that CA it does not. */
    @Test
    @Timeout(60)
    void tlsWithTheBrokersCaConnectsAndAnUnknownCaDoesNot() throws Exception {
        TestCertificates certificates = TestCertificates.in(dir.resolve("certs"));
        try (MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker")).withTls(certificates).start()) {
            EventOutbox untrusting = new EventOutbox(10);
            MqttLink stranger = new MqttLink(settings(broker.url(), 10, null, null, Optional.of(
                    new MqttSettings.Tls(Optional.empty(), Optional.empty(), Optional.empty()))), "pc1", TOPICS,
                    untrusting, (t, p) -> { }).start();
            Thread.sleep(1500);
            assertFalse(stranger.connected(), "Java's default trust store does not know the test CA");
            stranger.close(Duration.ZERO);

            EventOutbox outbox = new EventOutbox(10);
            outbox.offer("test/pc1/cam/events", MqttLinkTest::event);
            MqttLink link = new MqttLink(settings(broker.url(), 10, null, null, Optional.of(new MqttSettings.Tls(
                    Optional.of(certificates.caFile()), Optional.empty(), Optional.empty()))), "pc1", TOPICS, outbox,
                    (t, p) -> { }).start();
            try {
                assertTrue(outbox.awaitEmpty(Duration.ofSeconds(15)), "the event went out over TLS");
                assertTrue(link.connected());
                assertEquals(1, link.published());
            } finally {
                link.close(Duration.ofSeconds(2));
            }
        }
    }

    /** Reconnecting forever must not cost a thread per attempt: a station may wait days for its broker. */
    @Test
    @Timeout(60)
    void reconnectingForeverDoesNotLeakThreads() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.in(dir.resolve("broker"))) {   // never started
            EventOutbox outbox = new EventOutbox(10);
            MqttSettings fast = new MqttSettings(URI.create(broker.url()), "station-under-test", TOPICS.prefix(),
                    Optional.empty(), Optional.empty(), Optional.empty(), 1, 10, Duration.ofMillis(100));
            MqttLink link = new MqttLink(fast, "pc1", TOPICS, outbox, (t, p) -> { }).start();
            try {
                Thread.sleep(1500);
                int before = Thread.activeCount();
                Thread.sleep(5000);   // about 50 more attempts
                int after = Thread.activeCount();
                System.out.println("threads while reconnecting: " + before + " -> " + after);
                assertTrue(after <= before + 3, "threads grew from " + before + " to " + after);
                assertFalse(link.connected());
            } finally {
                link.close(Duration.ZERO);
            }
        }
    }
}
