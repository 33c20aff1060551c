package io.dualstream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How cost grows with the number of cameras ({@code -Dbench.scaling=1,2,4,8}): for each N, N cameras in
 * one process as {@code run} has them ({@link ScalingContender}: 1080p H.264 main grabber + 640x360 sub
 * reader with the motion detector, one main snapshot a second per camera), against looped QR-stamped
 * clips served on 127.0.0.1 (a clip costs the server little CPU, unlike N live encoders on the same two
 * cores). Reports CPU, frame rates, staleness and RSS per N, the largest N that keeps real time, and a
 * chart. Writes {@code scaling.md} and {@code scaling.png}.
 */
final class ScalingBench {
    static final int MAIN_WIDTH = 1920;
    static final int MAIN_HEIGHT = 1080;
    static final int MAIN_KBITS = 6000;
    static final int SUB_WIDTH = 640;
    static final int SUB_HEIGHT = 360;
    static final int SUB_KBITS = 1000;
    /** Real time: every stream of every camera at 24 fps or more of 25, and this staleness p99 or less. */
    static final double REAL_TIME_FPS = 24.0;
    static final double STALENESS_P99_BOUND_MS = 200;

    /** One N's figures. */
    record Row(int cameras, long connectMillis, double cores, double mainFpsMin, double mainFpsMean, double subFpsMin,
               double staleP50, double staleP99, int unreadable, int snapshots, double rssPeakMb, String failure) {
        boolean realTime() {
            return failure == null && mainFpsMin >= REAL_TIME_FPS && subFpsMin >= REAL_TIME_FPS
                    && staleP99 <= STALENESS_P99_BOUND_MS && unreadable == 0;
        }
    }

    private ScalingBench() {
    }

    static void run(Path out, Path fixtures, List<Integer> counts, int seconds, double[] loadBefore)
            throws IOException, InterruptedException {
        int frames = 50;
        Path main = ClipCache.ensure("h264", MAIN_WIDTH, MAIN_HEIGHT, MAIN_KBITS, frames);
        Path sub = ClipCache.ensure("h264", SUB_WIDTH, SUB_HEIGHT, SUB_KBITS, frames);
        long firstCount = ClipCache.firstCountOf(main);
        int most = counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<String> serverArgs = new ArrayList<>();
        for (int k = 1; k <= most; k++) {
            serverArgs.addAll(List.of("--clip-mount", "/cam" + k + "-main=h264:" + main + "@" + ClipCache.FPS,
                    "--clip-mount", "/cam" + k + "-sub=h264:" + sub + "@" + ClipCache.FPS));
        }
        List<Row> rows = new ArrayList<>();
        long began = System.nanoTime();
        try (BenchServer server = BenchServer.start(fixtures, serverArgs, 4 * 3600)) {
            String hostPort = server.url("").substring("rtsp://".length());
            for (int n : counts) {
                System.out.printf("bench: scaling, %d camera(s) ...%n", n);
                rows.add(measure(server, hostPort, n, seconds, frames, firstCount, out));
                Row row = rows.get(rows.size() - 1);
                System.out.printf(Locale.ROOT, "bench: %d camera(s): %.2f cores, main fps min %.1f, sub fps min %.1f, "
                        + "staleness p50/p99 %.0f/%.0f ms, real time %s%n", n, row.cores(), row.mainFpsMin(),
                        row.subFpsMin(), row.staleP50(), row.staleP99(), row.realTime() ? "yes" : "no");
            }
        }
        write(out, rows, seconds, loadBefore, (System.nanoTime() - began) / 60e9);
    }

