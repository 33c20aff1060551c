package io.dualstream.station;

import io.dualstream.inspect.ExternalTrigger;
import io.dualstream.inspect.InspectionRuntime;
import io.dualstream.inspect.TriggerReceipt;
import io.dualstream.inspect.TriggerRefusedException;
import io.dualstream.inspect.TriggerSource;
import io.dualstream.station.mqtt.MqttEvents;
import io.dualstream.station.mqtt.TopicLayout;
import java.util.function.BiConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The MQTT command topic {@code PREFIX/CAMERA/trigger}: each message is a trigger for that camera,
 * taken through the same path as a detector's. A message that cannot be taken is logged and answered on
 * {@code PREFIX/CAMERA/trigger-rejected}. Runs on Paho's thread: the trigger only asks for a frame.
 */
final class MqttTriggerCommands implements BiConsumer<String, byte[]> {
    private static final Logger LOG = LogManager.getLogger(MqttTriggerCommands.class);

    private final InspectionRuntime runtime;
    private final TopicLayout topics;
    private final MqttEvents events;

    MqttTriggerCommands(InspectionRuntime runtime, TopicLayout topics, MqttEvents events) {
        this.runtime = runtime;
        this.topics = topics;
        this.events = events;
    }

    @Override
    public void accept(String topic, byte[] payload) {
        long received = System.nanoTime();
        String camera = topics.cameraOfTrigger(topic);
        if (camera == null) {
            return;
        }
        try {
            ExternalTrigger trigger = TriggerRequests.fromJson(TriggerSource.MQTT, payload, received);
            TriggerReceipt receipt = runtime.trigger(camera, trigger);
            LOG.debug("mqtt: trigger {} for camera '{}' taken: {}", receipt.sequence(), camera, receipt.baseName());
        } catch (IllegalArgumentException | TriggerRefusedException e) {
            LOG.warn("mqtt: trigger on {} rejected: {}", topic, e.getMessage());
            events.triggerRejected(camera, e.getMessage());
        }
    }
}
