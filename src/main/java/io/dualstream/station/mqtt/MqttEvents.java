package io.dualstream.station.mqtt;

import io.dualstream.grabber.HealthEvent;
import io.dualstream.inspect.InspectionEvents;
import io.dualstream.inspect.output.JsonText;
import io.dualstream.inspect.output.SnapshotRecord;
import io.dualstream.inspect.output.TriggerEvent;
import java.time.Instant;

/**
 * Turns what the runtime tells ({@link InspectionEvents}) into MQTT events in the outbox. Only queues:
 * called on writer and stream threads, it never waits for the broker.
 */
public final class MqttEvents implements InspectionEvents {
    private final String station;
    private final TopicLayout topics;
    private final EventOutbox outbox;

    public MqttEvents(String station, TopicLayout topics, EventOutbox outbox) {
        this.station = station;
        this.topics = topics;
        this.outbox = outbox;
    }

    @Override
    public void snapshotSaved(SnapshotRecord record) {
        outbox.offer(topics.snapshot(record.camera()),
                seq -> JsonText.compact(new EventMessages.SnapshotEvent(seq, station, record)));
    }

    @Override
    public void snapshotFailed(TriggerEvent trigger, String reason) {
        outbox.offer(topics.snapshotFailed(trigger.camera()), seq -> JsonText.compact(
                new EventMessages.SnapshotFailedEvent(seq, station, trigger.camera(), trigger.sequence(),
                        trigger.source().label(), trigger.externalId().orElse(null), trigger.moment().toString(),
                        reason)));
    }

    @Override
    public void healthChanged(String camera, String stream, HealthEvent event) {
        outbox.offer(topics.health(camera), seq -> JsonText.compact(new EventMessages.HealthEvent(seq, station, camera,
                stream, event.previous() == null ? null : event.previous().name(), event.state().name(),
                event.reason(), event.attempt(), event.at().toString())));
    }

    /** A trigger command that was not taken (unknown camera, bad JSON, detector-only camera). */
    public void triggerRejected(String camera, String reason) {
        outbox.offer(topics.triggerRejected(camera), seq -> JsonText.compact(
                new EventMessages.TriggerRejectedEvent(seq, station, camera, reason, Instant.now().toString())));
    }
}
