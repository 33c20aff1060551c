package io.dualstream.station.mqtt;

import io.dualstream.inspect.output.JsonText;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLSocketFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The station's one connection to the broker, on its own thread: connects (and reconnects, forever,
 * with capped exponential backoff and jitter: the station never gives up on its broker), announces
 * the station {@code online} (retained; the last will says {@code offline} if the station dies),
 * subscribes to the trigger commands, and publishes the outbox's events one by one, in order, each
 * removed only once the broker acknowledged it. While the broker is away snapshots go on: events wait
 * in the outbox. Paho's own reconnect and offline buffer are not used, because they start only after a
 * first successful connect and would keep a second queue.
 */
public final class MqttLink implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(MqttLink.class);
    private static final Duration BACKOFF_INITIAL = Duration.ofMillis(500);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final long PUBLISH_TIMEOUT_MILLIS = 10_000;

    private final MqttSettings settings;
    private final String station;
    private final TopicLayout topics;
    private final EventOutbox outbox;
    private final BiConsumer<String, byte[]> commands;
    private final SSLSocketFactory tlsSockets;
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile MqttClient client;
    private volatile boolean stopping;
    private volatile Instant drainDeadline;

    /**
     * @param commands told of each message on a camera's trigger topic (topic, payload), on Paho's
     *                 thread: must return quickly
     * @throws IllegalArgumentException when the TLS files cannot be used (one line)
     */
    public MqttLink(MqttSettings settings, String station, TopicLayout topics, EventOutbox outbox,
                    BiConsumer<String, byte[]> commands) {
        this.settings = settings;
        this.station = station;
        this.topics = topics;
        this.outbox = outbox;
        this.commands = commands;
        this.tlsSockets = settings.tls().map(TlsSockets::factory).orElse(null);
        this.thread = new Thread(this::run, "dualstream-mqtt");
        this.thread.setDaemon(true);
    }

    public MqttLink start() {
        LOG.info("{}: connecting in the background", settings);
        thread.start();
        return this;
    }

    public boolean connected() {
        MqttClient c = client;
        return c != null && c.isConnected();
    }

    /** Events the broker acknowledged. */
    public long published() {
        return published.get();
    }

    /** Successful connections, the first one included. */
    public long connects() {
        return connects.get();
    }

    private void run() {
        Duration delay = BACKOFF_INITIAL;
        boolean outageLogged = false;
        int attempts = 0;
        while (!stopping || draining()) {
            if (!connected()) {
                if (stopping) {
                    return;   // nothing more can be sent: close() says what is left
                }
                attempts++;
                String failure = connect();
                if (failure != null) {
                    if (!outageLogged) {
                        LOG.warn("mqtt: cannot connect to broker {} ({}): snapshots go on, events wait (up to {}) and "
                                + "are sent when it is back; retrying at least every {} ms", settings.broker(), failure,
                                outbox.capacity(), settings.reconnectMax().toMillis());
                        outageLogged = true;
                    } else {
                        LOG.debug("mqtt: attempt {} failed: {}", attempts, failure);
                    }
                    sleep(jitter(delay));
                    delay = min(delay.multipliedBy(2), settings.reconnectMax());
                    continue;
                }
                LOG.info("mqtt: connected to {} as {}{}; {} event(s) waiting, {} dropped so far", settings.broker(),
                        settings.clientId(), attempts > 1 ? " after " + attempts + " attempts" : "", outbox.size(),
                        outbox.dropped());
                delay = BACKOFF_INITIAL;
                outageLogged = false;
                attempts = 0;
            }
            publishNext();
        }
    }

    private boolean draining() {
        Instant deadline = drainDeadline;
        return deadline != null && Instant.now().isBefore(deadline) && outbox.size() > 0 && connected();
    }

    /** One connection attempt: connect, announce online, subscribe. Returns null, or why it failed. */
    private String connect() {
        closeClient();
        MqttClient c;
        try {
            c = new MqttClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
            c.setTimeToWait(PUBLISH_TIMEOUT_MILLIS);
            c.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    LOG.warn("mqtt: connection to {} lost ({}): reconnecting; events wait meanwhile",
                            settings.broker(), reason(cause));
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    // subscriptions have their own listener
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
        } catch (MqttException e) {
            return reason(e);
        }
        client = c;
        try {
            c.connect(options());
            c.publish(topics.status(), status("online", Instant.now().toString()), 1, true);
            c.subscribe(topics.triggerSubscription(), 1, (topic, message) -> {
                if (message.isRetained()) {
                    // A retained command would fire again at every reconnect of every station.
                    LOG.warn("mqtt: ignored a retained trigger on {}: publish triggers without the retain flag, "
                            + "and clear this one: mosquitto_pub -r -n -t '{}'", topic, topic);
                    return;
                }
                commands.accept(topic, message.getPayload());
            });
            connects.incrementAndGet();
            return null;
        } catch (MqttException e) {
            closeClient();
            if (e.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || e.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED) {
                return "the broker refused the user name or password: check mqtt.username and mqtt.password";
            }
            return reason(e);
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setWill(topics.status(), status("offline", null), 1, true);
        settings.username().ifPresent(options::setUserName);
        settings.password().ifPresent(p -> options.setPassword(p.toCharArray()));
        if (tlsSockets != null) {
            options.setSocketFactory(tlsSockets);
        }
        return options;
    }

    private byte[] status(String state, String at) {
        return JsonText.compact(new EventMessages.Status(station, state, at));
    }

    /** Publishes the oldest waiting event; it stays queued when the broker does not take it. */
    private void publishNext() {
        EventOutbox.Message message;
        try {
            message = outbox.peek(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return;
        }
        if (message == null) {
            return;
        }
        MqttClient c = client;
        try {
            c.publish(message.topic(), message.payload(), settings.qos(), false);
            outbox.remove(message);
            published.incrementAndGet();
        } catch (MqttException e) {
            // Not acknowledged: the connection is gone or going. Start over with a fresh connection; the
            // event is sent again (it may reach the broker twice: seq tells).
            LOG.debug("mqtt: event {} not acknowledged: {}", message.seq(), reason(e));
            closeClient();
        }
    }

    private void closeClient() {
        MqttClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1000, false);
            }
        } catch (MqttException e) {
            // going anyway
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            // going anyway
        }
    }

    /**
     * Sends what is waiting (at most {@code drain}, only while connected), says {@code offline}
     * (retained), disconnects. Events still waiting then are logged as not sent.
     */
    public void close(Duration drain) {
        drainDeadline = Instant.now().plus(drain);
        stopping = true;
        try {
            thread.join(drain.toMillis() + (CONNECT_TIMEOUT_SECONDS + 2) * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttClient c = client;
        if (c != null && c.isConnected()) {
            try {
                c.publish(topics.status(), status("offline", Instant.now().toString()), 1, true);
                c.disconnect(2000);
            } catch (MqttException e) {
                LOG.debug("mqtt: clean disconnect failed: {}", reason(e));
            }
        }
        closeClient();
        int left = outbox.size();
        if (left > 0) {
            LOG.warn("mqtt: stopped with {} event(s) not sent: the broker was not reachable", left);
        }
        LOG.info("mqtt: {} event(s) published, {} dropped (queue full), {} connection(s)", published.get(),
                outbox.dropped(), connects.get());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private static String reason(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String text = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return text.replaceAll("\\s+", " ").strip();
    }

    private static Duration jitter(Duration delay) {
        // up to half shorter at random: twenty stations do not all come back in the same millisecond
        long millis = delay.toMillis();
        return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleep(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (!stopping && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