    private static Row measure(BenchServer server, String hostPort, int n, int seconds, int frames, long firstCount,
                               Path out) throws IOException, InterruptedException {
        Path results = out.resolve("raw-scaling-" + n + ".txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), ScalingContender.class.getName(),
                String.valueOf(seconds), results.toString(), hostPort, String.valueOf(n));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve("log-scaling-" + n + ".txt").toFile()).start();
        ContenderRun run = new ContenderRun("scaling", String.valueOf(n));
        PerformanceBench.sampleRss(process, run, seconds + 120);
        double rssPeak = run.rss.stream().mapToDouble(ContenderRun.RssPoint::megabytes).max().orElse(Double.NaN);
        if (process.exitValue() != 0 || !Files.isRegularFile(results)) {
            return new Row(n, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, rssPeak,
                    "exited " + process.exitValue() + ", see log-scaling-" + n + ".txt");
        }
        Map<String, String> values = new HashMap<>();
        Map<Integer, List<ContenderRun.Sample>> samples = new HashMap<>();
        String failure = null;
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f[0].equals("S")) {
                samples.computeIfAbsent(Integer.parseInt(f[1]), k -> new ArrayList<>()).add(new ContenderRun.Sample(
                        Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), -1));
            } else if (f[0].startsWith("failure_")) {
                failure = line;
            } else if (f.length == 2) {
                values.put(f[0], f[1]);
            }
        }
        double wallSeconds = Long.parseLong(values.get("wall_ns")) / 1e9;
        double mainMin = Double.MAX_VALUE;
        double mainSum = 0;
        double subMin = Double.MAX_VALUE;
        List<Double> stale = new ArrayList<>();
        int unreadable = 0;
        int snapshots = 0;
        for (int k = 1; k <= n; k++) {
            double mainFps = Long.parseLong(values.get("main_frames_" + k)) / wallSeconds;
            mainMin = Math.min(mainMin, mainFps);
            mainSum += mainFps;
            subMin = Math.min(subMin, Long.parseLong(values.get("sub_frames_" + k)) / wallSeconds);
            List<ContenderRun.Sample> mine = samples.getOrDefault(k, List.of());
            snapshots += mine.size();
            BenchServer.Anchor anchor = server.anchor("/cam" + k + "-main", System.nanoTime());
            if (anchor == null) {
                failure = "no ANCHOR for /cam" + k + "-main";
                continue;
            }
            Staleness.Result result = Staleness.clip(mine, anchor.fields().get("start_ns"),
                    anchor.fields().get("frames").intValue(), firstCount, ClipCache.FPS);
            unreadable += result.corrupt();
            result.points().forEach(p -> stale.add(p.staleMillis()));
        }
        double cores = Long.parseLong(values.get("cpu_ns")) / 1e9 / wallSeconds;
        return new Row(n, Long.parseLong(values.getOrDefault("connect_ms", "-1")), cores, mainMin, mainSum / n,
                subMin, Staleness.percentile(stale, 50), Staleness.percentile(stale, 99), unreadable, snapshots, rssPeak,
                failure);
    }

    private static void write(Path out, List<Row> rows, int seconds, double[] loadBefore, double minutes)
            throws IOException {
        StringBuilder md = new StringBuilder("# Cameras per process: scaling\n\n");
        md.append(String.format(Locale.ROOT, "Per camera: %dx%d H.264 main (%d kbit/s, grabbed continuously, one "
                        + "snapshot a second), %dx%d H.264 sub (%d kbit/s, every frame through the motion detector), both "
                        + "25 fps, software decode, one process; %d s measured per N after 3 s of warm-up. Load average "
                        + "before %.2f. Whole run %.1f min. Real time: every stream at >= %.0f fps and staleness p99 <= "
                        + "%.0f ms, every snapshot's stamp readable.%n%n", MAIN_WIDTH, MAIN_HEIGHT, MAIN_KBITS,
                SUB_WIDTH, SUB_HEIGHT, SUB_KBITS, seconds, loadBefore[0], minutes, REAL_TIME_FPS,
                STALENESS_P99_BOUND_MS));
        md.append("| cameras | all streaming after ms | CPU cores | CPU cores per camera | main fps min / mean | sub fps min | staleness p50 / p99 ms "
                + "| unreadable / snapshots | RSS peak MB | real time |\n|---|---|---|---|---|---|---|---|---|---|\n");
        int largest = 0;
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT,
                    "| %d | %d | %.2f | %.3f | %.1f / %.1f | %.1f | %.0f / %.0f | %d / %d | %.0f | %s |%n",
                    r.cameras(), r.connectMillis(), r.cores(), r.cores() / r.cameras(), r.mainFpsMin(),
                    r.mainFpsMean(), r.subFpsMin(), r.staleP50(), r.staleP99(), r.unreadable(), r.snapshots(), r.rssPeakMb(),
                    r.failure() != null ? "failed: " + r.failure() : r.realTime() ? "yes" : "no"));
            if (r.realTime()) {
                largest = Math.max(largest, r.cameras());
            }
        }
        md.append(String.format(Locale.ROOT, "%nLargest number of cameras kept in real time here: %d.%n%n"
                + "![scaling](scaling.png)%n", largest));
        Files.writeString(out.resolve("scaling.md"), md.toString(), StandardCharsets.UTF_8);

        XYChart chart = new XYChartBuilder().width(1000).height(560).title("Cost and staleness against cameras")
                .xAxisTitle("cameras (1080p main + 360p sub each) in one process").yAxisTitle("CPU cores busy").build();
        double[] x = rows.stream().mapToDouble(Row::cameras).toArray();
        XYSeries cores = chart.addSeries("CPU cores (left)", x, rows.stream().mapToDouble(Row::cores).toArray());
        cores.setMarker(SeriesMarkers.CIRCLE);
        XYSeries p99 = chart.addSeries("staleness p99 ms (right)", x, rows.stream().mapToDouble(Row::staleP99).toArray());
        p99.setYAxisGroup(1);
        p99.setMarker(SeriesMarkers.DIAMOND);
        XYSeries p50 = chart.addSeries("staleness p50 ms (right)", x, rows.stream().mapToDouble(Row::staleP50).toArray());
        p50.setYAxisGroup(1);
        p50.setMarker(SeriesMarkers.SQUARE);
        chart.setYAxisGroupTitle(1, "staleness ms");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        BitmapEncoder.saveBitmap(chart, out.resolve("scaling").toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("bench: wrote " + out.resolve("scaling.md"));
    }

    static List<Integer> parseCounts(String text) {
        List<Integer> counts = new ArrayList<>();
        for (String part : text.split(",")) {
            int n = Integer.parseInt(part.trim());
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("bench.scaling: camera counts 1..64, got " + n);
            }
            counts.add(n);
        }
        return counts;
    }
}
