package io.dualstream.bench;

import io.dualstream.internal.natives.GStreamerSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The performance benchmark ({@code mvn -Pbench verify}, not a test): serves a live 1920x1080 H.264
 * stream and looped 4000x3000 clips, all QR-stamped, on 127.0.0.1, and runs each contender against each
 * in its own process, one after another: (A) naive {@code read()}, (B) the article's pipeline, (C) ours,
 * (D) {@code gst-launch-1.0} receive + decode into a fake sink, (F) JavaCV's {@code FFmpegFrameGrabber}
 * tuned for low latency (its main class, {@link #FFMPEG_MAIN}, is compiled in the bench profile only). A
 * third case pins the contender to one CPU, where a 12 MP decode cannot keep up, and compares ours with the backlog left unbounded and with
 * a leaky queue before the decoder (the rejected ways). Writes {@code report.md}, {@code summary.json}
 * and PNG charts into the folder given as first argument.
 *
 * <p>{@code -Dbench.quick=true}: short phases (the whole run within 5 minutes); otherwise 2 minutes of
 * grab-only and 10 minutes of slow consumer per contender and stream. {@code -Dbench.only=ours,floor}
 * runs only those contenders (names as in {@link #LABELS}), {@code -Dbench.streams=live1080,clip12mp} only
 * those streams (live1080, clip12mp, clip12mp264).
 */
public final class PerformanceBench {
    static final Map<String, String> LABELS = labels();
    /** F's main class, in src/bench-ffmpeg (JavaCV): named, not referenced, so the default test compile needs none. */
    static final String FFMPEG_MAIN = "io.dualstream.bench.FfmpegContender";

    /**
     * One benchmark stream: its mount, codec, whether it is a looped clip, the CPU list the contender is
     * pinned to ({@code taskset -c}, empty: all), how many busy threads share it, and its contenders.
     */
    record StreamCase(String name, String path, String codec, boolean clip, String cpus, int busyThreads,
                      List<String> contenders) {
    }

    private PerformanceBench() {
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("naive", "A naive read()");
        labels.put("article", "B article pipeline");
        labels.put("ours", "C ours");
        labels.put("latency0", "C0 ours, jitter buffer latency 0");
        labels.put("floor", "D gst-launch floor");
        labels.put("ffmpeg", "F JavaCV FFmpegFrameGrabber");
        labels.put("keepall", "C' ours, backlog unbounded");
        labels.put("leaky", "E ours + leaky queue before the decoder (rejected)");
        return labels;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path fixtures = Path.of(args[1]);
        boolean quick = Boolean.getBoolean("bench.quick");
        int grabSeconds = Integer.getInteger("bench.grabSeconds", quick ? 6 : 120);
        int consumerSeconds = Integer.getInteger("bench.consumerSeconds", quick ? 10 : 600);
        int clipFrames = Integer.getInteger("bench.clipFrames", 50);
        String only = System.getProperty("bench.only", "");
        // e.g. live1080,clip12mp: only those streams (the mounts' names), for long runs of one case
        String onlyStreams = System.getProperty("bench.streams", "");
        Files.createDirectories(out);
        long began = System.nanoTime();
        double[] loadBefore = loadAverage();
        GStreamerSupport.ensureAvailable();
        String scaling = System.getProperty("bench.scaling", "");
        if (!scaling.isBlank()) {
            // the scaling study instead of the contenders: -Dbench.scaling=1,2,4,8 [-Dbench.scalingSeconds=20]
            ScalingBench.run(out, fixtures, ScalingBench.parseCounts(scaling),
                    Integer.getInteger("bench.scalingSeconds", 20), loadBefore);
            System.exit(0);
        }
        Path clip265 = ClipCache.ensure("h265", clipFrames);
        Path clip264 = ClipCache.ensure("h264", clipFrames);
        Map<String, Long> firstCounts = Map.of("/clip12mp", ClipCache.firstCountOf(clip265),
                "/clip12mp264", ClipCache.firstCountOf(clip264));
        List<String> all = List.of("naive", "article", "ours", "latency0", "floor", "ffmpeg");
        List<StreamCase> streams = List.of(
                new StreamCase("1920x1080 H.264 live", "/live1080", "h264", false, "", 0, all),
                new StreamCase("4000x3000 H.265 clip", "/clip12mp", "h265", true, "", 0, all),
                // 12 MP where software decode keeps up on two cores (H.265 does not: D below 25 fps): what the
                // rest of the path (jitter buffer, queues, appsink, our loop) adds to one decode
                new StreamCase("4000x3000 H.264 clip", "/clip12mp264", "h264", true, "", 0,
                        List.of("ours", "latency0", "floor", "ffmpeg")),
                // Decoding cannot keep up: one CPU shared with two busy threads leaves the decoder about a
                // third of it, and a 12 MP H.264 frame takes about 17 ms of CPU (0.42 CPU at 25 fps). It compares
                // ways of bounding our own decode backlog; F (FFmpeg's) is not one of them.
                new StreamCase("4000x3000 H.264 clip, one CPU shared with 2 busy threads", "/clip12mp264", "h264",
                        true, "1", 2, List.of("keepall", "leaky", "ours")),
                // The same for H.265, where GStreamer 1.22's rtph265depay cannot wait for a keyframe and our
                // keyframe gate (in OpenCV's GStreamer plugin) makes the bound keyframe-safe.
                new StreamCase("4000x3000 H.265 clip, one CPU shared with 2 busy threads", "/clip12mp", "h265",
                        true, "1", 2, List.of("keepall", "leaky", "ours")));
        List<String> serverArgs = List.of("--qr-mount", "/live1080=h264:1920x1080@25",
                "--clip-mount", "/clip12mp=h265:" + clip265 + "@" + ClipCache.FPS,
                "--clip-mount", "/clip12mp264=h264:" + clip264 + "@" + ClipCache.FPS);
        List<ContenderRun> runs = new ArrayList<>();
        try (BenchServer server = BenchServer.start(fixtures, serverArgs, 4 * 3600)) {
            for (StreamCase stream : streams) {
                if (!onlyStreams.isBlank() && !List.of(onlyStreams.split(",")).contains(stream.path().substring(1))) {
                    continue;
                }
                for (String contender : stream.contenders()) {
                    if (!only.isBlank() && !List.of(only.split(",")).contains(contender)) {
                        continue;
                    }
                    System.out.printf("bench: %s / %s ...%n", stream.name(), LABELS.get(contender));
                    ContenderRun run = new ContenderRun(stream.name(), contender);
                    try {
                        if (contender.equals("floor")) {
                            runFloor(server.url(stream.path()), stream.codec(), grabSeconds, run);
                        } else {
                            runJava(contender, server.url(stream.path()), stream, grabSeconds,
                                    consumerSeconds, out, run);
                            BenchServer.Anchor anchor = server.anchor(stream.path(), System.nanoTime());
                            run.staleness = anchor == null ? null : stream.clip()
                                    ? Staleness.clip(run.samples, anchor.fields().get("start_ns"),
                                            anchor.fields().get("frames").intValue(), firstCounts.get(stream.path()),
                                            ClipCache.FPS)
                                    : Staleness.live(run.samples, anchor.fields().get("base_ns"),
                                            server.encodeLatencies(stream.path()));
                        }
                    } catch (Exception e) {
                        run.failure = e.getMessage();
                        System.out.println("bench: " + contender + " failed: " + e.getMessage());
                    }
                    runs.add(run);
                }
            }
        }
        double[] loadAfter = loadAverage();
        double minutes = (System.nanoTime() - began) / 60e9;
        Set<String> overloaded = streams.stream().filter(s -> !s.cpus().isEmpty()).map(StreamCase::name)
                .collect(Collectors.toSet());
        new BenchReport(runs, overloaded, quick, grabSeconds, consumerSeconds, clipFrames, loadBefore, loadAfter,
                minutes).write(out);
        System.out.printf("bench: done in %.1f min, wrote %s%n", minutes, out.resolve("report.md"));
        System.exit(0);
    }

    private static void runJava(String contender, String url, StreamCase stream, int grabSeconds, int consumerSeconds,
                                Path out, ContenderRun run) throws IOException, InterruptedException {
        Path results = out.resolve("raw-" + run.stream.replaceAll("[^A-Za-z0-9]+", "_") + "-" + contender + ".txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (!stream.cpus().isEmpty()) {
            command.addAll(List.of("taskset", "-c", stream.cpus()));   // the decoder's threads too
        }
        // AlwaysPreTouch: the JVM touches its committed heap at start, so RSS growth is memory the process
        // takes while it runs, not the heap's pages touched one by one as allocation reaches them
        // (a steady +2 MB a minute for an hour that looks like a leak and is not one).
        command.addAll(List.of(java, "-Xms128m", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dbench.busyThreads=" + stream.busyThreads(),
                "-cp", System.getProperty("java.class.path"),
                contender.equals("ffmpeg") ? FFMPEG_MAIN : Contender.class.getName(), contender, url, stream.codec(),
                "25", String.valueOf(grabSeconds), String.valueOf(consumerSeconds), results.toString()));
        run.values.put("cpus", stream.cpus().isEmpty() ? "all" : stream.cpus());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve("log-" + results.getFileName()).toFile());
        // e.g. MALLOC_MMAP_THRESHOLD_=131072: an allocator setting for the contender's process only
        String env = System.getProperty("bench.contenderEnv", "");
        if (!env.isBlank()) {
            builder.environment().put(env.substring(0, env.indexOf('=')), env.substring(env.indexOf('=') + 1));
            run.values.put("env", env);
        }
        Process process = builder.start();
        sampleRss(process, run, grabSeconds + consumerSeconds + 60);
        if (process.exitValue() != 0) {
            throw new IOException(contender + " exited " + process.exitValue() + ", see log-" + results.getFileName());
        }
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            run.parseLine(line);
        }
    }

    /** (D) GStreamer alone: receive + decode into fakesink, counted by fpsdisplaysink. */
    private static void runFloor(String url, String codec, int grabSeconds, ContenderRun run)
            throws IOException, InterruptedException {
        String pipeline = "rtspsrc location=" + url + " protocols=tcp latency=200 ! rtp" + codec + "depay ! "
                + codec + "parse ! avdec_" + codec + " ! fpsdisplaysink video-sink=fakesink text-overlay=false sync=false";
        run.values.put("pipeline", "gst-launch-1.0 " + pipeline);
        List<String> command = new ArrayList<>(List.of("gst-launch-1.0", "-v"));
        command.addAll(List.of(pipeline.split(" ")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        AtomicLong rendered = new AtomicLong(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    int at = line.indexOf("rendered: ");
                    if (at >= 0) {
                        rendered.set(Long.parseLong(line.substring(at + 10, line.indexOf(',', at))));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // process ended
            }
        }, "bench-floor-output");
        reader.setDaemon(true);
        reader.start();
        long start = System.nanoTime();
        Thread rss = new Thread(() -> {
            try {
                sampleRss(process, run, grabSeconds + 30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-floor-rss");
        rss.setDaemon(true);
        rss.start();
        Thread.sleep(3000);   // warm-up, as the Java contenders
        long cpu0 = cpu(process);
        long frames0 = rendered.get();
        long t0 = System.nanoTime();
        Thread.sleep(grabSeconds * 1000L);
        long cpu1 = cpu(process);
        long frames1 = rendered.get();
        long t1 = System.nanoTime();
        process.toHandle().destroy();   // SIGTERM
        process.waitFor(10, TimeUnit.SECONDS);
        process.destroyForcibly();
        rss.join(5000);
        run.values.put("grab_frames", String.valueOf(frames1 - frames0));
        run.values.put("grab_wall_ns", String.valueOf(t1 - t0));
        run.values.put("grab_cpu_ns", String.valueOf(cpu1 - cpu0));
        if (frames0 < 0 || frames1 <= frames0) {
            throw new IOException("gst-launch-1.0 decoded no frames in " + (t1 - start) / 1_000_000 + " ms");
        }
    }

    private static long cpu(Process process) {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
    }

    /** Samples the child's resident memory every second until it exits (bounded by limitSeconds). */
    static void sampleRss(Process process, ContenderRun run, int limitSeconds) throws InterruptedException {
        long start = System.nanoTime();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        while (process.isAlive()) {
            if ((System.nanoTime() - start) / 1e9 > limitSeconds) {
                process.toHandle().destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                process.destroyForcibly();
                break;
            }
            try {
                Map<String, Double> mb = new LinkedHashMap<>();
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:") || line.startsWith("RssAnon:") || line.startsWith("RssFile:")) {
                        mb.put(line.substring(0, line.indexOf(':')),
                                Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
                    }
                }
                if (mb.containsKey("VmRSS")) {
                    run.rss.add(new ContenderRun.RssPoint((System.nanoTime() - start) / 1e9, mb.get("VmRSS"),
                            mb.getOrDefault("RssAnon", Double.NaN), mb.getOrDefault("RssFile", Double.NaN)));
                }
            } catch (IOException e) {
                // exited between isAlive and the read
            }
            process.waitFor(1, TimeUnit.SECONDS);
        }
    }

    private static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException e) {
            return new double[] {-1, -1, -1};
        }
    }
}
