package io.dualstream.station.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.dualstream.inspect.InspectionRuntime;
import io.dualstream.station.metrics.StationMetrics;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The station's HTTP endpoint (JDK's {@code com.sun.net.httpserver}): {@code GET /health},
 * {@code GET /metrics}, {@code GET /cameras/CAMERA/health}, {@code GET /cameras/CAMERA/last.jpg},
 * {@code POST /cameras/CAMERA/trigger}. With a token every request needs it. A port it cannot take is
 * one error line with the fix, and it tries again every 30 s meanwhile: the cameras go on either way.
 */
public final class StationHttpServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(StationHttpServer.class);
    static final Duration BIND_RETRY = Duration.ofSeconds(30);
    private static final int THREADS = 4;

    private final HttpSettings settings;
    private final StationRoutes routes;
    private final ExecutorService workers;
    private final ScheduledExecutorService retries;
    private volatile HttpServer server;
    private volatile boolean closed;

    private StationHttpServer(HttpSettings settings, StationRoutes routes) {
        this.settings = settings;
        this.routes = routes;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(THREADS, daemon(() -> "dualstream-http-" + n.incrementAndGet()));
        this.retries = Executors.newSingleThreadScheduledExecutor(daemon(() -> "dualstream-http-bind"));
    }

    /**
     * Listens now, or keeps trying every 30 s after one error line. Never throws for a port it cannot take.
     *
     * @param healthExtras the MQTT side of {@code /health}, or null
     */
    public static StationHttpServer start(HttpSettings settings, String station, InspectionRuntime runtime,
                                          StationMetrics metrics, Supplier<Object> healthExtras) {
        StationHttpServer http = new StationHttpServer(settings, new StationRoutes(station, runtime, metrics,
                healthExtras));
        if (!http.bind(true)) {
            http.retries.scheduleWithFixedDelay(() -> {
                if (http.server == null && !http.closed && http.bind(false)) {
                    http.retries.shutdown();
                }
            }, BIND_RETRY.toSeconds(), BIND_RETRY.toSeconds(), TimeUnit.SECONDS);
        }
        return http;
    }

    private synchronized boolean bind(boolean first) {
        if (closed) {
            return true;
        }
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 16);
        } catch (IOException e) {
            if (first) {
                LOG.error("http: cannot listen on {}:{} ({}): {}; the cameras run meanwhile, and it tries again "
                        + "every {} s", settings.bind(), settings.port(), e.getMessage(), fix(e), BIND_RETRY.toSeconds());
            }
            return false;
        }
        HttpContext context = created.createContext("/", routes::handle);
        settings.token().ifPresent(token -> context.getFilters().add(new BearerToken(token)));
        created.setExecutor(workers);
        created.start();
        server = created;
        LOG.info("http: listening on http://{}:{}/ ({}): /health, /metrics, /cameras/<camera>/last.jpg, "
                        + "POST /cameras/<camera>/trigger", settings.bind(), port(),
                settings.token().isPresent() ? "bearer token required" : "no token, loopback only");
        return true;
    }

    private String fix(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (e instanceof BindException && message.contains("in use")) {
            return "another program has that port: choose another http.port in the config, or stop that program";
        }
        if (message.contains("assign")) {
            return settings.bind() + " is not an address of this PC: fix http.bind (127.0.0.1, 0.0.0.0 or one of "
                    + "this PC's addresses)";
        }
        if (message.contains("permission") || message.contains("denied")) {
            return "ports below 1024 need administrator rights: choose http.port 8080 or above";
        }
        return "check http.bind and http.port in the config";
    }

    /** The port it listens on (the one taken when the config said 0), or -1 while it could not bind. */
    public int port() {
        HttpServer s = server;
        return s == null ? -1 : s.getAddress().getPort();
    }

    /** Stops listening; requests in progress get up to a second to finish. */
    @Override
    public synchronized void close() {
        closed = true;
        retries.shutdownNow();
        HttpServer s = server;
        if (s != null) {
            s.stop(1);
        }
        workers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(Supplier<String> name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name.get());
            thread.setDaemon(true);
            return thread;
        };
    }
}
