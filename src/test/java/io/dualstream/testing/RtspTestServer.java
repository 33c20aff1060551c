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
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP server for tests: {@code src/test/fixtures/rtsp_server.py} (Debian's gst-rtsp-server
 * through python3-gi) in a child process, listening on 127.0.0.1 on a free port. It exits when
 * {@link #close()} closes its standard input, and by itself if this JVM dies.
 */
public final class RtspTestServer implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final int port;

    private RtspTestServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server with the given {@code --mount PATH=CODEC:WxH@FPS} specs. */
    public static RtspTestServer start(String... mounts) throws IOException {
        List<String> arguments = new ArrayList<>();
        for (String mount : mounts) {
            arguments.add("--mount");
            arguments.add(mount);
        }
        return startWithArguments(arguments);
    }

    /** Starts the server with the given fixture arguments, e.g. {@code --crossing-scene SPEC}. */
    public static RtspTestServer startWithArguments(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, Fixtures.file("rtsp_server.py").toString(),
                "--port", "0", "--max-seconds", "1800"));
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
            int port = ready.get(20, TimeUnit.SECONDS);
            return new RtspTestServer(process, port);
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

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
