package io.dualstream.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Java heap's and the JVM's non-heap pools' committed sizes every second, so that a contender's RSS growth can be split into what
 * the JVM took for its heap and what native code (GStreamer, FFmpeg, OpenCV, glibc's arenas) kept.
 * Seconds are the JVM's uptime, close to the harness's "seconds since the process started".
 */
final class HeapSampler {
    private final List<double[]> points = new ArrayList<>();

    private HeapSampler() {
    }

    static HeapSampler start() {
        HeapSampler sampler = new HeapSampler();
        Thread thread = new Thread(() -> {
            while (true) {
                double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
                double committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1048576.0;
                // metaspace, code cache (JIT), compressed class space: the JVM's own native pools
                double nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted() / 1048576.0;
                synchronized (sampler.points) {
                    sampler.points.add(new double[] {seconds, committed, nonHeap});
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
        return sampler;
    }

    /** {@code M <seconds> <heap committed MB> <non-heap committed MB>} lines. */
    void write(PrintWriter w) {
        synchronized (points) {
            for (double[] p : points) {
                w.println(String.format(Locale.ROOT, "M %.1f %.1f %.1f", p[0], p[1], p[2]));
            }
        }
    }
}
