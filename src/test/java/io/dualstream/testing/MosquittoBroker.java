package io.dualstream.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real MQTT broker for tests: Debian's {@code mosquitto} in a child process with a generated config,
 * one listener on 127.0.0.1 on a free port (never the system's 1883, and a mosquitto service the
 * package may have started is left alone), optionally with a user and password. Its persistence is on
 * and kept in the test's folder, so a subscriber's session (cleanSession false) and the messages
 * queued for it survive {@link #stop()} and {@link #start()}: a broker restart mid-test loses nothing
 * that was acknowledged. Stopped by its PID with SIGTERM (it saves its state), and by
 * {@link #close()}. A machine without mosquitto fails the test with the install command: it is never
 * skipped.
 */
public final class MosquittoBroker implements AutoCloseable {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"));

    private final Path binary;
    private final Path folder;
    private final int port;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private String user;
    private String password;
    private TestCertificates tls;
    private volatile Process process;

    private MosquittoBroker(Path binary, Path folder, int port) {
        this.binary = binary;
        this.folder = folder;
        this.port = port;
    }

    /** A broker without authentication in {@code folder}; not started yet: call {@link #start()}. */
    public static MosquittoBroker in(Path folder) throws IOException {
        Path binary = find("mosquitto", CANDIDATES);
        Files.createDirectories(folder);
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new MosquittoBroker(binary, folder, probe.getLocalPort());
        }
    }

    /** A broker that takes only {@code user} with {@code password}; not started yet. */
    public static MosquittoBroker in(Path folder, String user, String password) throws IOException {
        MosquittoBroker broker = in(folder);
        broker.user = user;
        broker.password = password;
        return broker;
    }

    /** Serves MQTT over TLS only ({@code ssl://}), with the server certificate of {@code certificates}. */
    public MosquittoBroker withTls(TestCertificates certificates) {
        this.tls = certificates;
        return this;
    }

    private void writeConfig() throws IOException {
        StringBuilder config = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n");
        if (tls != null) {
            config.append("cafile ").append(tls.caFile()).append('\n')
                    .append("certfile ").append(tls.serverCertificate()).append('\n')
                    .append("keyfile ").append(tls.serverKey()).append('\n');
        }
        // Started as root, mosquitto would drop to user mosquitto, who cannot read the test's folder.
        config.append("user ").append(System.getProperty("user.name")).append('\n')
                .append("persistence true\n")
                .append("persistence_location ").append(folder.toAbsolutePath()).append("/\n")
                .append("max_queued_messages 100000\n")
                .append("log_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\n");
        if (user != null) {
            Path passwords = folder.resolve("passwords");
            Files.writeString(passwords, "");
            Path tool = find("mosquitto_passwd", List.of(Path.of("/usr/bin/mosquitto_passwd")));
            run(List.of(tool.toString(), "-b", passwords.toString(), user, password));
            config.append("allow_anonymous false\npassword_file ").append(passwords.toAbsolutePath()).append('\n');
        } else {
            config.append("allow_anonymous true\n");
        }
        Files.writeString(folder.resolve("mosquitto.conf"), config);
    }

    private static Path find(String name, List<Path> candidates) {
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(name + " not found: sudo apt-get install mosquitto (the station tests need a real MQTT broker; "
                + "opencv-build/setup-debian.sh installs it)");
    }

    static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command.subList(0, 1)) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Starts the broker (again, after {@link #stop()}) and waits until it accepts connections. */
    public MosquittoBroker start() throws IOException, InterruptedException {
        if (!Files.exists(folder.resolve("mosquitto.conf"))) {
            writeConfig();
        }
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-c", folder.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true);
        Process p = builder.start();
        process = p;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    log.add(line);
                    System.err.println("[mosquitto] " + line);
                }
            } catch (IOException e) {
                // ended
            }
        }, "mosquitto-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("mosquitto exited with " + p.exitValue() + ": " + String.join("\n", log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s: " + String.join("\n", log));
    }

    /** SIGTERM to its PID, as a service stop; waits until it is gone (it saves its sessions first). */
    public void stop() throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.toHandle().destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:<port>}, or {@code ssl://...} with TLS */
    public String url() {
        return (tls != null ? "ssl" : "tcp") + "://127.0.0.1:" + port;
    }

    /** What the broker logged so far, over all its starts. */
    public List<String> log() {
        return new ArrayList<>(log);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
