package io.dualstream.station.http;

import com.sun.net.httpserver.HttpExchange;
import io.dualstream.inspect.CameraStatus;
import io.dualstream.inspect.ExternalTrigger;
import io.dualstream.inspect.InspectionRuntime;
import io.dualstream.inspect.TriggerReceipt;
import io.dualstream.inspect.TriggerRefusedException;
import io.dualstream.inspect.TriggerSource;
import io.dualstream.inspect.output.SnapshotRecord;
import io.dualstream.station.TriggerRequests;
import io.dualstream.station.metrics.StationMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What each path answers. Errors are JSON {@code {"error": "..."}} with the status that fits: 404 for
 * an unknown camera or path, 405 for the wrong method, 400 for a bad trigger, 409 for a camera that
 * takes detector triggers only, 503 when the station is stopping or a snapshot failed.
 */
final class StationRoutes {
    private static final Logger LOG = LogManager.getLogger(StationRoutes.class);
    /** A trigger body is two short fields: anything much larger is not one. */
    private static final int MAX_BODY = 4096;
    /** The snapshot's own timeout (5 s) plus writing a 12 MP JPEG on a busy PC. */
    private static final Duration TRIGGER_WAIT = Duration.ofSeconds(15);
    private static final String PATHS = "GET /health, GET /metrics, GET /cameras/<camera>/health, "
            + "GET /cameras/<camera>/last.jpg, POST /cameras/<camera>/trigger";

    private final String station;
    private final InspectionRuntime runtime;
    private final StationMetrics metrics;
    private final Supplier<Object> events;

    StationRoutes(String station, InspectionRuntime runtime, StationMetrics metrics, Supplier<Object> events) {
        this.station = station;
        this.runtime = runtime;
        this.metrics = metrics;
        this.events = events;
    }

    /** {@code GET /health}: every camera, and the MQTT side when there is one. */
    record StationHealth(String station, boolean ok, String at, List<CameraStatus> cameras, Object events) {
    }

