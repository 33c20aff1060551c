package io.dualstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The RTSP test server ({@code rtsp_server.py}) on 127.0.0.1 for the benchmark, keeping the
 * {@code ANCHOR} lines its QR and clip mounts print: when each media's source frames were made.
 */
final class BenchServer implements AutoCloseable {
    /** One ANCHOR line: its mount, its key=value fields, and when it was read. */
    record Anchor(String path, Map<String, Long> fields, long seenNanos) {
    }

    private final Process process;
    private final int port;

    private BenchServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BenchServer start(Path fixtures, List<String> arguments, int maxSeconds) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", fixtures.resolve("rtsp_server.py").toString(),
                "--port", "0", "--max-seconds", String.valueOf(maxSeconds)));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putIfAbsent("GST_DEBUG", "1");
        Process process = builder.start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        List<Anchor> early = new ArrayList<>();
        Map<String, Map<Long, Long>> encoded = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY port=")) {
                        ready.complete(Integer.parseInt(line.substring(11).trim()));
                    } else if (line.startsWith("ENCODED ")) {
                        Anchor frame = parse(line);
                        encoded.computeIfAbsent(frame.path(), k -> new ConcurrentHashMap<>())
                                .put(frame.fields().get("pts_ns"), frame.fields().get("latency_ns"));
                    } else if (line.startsWith("ANCHOR ")) {
                        Anchor anchor = parse(line);
                        synchronized (early) {
                            early.add(anchor);
                        }
                    } else {
                        System.err.println("[rtsp-server] " + line);
                    }
                }
            } catch (IOException e) {
                // the server ended
            } finally {
                ready.completeExceptionally(new IOException("RTSP server exited"));
            }
        }, "bench-rtsp-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            BenchServer server = new BenchServer(process, ready.get(30, TimeUnit.SECONDS));
            server.anchorsFrom(early);
            server.encodeLatencies = encoded;
            return server;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("RTSP server did not start: " + e.getMessage()
                    + " (run opencv-build/setup-debian.sh: it installs python3-gi and gir1.2-gst-rtsp-server-1.0)", e);
        }
    }

    private List<Anchor> shared;
    /** Per live mount: frame PTS (its QR TIMESTAMP) to the ns it took to reach the payloader. */
    private Map<String, Map<Long, Long>> encodeLatencies;

    /** The source's capture-to-encoded latency of each frame of a live mount, by PTS; empty for clips. */
    Map<Long, Long> encodeLatencies(String path) {
        return encodeLatencies.getOrDefault(path, Map.of());
    }

    private void anchorsFrom(List<Anchor> list) {
        this.shared = list;
    }

    private static Anchor parse(String line) {
        String path = null;
        Map<String, Long> fields = new HashMap<>();
        for (String item : line.substring(line.indexOf(' ') + 1).trim().split(" ")) {
            String[] kv = item.split("=", 2);
            if (kv[0].equals("path")) {
                path = kv[1];
            } else {
                fields.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return new Anchor(path, fields, System.nanoTime());
    }

    /** The newest anchor of a mount printed before {@code beforeNanos}, or null. */
    Anchor anchor(String path, long beforeNanos) {
        synchronized (shared) {
            Anchor found = null;
            for (Anchor anchor : shared) {
                if (anchor.path().equals(path) && anchor.seenNanos() <= beforeNanos) {
                    found = anchor;
                }
            }
            return found;
        }
    }

    String url(String path) {
        return "rtsp://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.toHandle().destroy();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
