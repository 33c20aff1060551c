package io.dualstream.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A test's own MQTT subscriber (Paho), recording every message under a topic filter in arrival order.
 * Its session is persistent (cleanSession false) and it reconnects by itself, so with
 * {@link MosquittoBroker}'s persistence it receives, after a broker restart, what was published while
 * it was away.
 */
public final class MqttRecorder implements AutoCloseable {
    /** One message as received. */
    public record Received(String topic, String payload, boolean retained) {
    }

    private final MqttClient client;
    private final List<Received> messages = new CopyOnWriteArrayList<>();

    private MqttRecorder(MqttClient client) {
        this.client = client;
    }

    /** Connects with {@code user}/{@code password} when not null, and subscribes at QoS 1. */
    public static MqttRecorder subscribe(String brokerUrl, String filter, String user, String password)
            throws MqttException {
        MqttClient client = new MqttClient(brokerUrl, "test-recorder-" + System.nanoTime(), new MemoryPersistence());
        MqttRecorder recorder = new MqttRecorder(client);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        client.connect(options);
        client.subscribe(filter, 1, (topic, message) -> recorder.messages.add(new Received(topic,
                new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained())));
        return recorder;
    }

    public static MqttRecorder subscribe(String brokerUrl, String filter) throws MqttException {
        return subscribe(brokerUrl, filter, null, null);
    }

    public List<Received> messages() {
        return List.copyOf(messages);
    }

    /** The messages on topics ending with {@code suffix}. */
    public List<Received> on(String suffix) {
        return messages.stream().filter(m -> m.topic().endsWith(suffix)).toList();
    }

    /** Waits until {@code condition} holds for the messages so far; fails with them after {@code timeout}. */
    public List<Received> await(Predicate<List<Received>> condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> now = messages();
            if (condition.test(now)) {
                return now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s; messages: " + messages());
    }

    /** Publishes {@code payload} at QoS 1 (a test playing the line's software). */
    public void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Publishes {@code payload} at QoS 1 with the retain flag. */
    public void publishRetained(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // test cleanup
        }
    }
}
