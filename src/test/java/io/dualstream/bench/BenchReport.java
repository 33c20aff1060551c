package io.dualstream.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Figures from the raw runs, written as report.md, summary.json and PNG charts (XChart, headless). */
final class BenchReport {
    private static final Map<String, Color> COLORS = Map.of("naive", new Color(0xD62728), "article",
            new Color(0xFF7F0E), "ours", new Color(0x2CA02C), "floor", new Color(0x7F7F7F), "keepall",
            new Color(0x1F77B4), "leaky", new Color(0x9467BD), "ffmpeg", new Color(0x8C564B), "latency0",
            new Color(0x17BECF));
    /** C's figures reported as ratios to F's. */
    private static final List<String> RATIO_FIGURES = List.of("staleness_p50_ms", "staleness_p99_ms",
            "cpu_s_per_1000_frames", "heap_bytes_per_frame");
    private static final BasicStroke[] LINES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT};
    private final List<ContenderRun> runs;
    private final boolean quick;
    private final int grabSeconds;
    private final int consumerSeconds;
    private final int clipFrames;
    private final double[] loadBefore;
    private final double[] loadAfter;
    private final double minutes;
    private final Set<String> overloadStreams;

    /** @param overloadStreams the streams where decoding cannot keep up, which have goals of their own */
    BenchReport(List<ContenderRun> runs, Set<String> overloadStreams, boolean quick, int grabSeconds,
                int consumerSeconds, int clipFrames, double[] loadBefore, double[] loadAfter, double minutes) {
        this.runs = runs;
        this.overloadStreams = Set.copyOf(overloadStreams);
        this.quick = quick;
        this.grabSeconds = grabSeconds;
        this.consumerSeconds = consumerSeconds;
        this.clipFrames = clipFrames;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.minutes = minutes;
    }

    /** The figures of one run, NaN where they do not apply. */
    Map<String, Double> figures(ContenderRun run) {
        Map<String, Double> f = new LinkedHashMap<>();
        double frames = run.number("grab_frames");
        double wall = run.number("grab_wall_ns") / 1e9;
        double cpu = run.number("grab_cpu_ns") / 1e9;
        f.put("grab_fps", frames / wall);
        f.put("cpu_cores", cpu / wall);
        f.put("cpu_s_per_1000_frames", cpu / frames * 1000);
        f.put("cpu_s_per_1000_source_frames", cpu / (wall * 25) * 1000);
        long heap = run.number("grab_heap_bytes");
        f.put("heap_bytes_per_frame", heap < 0 ? Double.NaN : heap / frames);
        if (run.staleness != null) {
            List<Double> stale = new ArrayList<>();
            List<double[]> xy = new ArrayList<>();
            for (Staleness.Point p : run.staleness.points()) {
                stale.add(p.staleMillis());
                xy.add(new double[] {p.seconds(), p.staleMillis()});
            }
            f.put("staleness_p50_ms", Staleness.percentile(stale, 50));
            f.put("staleness_p99_ms", Staleness.percentile(stale, 99));
            List<Double> afterEncode = run.staleness.points().stream().map(Staleness.Point::afterEncodeMillis)
                    .filter(v -> !v.isNaN()).toList();
            f.put("staleness_after_encode_p50_ms", Staleness.percentile(afterEncode, 50));
            f.put("staleness_after_encode_p99_ms", Staleness.percentile(afterEncode, 99));
            f.put("staleness_growth_ms_per_min", Staleness.slopePerMinute(xy));
            f.put("snapshots", (double) run.staleness.samples());
            f.put("corrupt_snapshots", (double) run.staleness.corrupt());
            List<Double> latency = new ArrayList<>();
            for (ContenderRun.Sample s : run.samples) {
                latency.add(s.latencyNanos() / 1e6);
            }
            f.put("snapshot_latency_p50_ms", Staleness.percentile(latency, 50));
            f.put("snapshot_latency_p99_ms", Staleness.percentile(latency, 99));
            f.put("consumer_fps_grabbed", run.number("consumer_frames") / (run.number("consumer_wall_ns") / 1e9));
        }
        long convert = run.number("convert_ns");
        if (convert > 0) {
            f.put("i420_to_bgr_ms", convert / 1e6);
        }
        if (run.rss.size() >= 4) {
            double peak = 0;
            for (ContenderRun.RssPoint p : run.rss) {
                peak = Math.max(peak, p.megabytes());
            }
            int n = run.rss.size();
            // Growth from the end of warm-up (a quarter in) to the end: the steady state's drift.
            double early = run.rss.get(n / 4).megabytes();
            double last = run.rss.get(n - 1).megabytes();
            f.put("rss_peak_mb", peak);
            f.put("rss_growth_percent", (last - early) / early * 100);
            // Where the growth is: the Java heap the JVM committed, the rest of the anonymous memory
            // (native: GStreamer, FFmpeg, OpenCV, malloc arenas, thread stacks), file-backed pages.
            ContenderRun.RssPoint from = run.rss.get(n / 4);
            ContenderRun.RssPoint to = run.rss.get(n - 1);
            double heapGrowth = run.heapCommittedAt(to.seconds()) - run.heapCommittedAt(from.seconds());
            double nonHeapGrowth = run.nonHeapCommittedAt(to.seconds()) - run.nonHeapCommittedAt(from.seconds());
            f.put("rss_growth_mb", to.megabytes() - from.megabytes());
            f.put("rss_growth_heap_committed_mb", heapGrowth);
            f.put("rss_growth_non_heap_committed_mb", nonHeapGrowth);
            f.put("rss_growth_other_anonymous_mb", to.anonymousMegabytes() - from.anonymousMegabytes() - heapGrowth
                    - (Double.isNaN(nonHeapGrowth) ? 0 : nonHeapGrowth));
            f.put("rss_growth_file_mb", to.fileMegabytes() - from.fileMegabytes());
        }
        return f;
    }

    void write(Path out) throws IOException {
        StringBuilder json = new StringBuilder("{\n");
        json.append(String.format(Locale.ROOT, "  \"quick\": %s,\n  \"grab_seconds\": %d,\n  \"consumer_seconds\": %d,\n"
                + "  \"clip_frames\": %d,\n  \"load_average_before\": %s,\n  \"load_average_after\": %s,\n"
                + "  \"minutes\": %.2f,\n  \"results\": [\n", quick, grabSeconds, consumerSeconds, clipFrames,
                array(loadBefore), array(loadAfter), minutes));
        StringBuilder md = new StringBuilder("# DualStream performance benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Mode: %s (grab-only %d s, slow consumer %d s per contender and stream). "
                + "Load average before %s, after %s. Whole run %.1f min. Software decode, %d cores.%n%n",
                quick ? "quick" : "full", grabSeconds, consumerSeconds, array(loadBefore), array(loadAfter), minutes,
                Runtime.getRuntime().availableProcessors()));
        md.append("| stream | contender | grab fps | CPU cores | CPU s / 1000 frames | CPU s / 1000 source frames "
                + "| heap B / frame | staleness p50 / p99 ms | after source encode p50 / p99 ms | growth ms/min "
                + "| snapshot latency p50 / p99 ms "
                + "| corrupt / snapshots | RSS peak MB | RSS growth % |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            ContenderRun run = runs.get(i);
            Map<String, Double> f = run.failure == null ? figures(run) : Map.of();
            json.append("    {\"stream\": \"").append(run.stream).append("\", \"contender\": \"")
                    .append(run.contender).append("\"");
            if (run.failure != null) {
                json.append(", \"failure\": \"").append(run.failure.replace("\"", "'")).append("\"");
            }
            for (Map.Entry<String, Double> e : f.entrySet()) {
                json.append(", \"").append(e.getKey()).append("\": ").append(number(e.getValue()));
            }
            json.append(i + 1 < runs.size() ? "},\n" : "}\n");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s / %s | %s / %s | %s | %s / %s | %s / %s | %s | %s |%n",
                    run.stream, label(run.contender) + (run.failure == null ? "" : " (failed: " + run.failure + ")"),
                    cell(f, "grab_fps"), cell(f, "cpu_cores"), cell(f, "cpu_s_per_1000_frames"),
                    cell(f, "cpu_s_per_1000_source_frames"), cell(f, "heap_bytes_per_frame"),
                    cell(f, "staleness_p50_ms"), cell(f, "staleness_p99_ms"), cell(f, "staleness_after_encode_p50_ms"),
                    cell(f, "staleness_after_encode_p99_ms"), cell(f, "staleness_growth_ms_per_min"),
                    cell(f, "snapshot_latency_p50_ms"), cell(f, "snapshot_latency_p99_ms"),
                    cell(f, "corrupt_snapshots"), cell(f, "snapshots"), cell(f, "rss_peak_mb"),
                    cell(f, "rss_growth_percent")));
        }
        json.append("  ],\n  \"goals\": [\n");
        List<String[]> goals = goals();
        md.append("\n## Goals for C (ours)\n\n| stream | goal | measured | met |\n|---|---|---|---|\n");
        for (int i = 0; i < goals.size(); i++) {
            String[] g = goals.get(i);
            md.append("| ").append(g[0]).append(" | ").append(g[1]).append(" | ").append(g[2]).append(" | ")
                    .append(g[3]).append(" |\n");
            json.append("    {\"stream\": \"").append(g[0]).append("\", \"goal\": \"").append(g[1])
                    .append("\", \"measured\": \"").append(g[2]).append("\", \"met\": ").append(g[3].equals("yes"))
                    .append(i + 1 < goals.size() ? "},\n" : "}\n");
        }
        json.append("  ],\n  \"ratios_c_to_f\": [\n");
        md.append("\n## C (ours) as a ratio to F (JavaCV FFmpegFrameGrabber)\n\n"
                + "Below 1: C has less of it. F's grab loop keeps the newest frame; the consumer copies it out.\n\n"
                + "| stream | figure | C | F | C/F |\n|---|---|---|---|---|\n");
        List<String> ratioLines = new ArrayList<>();
        for (String stream : streams()) {
            ContenderRun ours = find(stream, "ours");
            ContenderRun ffmpeg = find(stream, "ffmpeg");
            if (ours == null || ffmpeg == null || ours.failure != null || ffmpeg.failure != null) {
                continue;
            }
            Map<String, Double> c = figures(ours);
            Map<String, Double> f = figures(ffmpeg);
            StringBuilder line = new StringBuilder("    {\"stream\": \"").append(stream).append("\"");
            for (String key : RATIO_FIGURES) {
                double cv = c.getOrDefault(key, Double.NaN);
                double fv = f.getOrDefault(key, Double.NaN);
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", stream, key, cell(c, key),
                        cell(f, key), cell(Map.of("r", cv / fv), "r")));
                line.append(", \"").append(key).append("\": ").append(number(cv / fv));
            }
            ratioLines.add(line.append("}").toString());
        }
        json.append(String.join(",\n", ratioLines)).append(ratioLines.isEmpty() ? "" : "\n");
        json.append("  ]\n}\n");
        md.append("\nPipelines:\n\n");
        for (ContenderRun run : runs) {
            md.append("- ").append(run.stream).append(", ").append(label(run.contender)).append(": `")
                    .append(run.values.getOrDefault("pipeline", "?")).append("`\n");
        }
        md.append("\n![staleness](staleness.png)\n\n![cpu](cpu.png)\n\n![rss](rss.png)\n");
        Files.writeString(out.resolve("summary.json"), json, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("report.md"), md, StandardCharsets.UTF_8);
        charts(out);
    }

    /** Each goal of the issue for C, per stream: {stream, goal, measured, yes/no}. */
    private List<String[]> goals() {
        List<String[]> goals = new ArrayList<>();
        List<String> streams = streams();
        for (String stream : streams) {
            ContenderRun ours = find(stream, "ours");
            ContenderRun floor = find(stream, "floor");
            ContenderRun article = find(stream, "article");
            if (ours == null || ours.failure != null) {
                goals.add(new String[] {stream, "C ran", "failed: " + (ours == null ? "missing" : ours.failure), "no"});
                continue;
            }
            Map<String, Double> c = figures(ours);
            if (overloadStreams.contains(stream)) {
                overloadGoals(stream, c, goals);
                continue;
            }
            Map<String, Double> d = floor == null || floor.failure != null ? Map.of() : figures(floor);
            Map<String, Double> b = article == null || article.failure != null ? Map.of() : figures(article);
            double decodeMs = d.getOrDefault("cpu_s_per_1000_frames", Double.NaN);   // CPU ms per decoded frame
            double p99 = c.getOrDefault("staleness_p99_ms", Double.NaN);
            goals.add(goal(stream, String.format(Locale.ROOT, "staleness p99 <= 40 ms + one decode (%.1f ms, D's CPU per frame)",
                    decodeMs), String.format(Locale.ROOT, "%.1f ms", p99), p99 <= 40 + decodeMs));
            double clientP99 = c.getOrDefault("staleness_after_encode_p99_ms", Double.NaN);
            if (!Double.isNaN(clientP99) && clientP99 != p99) {
                goals.add(goal(stream, "the same, counted from when the source had encoded the frame (its "
                        + "capture and encode are the camera's, here on this shared CPU)", String.format(Locale.ROOT,
                        "%.1f ms (p50 %.1f ms)", clientP99, c.get("staleness_after_encode_p50_ms")),
                        clientP99 <= 40 + decodeMs));
            }
            double growth = c.getOrDefault("staleness_growth_ms_per_min", Double.NaN);
            goals.add(goal(stream, "staleness growth ~ 0 (|growth| <= 40 ms per minute)",
                    String.format(Locale.ROOT, "%.1f ms/min over %d s", growth, consumerSeconds), Math.abs(growth) <= 40));
            double cf = c.get("cpu_s_per_1000_frames");
            double df = d.getOrDefault("cpu_s_per_1000_frames", Double.NaN);
            double bf = b.getOrDefault("cpu_s_per_1000_frames", Double.NaN);
            goals.add(goal(stream, "CPU per 1000 grabbed frames <= 1.10 x D", String.format(Locale.ROOT,
                    "%.2f s vs D %.2f s = %.2f x", cf, df, cf / df), cf <= 1.10 * df));
            if (!Double.isNaN(bf)) {   // streams that run B
                goals.add(goal(stream, "CPU per 1000 grabbed frames <= 0.5 x B", String.format(Locale.ROOT,
                        "%.2f s vs B %.2f s = %.2f x", cf, bf, cf / bf), cf <= 0.5 * bf));
            }
            double heap = c.getOrDefault("heap_bytes_per_frame", Double.NaN);
            goals.add(goal(stream, "<= 64 B Java heap per grabbed frame (grab thread)",
                    String.format(Locale.ROOT, "%.1f B", heap), heap <= 64));
            double rss = c.getOrDefault("rss_growth_percent", Double.NaN);
            goals.add(goal(stream, "RSS growth < 5 %", String.format(Locale.ROOT, "%.1f %% over %d s: %+.1f MB, of "
                    + "which Java heap committed %+.1f MB, JVM non-heap (metaspace, code cache) %+.1f MB, other "
                    + "anonymous (native) %+.1f MB, file-backed %+.1f MB",
                    rss, grabSeconds + consumerSeconds, c.getOrDefault("rss_growth_mb", Double.NaN),
                    c.getOrDefault("rss_growth_heap_committed_mb", Double.NaN),
                    c.getOrDefault("rss_growth_non_heap_committed_mb", Double.NaN),
                    c.getOrDefault("rss_growth_other_anonymous_mb", Double.NaN),
                    c.getOrDefault("rss_growth_file_mb", Double.NaN)), Math.abs(rss) < 5));
            double convert = c.getOrDefault("i420_to_bgr_ms", Double.NaN);
            double latency = c.getOrDefault("snapshot_latency_p99_ms", Double.NaN);
            goals.add(goal(stream, String.format(Locale.ROOT, "snapshot latency p99 <= 40 ms + one conversion (%.1f ms)",
                    convert), String.format(Locale.ROOT, "%.1f ms (p50 %.1f ms)", latency,
                    c.getOrDefault("snapshot_latency_p50_ms", Double.NaN)), latency <= 40 + convert));
            double corrupt = c.getOrDefault("corrupt_snapshots", Double.NaN);
            goals.add(goal(stream, "zero corrupt snapshots", String.format(Locale.ROOT, "%.0f of %.0f", corrupt,
                    c.getOrDefault("snapshots", Double.NaN)), corrupt == 0));
        }
        return goals;
    }

    /**
     * Where decoding cannot keep up: staleness stays bounded without smeared frames, which is what
     * dropping whole GOPs is for.
     */
    private void overloadGoals(String stream, Map<String, Double> c, List<String[]> goals) {
        double growth = c.getOrDefault("staleness_growth_ms_per_min", Double.NaN);
        goals.add(goal(stream, "decode cannot keep up: staleness bounded (|growth| <= 40 ms per minute)",
                String.format(Locale.ROOT, "%.1f ms/min over %d s; p50 / p99 %.0f / %.0f ms; grabbed %.1f fps",
                        growth, consumerSeconds, c.getOrDefault("staleness_p50_ms", Double.NaN),
                        c.getOrDefault("staleness_p99_ms", Double.NaN),
                        c.getOrDefault("consumer_fps_grabbed", Double.NaN)), Math.abs(growth) <= 40));
        double corrupt = c.getOrDefault("corrupt_snapshots", Double.NaN);
        goals.add(goal(stream, "decode cannot keep up: zero corrupt snapshots", String.format(Locale.ROOT,
                "%.0f of %.0f", corrupt, c.getOrDefault("snapshots", Double.NaN)), corrupt == 0));
    }

    private static String[] goal(String stream, String goal, String measured, boolean met) {
        return new String[] {stream, goal, measured, met ? "yes" : "no"};
    }

    private void charts(Path out) throws IOException {
        XYChart stale = new XYChartBuilder().width(1000).height(560).title("Staleness of the frame in hand")
                .xAxisTitle("seconds into the slow-consumer phase").yAxisTitle("ms behind the live source").build();
        stale.getStyler().setYAxisLogarithmic(true);
        XYChart rss = new XYChartBuilder().width(1000).height(560).title("Resident memory per contender process")
                .xAxisTitle("seconds since the process started").yAxisTitle("RSS MB").build();
        CategoryChart cpu = new CategoryChartBuilder().width(1000).height(560).title("CPU, grab-only (cores busy)")
                .xAxisTitle("stream").yAxisTitle("CPU cores").build();
        List<String> streams = streams();
        for (String contender : PerformanceBench.LABELS.keySet()) {
            List<Double> cores = new ArrayList<>();
            boolean any = false;
            for (String stream : streams) {
                ContenderRun run = find(stream, contender);
                any |= run != null;
                cores.add(run == null || run.failure != null ? 0.0 : figures(run).get("cpu_cores"));
            }
            if (any) {
                cpu.addSeries(label(contender), shortStreams(streams), cores).setFillColor(COLORS.get(contender));
            }
        }
        for (ContenderRun run : runs) {
            // One colour per contender, one line style per stream: the legend reads both ways.
            String name = shortStream(run.stream) + " " + label(run.contender);
            BasicStroke line = LINES[streams.indexOf(run.stream) % LINES.length];
            if (run.staleness != null && !run.staleness.points().isEmpty()) {
                double[] x = run.staleness.points().stream().mapToDouble(Staleness.Point::seconds).toArray();
                double[] y = run.staleness.points().stream().mapToDouble(p -> Math.max(1, p.staleMillis())).toArray();
                XYSeries series = stale.addSeries(name, x, y);
                series.setMarker(SeriesMarkers.NONE).setLineColor(COLORS.get(run.contender));
                series.setLineStyle(line);
            }
            if (!run.rss.isEmpty()) {
                double[] x = run.rss.stream().mapToDouble(ContenderRun.RssPoint::seconds).toArray();
                double[] y = run.rss.stream().mapToDouble(ContenderRun.RssPoint::megabytes).toArray();
                XYSeries series = rss.addSeries(name, x, y);
                series.setMarker(SeriesMarkers.NONE).setLineColor(COLORS.get(run.contender));
                series.setLineStyle(line);
            }
        }
        BitmapEncoder.saveBitmap(stale, out.resolve("staleness").toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(rss, out.resolve("rss").toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(cpu, out.resolve("cpu").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The streams, in the order they ran. */
    private List<String> streams() {
        List<String> streams = new ArrayList<>();
        for (ContenderRun run : runs) {
            if (!streams.contains(run.stream)) {
                streams.add(run.stream);
            }
        }
        return streams;
    }

    private ContenderRun find(String stream, String contender) {
        for (ContenderRun run : runs) {
            if (run.stream.equals(stream) && run.contender.equals(contender)) {
                return run;
            }
        }
        return null;
    }

    private static String shortStream(String stream) {
        String size = stream.startsWith("1920") ? "1080p" : "12MP " + (stream.contains("H.265") ? "H.265" : "H.264");
        return stream.contains("one CPU") ? size + " 1 CPU" : size;
    }

    private static List<String> shortStreams(List<String> streams) {
        return streams.stream().map(BenchReport::shortStream).toList();
    }

    static String label(String contender) {
        return PerformanceBench.LABELS.getOrDefault(contender, contender);
    }

    private static String cell(Map<String, Double> f, String key) {
        Double v = f.get(key);
        if (v == null || v.isNaN()) {
            return "–";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String array(double[] v) {
        return String.format(Locale.ROOT, "[%.2f, %.2f, %.2f]", v[0], v[1], v[2]);
    }
}
