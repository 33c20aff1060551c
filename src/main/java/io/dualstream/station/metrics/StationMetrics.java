package io.dualstream.station.metrics;

import io.dualstream.inspect.CameraStatus;
import io.dualstream.inspect.InspectionRuntime;
import io.dualstream.station.mqtt.EventOutbox;
import io.dualstream.station.mqtt.MqttLink;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The station's Prometheus metrics ({@code GET /metrics}), read when scraped: nothing is counted on a
 * frame path, every value comes from the runtime's own counters at scrape time (one health read per
 * camera per scrape). Names and labels are listed in README ("Metrics").
 */
public final class StationMetrics {
    /** The content type of {@link #write}'s output. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final InspectionRuntime runtime;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    /** The cameras' health read once at the start of a scrape, for all callbacks of that scrape. */
    private List<CameraStatus> scraped = List.of();

    /**
     * @param outbox and {@code link}: the MQTT side, or null without {@code mqtt:}
     */
    public StationMetrics(String station, InspectionRuntime runtime, EventOutbox outbox, MqttLink link) {
        this.runtime = runtime;
        GaugeWithCallback.builder().name("dualstream_station_info").help("This station (value 1), by name")
                .labelNames("station").callback(cb -> cb.call(1, station)).register(registry);
        GaugeWithCallback.builder().name("dualstream_camera_up")
                .help("1 when both streams of the camera deliver frames, else 0").labelNames("camera")
                .callback(cb -> cameras(c -> cb.call(c.streaming() ? 1 : 0, c.camera()))).register(registry);
        GaugeWithCallback.builder().name("dualstream_stream_up").help("1 while the stream is STREAMING, else 0")
                .labelNames("camera", "stream")
                .callback(cb -> streams((c, s) -> cb.call(s.state() == io.dualstream.grabber.StreamState.STREAMING
                        ? 1 : 0, c.camera(), stream(c, s)))).register(registry);
        GaugeWithCallback.builder().name("dualstream_stream_fps").help("Frames per second over the last second")
                .labelNames("camera", "stream").callback(cb -> streams((c, s) -> cb.call(s.fps(), c.camera(),
                        stream(c, s)))).register(registry);
        GaugeWithCallback.builder().name("dualstream_stream_last_frame_age_seconds")
                .help("Seconds since the stream's last frame (absent before the first)")
                .labelNames("camera", "stream").callback(cb -> streams((c, s) -> {
                    if (s.lastFrameAgeMs() != null) {
                        cb.call(s.lastFrameAgeMs() / 1000.0, c.camera(), stream(c, s));
                    }
                })).register(registry);
        CounterWithCallback.builder().name("dualstream_stream_frames").help("Frames received, over all connections")
                .labelNames("camera", "stream").callback(cb -> streams((c, s) -> cb.call(s.frames(), c.camera(),
                        stream(c, s)))).register(registry);
        CounterWithCallback.builder().name("dualstream_stream_outages")
                .help("Times the stream stopped delivering frames after it had delivered some")
                .labelNames("camera", "stream").callback(cb -> streams((c, s) -> cb.call(s.outages(), c.camera(),
                        stream(c, s)))).register(registry);
        CounterWithCallback.builder().name("dualstream_stream_reconnects")
                .help("Times the stream delivered frames again after an outage").labelNames("camera", "stream")
                .callback(cb -> streams((c, s) -> cb.call(s.reconnects(), c.camera(), stream(c, s))))
                .register(registry);
        CounterWithCallback.builder().name("dualstream_triggers").help("Triggers, by source (detector, http, mqtt)")
                .labelNames("camera", "source").callback(cb -> cameras(c -> {
                    for (Map.Entry<String, Long> entry : c.triggers().entrySet()) {
                        cb.call(entry.getValue(), c.camera(), entry.getKey());
                    }
                })).register(registry);
        CounterWithCallback.builder().name("dualstream_snapshots").help("Snapshots, saved or failed")
                .labelNames("camera", "result").callback(cb -> cameras(c -> {
                    cb.call(c.snapshots(), c.camera(), "saved");
                    cb.call(c.failures(), c.camera(), "failed");
                })).register(registry);
        if (outbox != null && link != null) {
            GaugeWithCallback.builder().name("dualstream_mqtt_connected").help("1 while connected to the broker")
                    .callback(cb -> cb.call(link.connected() ? 1 : 0)).register(registry);
            GaugeWithCallback.builder().name("dualstream_events_queued")
                    .help("Events waiting for the broker").callback(cb -> cb.call(outbox.size())).register(registry);
            CounterWithCallback.builder().name("dualstream_events_published")
                    .help("Events the broker acknowledged").callback(cb -> cb.call(link.published()))
                    .register(registry);
            CounterWithCallback.builder().name("dualstream_events_dropped")
                    .help("Events dropped because the queue was full while the broker was away")
                    .callback(cb -> cb.call(outbox.dropped())).register(registry);
        }
    }

    /** Writes every metric in Prometheus' text format (version 0.0.4). */
    public synchronized void write(OutputStream out) throws IOException {
        scraped = runtime.statuses();
        try {
            writer.write(out, registry.scrape());
        } finally {
            scraped = List.of();
        }
    }

    private void cameras(java.util.function.Consumer<CameraStatus> each) {
        scraped.forEach(each);
    }

    private void streams(BiConsumer<CameraStatus, CameraStatus.StreamStatus> each) {
        for (CameraStatus camera : scraped) {
            each.accept(camera, camera.main());
            each.accept(camera, camera.sub());
        }
    }

    private static String stream(CameraStatus camera, CameraStatus.StreamStatus stream) {
        return stream == camera.main() ? "main" : "sub";
    }
}
