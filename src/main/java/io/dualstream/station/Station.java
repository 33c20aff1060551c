package io.dualstream.station;

import io.dualstream.config.InspectionConfig;
import io.dualstream.inspect.InspectionOptions;
import io.dualstream.inspect.InspectionRuntime;
import io.dualstream.station.http.StationHttpServer;
import io.dualstream.station.metrics.StationMetrics;
import io.dualstream.station.mqtt.EventOutbox;
import io.dualstream.station.mqtt.MqttEvents;
import io.dualstream.station.mqtt.MqttLink;
import io.dualstream.station.mqtt.MqttSettings;
import io.dualstream.station.mqtt.TopicLayout;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * An inspection PC on the line: the cameras' runtime, and around it what the config's {@code mqtt:}
 * and {@code http:} sections ask for — events to a broker and trigger commands from it, the HTTP
 * endpoint (health, metrics, last snapshot, trigger). Neither can stop the cameras: a broker that is
 * away or a port that is taken only costs their own service, said in one line.
 */
public final class Station implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Station.class);
    /** At stop: how long events still waiting may take to reach a connected broker. */
    private static final Duration EVENT_DRAIN = Duration.ofSeconds(5);

    private final InspectionRuntime runtime;
    private final MqttLink link;
    private final StationHttpServer http;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Station(InspectionRuntime runtime, MqttLink link, StationHttpServer http) {
        this.runtime = runtime;
        this.link = link;
        this.http = http;
    }

    /** The MQTT side of {@code GET /health}. */
    record EventsHealth(boolean connected, String broker, int queued, long published, long dropped) {
    }

    /**
     * Starts the cameras, then the MQTT link and the HTTP endpoint when configured. Returns at once.
     *
     * @throws IllegalArgumentException when the MQTT TLS files cannot be used (one line)
     * @throws io.dualstream.internal.pipeline.MissingElementException as {@link InspectionRuntime#start}
     */
    public static Station start(InspectionConfig config, InspectionOptions options) {
        EventOutbox outbox = null;
        MqttEvents events = null;
        TopicLayout topics = null;
        if (config.mqtt().isPresent()) {
            MqttSettings mqtt = config.mqtt().get();
            outbox = new EventOutbox(mqtt.queueSize());
            topics = new TopicLayout(mqtt.topicPrefix());
            events = new MqttEvents(config.station(), topics, outbox);
            options = options.withEvents(events);
        }
        InspectionRuntime runtime = InspectionRuntime.start(config.cameras(), options);
        MqttLink link = null;
        StationHttpServer http = null;
        try {
            if (config.mqtt().isPresent()) {
                link = new MqttLink(config.mqtt().get(), config.station(), topics, outbox,
                        new MqttTriggerCommands(runtime, topics, events)).start();
            }
            if (config.http().isPresent()) {
                StationMetrics metrics = new StationMetrics(config.station(), runtime, outbox, link);
                MqttLink linkForHealth = link;
                EventOutbox outboxForHealth = outbox;
                Supplier<Object> eventsHealth = link == null ? null : () -> new EventsHealth(linkForHealth.connected(),
                        config.mqtt().get().serverUri(), outboxForHealth.size(), linkForHealth.published(),
                        outboxForHealth.dropped());
                http = StationHttpServer.start(config.http().get(), config.station(), runtime, metrics, eventsHealth);
            }
        } catch (RuntimeException e) {
            new Station(runtime, link, http).close();
            throw e;
        }
        return new Station(runtime, link, http);
    }

    public InspectionRuntime runtime() {
        return runtime;
    }

    /** The HTTP endpoint's port, or -1 without one (or while its port is taken). */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /**
     * Stops in order: the HTTP endpoint (no new triggers), the cameras (snapshots asked for are written,
     * their events queued), then the events still waiting are sent (at most 5 s, while the broker is
     * there), the station says {@code offline}, and disconnects. Safe to call twice.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            runtime.close();   // waits for the first close's cameras
            return;
        }
        try {
            if (http != null) {
                http.close();
            }
        } finally {
            try {
                runtime.close();
            } finally {
                if (link != null) {
                    link.close(EVENT_DRAIN);
                }
            }
        }
        LOG.debug("station stopped");
    }
}