    void handle(HttpExchange exchange) throws IOException {
        // Not try-with-resources: the exchange must stay open for the catch clauses' answers.
        try {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/");
            if (path.equals("/health")) {
                if (allowed(exchange, "GET")) {
                    List<CameraStatus> cameras = runtime.statuses();
                    Responses.json(exchange, 200, new StationHealth(station,
                            cameras.stream().allMatch(CameraStatus::streaming), Instant.now().toString(), cameras,
                            events == null ? null : events.get()));
                }
            } else if (path.equals("/metrics")) {
                if (allowed(exchange, "GET")) {
                    metrics(exchange);
                }
            } else if (parts.length == 4 && parts[1].equals("cameras")) {
                camera(exchange, parts[2], parts[3]);
            } else {
                Responses.error(exchange, 404, "no such path: " + PATHS);
            }
        } catch (TriggerRefusedException e) {
            Responses.error(exchange, switch (e.reason()) {
                case UNKNOWN_CAMERA -> 404;
                case NOT_ACCEPTED -> 409;
                case INVALID -> 400;
                case STOPPED -> 503;
            }, e.getMessage());
        } catch (IOException e) {
            LOG.debug("http: {} {} not answered: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("http: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            Responses.error(exchange, 500, "internal error: " + e);
        } finally {
            exchange.close();
        }
    }

    private void camera(HttpExchange exchange, String camera, String what) throws IOException {
        switch (what) {
            case "health" -> {
                if (allowed(exchange, "GET")) {
                    Responses.json(exchange, 200, runtime.status(camera));
                }
            }
            case "last.jpg" -> {
                if (allowed(exchange, "GET")) {
                    lastImage(exchange, camera);
                }
            }
            case "trigger" -> {
                if (allowed(exchange, "POST")) {
                    trigger(exchange, camera);
                }
            }
            default -> Responses.error(exchange, 404, "no such path: " + PATHS);
        }
    }

    private static boolean allowed(HttpExchange exchange, String method) throws IOException {
        String given = exchange.getRequestMethod();
        if (given.equals(method) || (method.equals("GET") && given.equals("HEAD"))) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", method.equals("GET") ? "GET, HEAD" : method);
        Responses.error(exchange, 405, exchange.getRequestURI().getPath() + " takes " + method);
        return false;
    }

    private void metrics(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream(16 * 1024);
        metrics.write(text);
        Responses.send(exchange, 200, StationMetrics.CONTENT_TYPE, text.toByteArray());
    }

    private void lastImage(HttpExchange exchange, String camera) throws IOException {
        Optional<Path> image = runtime.lastImage(camera);
        if (image.isEmpty()) {
            Responses.error(exchange, 404, "camera '" + camera + "' has saved no snapshot yet");
            return;
        }
        long size;
        try {
            size = Files.size(image.get());
        } catch (NoSuchFileException e) {
            Responses.error(exchange, 404, "the last snapshot of camera '" + camera + "' was deleted");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Disposition", "inline; filename=\"" + image.get().getFileName()
                + "\"");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : size);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(image.get(), out);
            }
        }
    }

    /**
     * {@code POST /cameras/CAMERA/trigger[?id=..&time=..][&wait=false]}, or the fields in the body, as
     * JSON or as a form ({@code id=..&time=..}).
     * Answers when the snapshot is written (200, with its record), failed (503), or at once with
     * {@code wait=false} (202, with the file names it will have).
     */
    private void trigger(HttpExchange exchange, String camera) throws IOException {
        long received = System.nanoTime();
        ExternalTrigger trigger;
        boolean wait;
        try {
            Map<String, String> query = TriggerRequests.query(exchange.getRequestURI().getRawQuery());
            wait = !"false".equals(query.remove("wait"));
            byte[] body = body(exchange.getRequestBody());
            if (body.length > 0 && !query.isEmpty()) {
                throw new IllegalArgumentException("give id and time either as query parameters or in the body "
                        + "(JSON or a form), not both");
            }
            String text = new String(body, StandardCharsets.UTF_8).strip();
            // curl -d sends a form's content type for JSON too: the first character tells them apart.
            trigger = text.startsWith("{") ? TriggerRequests.fromJson(TriggerSource.HTTP, body, received)
                    : TriggerRequests.fromFields(TriggerSource.HTTP, text.isEmpty() ? query
                    : TriggerRequests.query(text), received);
        } catch (IllegalArgumentException e) {
            Responses.error(exchange, 400, e.getMessage());
            return;
        }
        TriggerReceipt receipt = runtime.trigger(camera, trigger);
        if (!wait) {
            Responses.json(exchange, 202, accepted(receipt));
            return;
        }
        try {
            SnapshotRecord record = receipt.snapshot().get(TRIGGER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Responses.json(exchange, 200, new Saved(true, record));
        } catch (ExecutionException e) {
            Responses.json(exchange, 503, new Failed(false, receipt.camera(), receipt.sequence(),
                    e.getCause().getMessage()));
        } catch (TimeoutException e) {
            Responses.json(exchange, 202, accepted(receipt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.json(exchange, 202, accepted(receipt));
        }
    }

    record Saved(boolean saved, SnapshotRecord snapshot) {
    }

    record Failed(boolean saved, String camera, int trigger, String reason) {
    }

    /** Taken, not written yet: the names its files will have. */
    record Accepted(String camera, int trigger, String image, String sidecar) {
    }

    private static Accepted accepted(TriggerReceipt receipt) {
        return new Accepted(receipt.camera(), receipt.sequence(), receipt.baseName() + ".jpg",
                receipt.baseName() + ".json");
    }

    private static byte[] body(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("body over " + MAX_BODY + " bytes: a trigger takes id and time");
            }
            return bytes;
        }
    }
}
