package io.dualstream.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP server for tests: {@code src/test/fixtures/rtsp_server.py} (Debian's gst-rtsp-server
 * through python3-gi) in a child process, listening on 127.0.0.1 on a free port. It exits when
 * {@link #close()} closes its standard input, and by itself if this JVM dies. For fault tests it can
 * be killed ({@link #kill()}, SIGKILL: a camera losing power) and started again on the same port,
 * with the same or other mounts ({@link #restart}).
 */
public final class RtspTestServer implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";

    /** Fixture argument: the {@link #auth} mounts ask for Digest instead of Basic authentication. */
    public static final String DIGEST = "--digest";

    private volatile Process process;
    private final int port;
    private volatile List<String> arguments;
    /** Every line the server printed besides READY, over all its restarts, in order. */
    private final List<String> lines;

    private RtspTestServer(Process process, int port, List<String> arguments, List<String> lines) {
        this.process = process;
        this.port = port;
        this.arguments = arguments;
        this.lines = lines;
    }

    /** Starts the server with the given {@code --mount PATH=CODEC:WxH@FPS} specs. */
    public static RtspTestServer start(String... mounts) throws IOException {
        return startWithArguments(mountArguments(mounts));
    }

    /**
     * Starts the server with raw fixture arguments, e.g. {@code --mount /a=h264:640x360@25 --auth
     * /a=user:password}.
     */
    public static RtspTestServer startWithArguments(List<String> arguments) throws IOException {
        List<String> lines = new CopyOnWriteArrayList<>();
        Started started = launch(0, arguments, lines);
        return new RtspTestServer(started.process, started.port, List.copyOf(arguments), lines);
    }

    private static List<String> mountArguments(String... mounts) {
        List<String> arguments = new ArrayList<>();
        for (String mount : mounts) {
            arguments.add("--mount");
            arguments.add(mount);
        }
        return arguments;
    }

    private record Started(Process process, int port) {
    }

    private static Started launch(int port, List<String> arguments, List<String> lines) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, Fixtures.file("rtsp_server.py").toString(),
                "--port", Integer.toString(port), "--max-seconds", "3600"));
        command.addAll(arguments);
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new IOException(PYTHON + " is missing: run opencv-build/setup-debian.sh (it installs python3-gi and "
                    + "gir1.2-gst-rtsp-server-1.0)");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // GStreamer errors only: enough to see why a mount's media failed to prepare (an element
        // missing from its launch line), without the warnings every client teardown produces.
        builder.environment().putIfAbsent("GST_DEBUG", "1");
        builder.environment().put("GST_DEBUG_NO_COLOR", "1");
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        StringBuffer early = new StringBuffer();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY port=")) {
                        ready.complete(Integer.parseInt(line.substring("READY port=".length()).trim()));
                    } else {
                        lines.add(line);
                        early.append(line).append('\n');
                        // The server's own warnings (a media that fails to prepare, say) explain
                        // a client-side "could not be opened"; surefire keeps them with the test.
                        System.err.println("[rtsp-server] " + line);
                    }
                }
            } catch (IOException e) {
                // process ended
            } finally {
                ready.completeExceptionally(new IOException("RTSP test server exited: " + early));
            }
        }, "rtsp-test-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Started(process, ready.get(20, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("RTSP test server did not start: " + e.getMessage() + early, e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code rtsp://127.0.0.1:<port><path>} */
    public String url(String path) {
        return "rtsp://127.0.0.1:" + port + path;
    }

    /** The lines the server printed so far besides READY (e.g. a crossing scene's CROSSED lines), over all restarts. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** {@code rtsp://<userInfo>@127.0.0.1:<port><path>}, the user info as given (raw or percent-encoded). */
    public String url(String path, String userInfo) {
        return "rtsp://" + userInfo + "@127.0.0.1:" + port + path;
    }

    /**
     * Fixture arguments that make the mount at {@code path} offer RTP over UDP only, as VLC's RTSP
     * output and some cameras do: a SETUP asking for RTP interleaved over TCP is answered
     * {@code 461 Unsupported transport}.
     */
    public static List<String> udpOnly(String path) {
        return List.of("--udp-only", path);
    }

    /**
     * Fixture arguments that protect the mount at {@code path}: Basic authentication, or Digest
     * for every protected mount when the arguments also hold {@link #DIGEST}. The password is
     * taken verbatim and may contain {@code @ : / ! ' %}.
     */
    public static List<String> auth(String path, String user, String password) {
        return List.of("--auth", path + "=" + user + ":" + password);
    }

    /** Kills the server with SIGKILL, as a camera losing power, and waits until it is gone. */
    public void kill() throws InterruptedException {
        Process p = process;
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("RTSP test server (pid " + p.pid() + ") did not die within 10 s");
        }
    }

    /**
     * Kills the server if it runs, and starts it again on the same port, with these mounts (or the
     * previous arguments when none are given). Retries the bind for a few seconds in case the
     * kernel still holds the port.
     */
    public void restart(String... mounts) throws IOException, InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        if (mounts.length > 0) {
            arguments = mountArguments(mounts);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                process = launch(port, arguments, lines).process;
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw last;
    }

    /** Kills the server and starts it again on the same port with other fixture arguments. */
    public void restartWithArguments(List<String> newArguments) throws IOException, InterruptedException {
        arguments = List.copyOf(newArguments);
        restart();
    }

    @Override
    public void close() {
        Process p = process;
        try {
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        } catch (IOException e) {
            p.destroyForcibly();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
