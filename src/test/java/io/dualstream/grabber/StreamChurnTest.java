package io.dualstream.grabber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.rtsp.RtspDiagnoser;
import io.dualstream.internal.rtsp.RtspProbe;
import io.dualstream.testing.RtspTestServer;
import io.dualstream.testing.TestPipelines;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Churn: the camera (the real RTSP server) is killed and restarted every 10 s for 2 minutes while
 * a caller takes a snapshot every 500 ms. Snapshots must resume within 5 s of every restart, and
 * thread counts and resident memory must stay flat. The same test is the 30-minute soak:
 * {@code mvn -B verify -Psoak} sets {@code dualstream.churn.seconds=1800}.
 */
class StreamChurnTest {
    private static final long SECONDS = Long.getLong("dualstream.churn.seconds", 120);
    private static final long RESTART_EVERY_MILLIS = 10_000;
    /** The bound; the soak profile relaxes it, as it measures leaks on a shared machine, not latency. */
    private static final long RESUME_BOUND_MILLIS = Long.getLong("dualstream.churn.resumeBoundMillis", 5000);
    /** Native threads may come and go with GStreamer's pools; a leak grows by several per restart. */
    private static final int NATIVE_THREAD_TOLERANCE = 12;
    private static final int JVM_THREAD_TOLERANCE = 3;
    private static final long RSS_TOLERANCE_KIB = 96 * 1024;

    record Sample(int cycle, int jvmThreads, int nativeThreads, long rssKiB, long resumedMillis) {
    }

    @Test
    @Timeout(value = 3600, unit = TimeUnit.SECONDS)
    void restartsEveryTenSecondsLeakNothing() throws Exception {
        GStreamerSupport.ensureAvailable();
        System.out.println("churn: cycle, JVM threads, native threads, RSS KiB, resumed ms");
        List<Sample> samples = new ArrayList<>();
        Sample baseline = null;
        Sample last;
        int cycle = 0;
        HealthRecorder health = new HealthRecorder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        try (RtspTestServer server = RtspTestServer.start("/cam=h264:320x240@10");
             MainStreamGrabber grabber = MainStreamGrabber.openPipeline(TestPipelines.rtspBgr(server.url("/cam"), "h264"),
                     GrabberOptions.builder().name("churn").openTimeout(Duration.ofSeconds(4))
                             .failureDiagnoser(new RtspDiagnoser(RtspUrl.parse(server.url("/cam")), Codec.H264,
                                     new RtspProbe(Duration.ofSeconds(2))))
                             .readTimeout(Duration.ofSeconds(2)).backoffInitial(Duration.ofMillis(200))
                             .backoffMax(Duration.ofSeconds(1)).healthListener(health).build())) {
            grabber.takeSnapshot(Duration.ofSeconds(5)).close();
            while (System.nanoTime() < end) {
                cycle++;
                long cycleStart = System.nanoTime();
                server.kill();
                Thread.sleep(1000);
                server.restart();
                long back = System.nanoTime();
                long resumed = -1;
                long snapshots = 0;
                while (System.nanoTime() - cycleStart < TimeUnit.MILLISECONDS.toNanos(RESTART_EVERY_MILLIS)) {
                    try (Snapshot s = grabber.takeSnapshot(Duration.ofSeconds(1))) {
                        snapshots++;
                        if (resumed < 0) {
                            resumed = TimeUnit.NANOSECONDS.toMillis(s.grabbedNanos() - back);
                        }
                    } catch (TimeoutException e) {
                        // still reconnecting; the bound below decides
                    }
                    Thread.sleep(500);
                }
                assertTrue(resumed >= 0 && resumed <= RESUME_BOUND_MILLIS, "cycle " + cycle + ": snapshots resumed after "
                        + resumed + " ms; events " + health.all().subList(Math.max(0, health.all().size() - 6),
                        health.all().size()));
                assertTrue(snapshots >= 2, "cycle " + cycle + ": only " + snapshots + " snapshots");
                samples.add(sample(cycle, resumed));
                Sample now = samples.get(samples.size() - 1);
                // Printed as it goes, so a long soak that fails late still leaves its figures.
                System.out.printf("churn: %d, %d, %d, %d, %d%n", now.cycle(), now.jvmThreads(), now.nativeThreads(),
                        now.rssKiB(), now.resumedMillis());
                if (cycle == 2) {
                    // Baseline once the pools are warm and no abandoned open is still in flight.
                    awaitOpenHelpersGone();
                    baseline = sample(cycle, resumed);
                }
            }
            assertEquals(StreamState.STREAMING, grabber.state());
            awaitOpenHelpersGone();
            last = sample(cycle, -1);
        }
        Sample base = baseline != null ? baseline : samples.get(0);
        long maxResumed = samples.stream().mapToLong(Sample::resumedMillis).max().orElse(-1);
        System.out.printf("churn summary: %d restarts in %d s; resumed within %d ms at most; after cycle 2 and at "
                + "the end (abandoned opens finished): JVM threads %d -> %d, native threads %d -> %d, RSS %d -> %d MiB%n", samples.size(), SECONDS, maxResumed,
                base.jvmThreads(), last.jvmThreads(), base.nativeThreads(), last.nativeThreads(),
                base.rssKiB() / 1024, last.rssKiB() / 1024);
        assertTrue(last.jvmThreads() <= base.jvmThreads() + JVM_THREAD_TOLERANCE, "JVM threads grew");
        assertTrue(last.nativeThreads() <= base.nativeThreads() + NATIVE_THREAD_TOLERANCE, "native threads grew");
        assertTrue(last.rssKiB() <= base.rssKiB() + RSS_TOLERANCE_KIB, "RSS grew");
    }

    private static Sample sample(int cycle, long resumed) throws IOException {
        return new Sample(cycle, ManagementFactory.getThreadMXBean().getThreadCount(), (int) procStatus("Threads:"),
                procStatus("VmRSS:"), resumed);
    }

    /**
     * An open abandoned after the open timeout finishes on its helper thread within OpenCV's own
     * 30 s: wait for those before counting threads, so only what stays is compared.
     */
    private static void awaitOpenHelpersGone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("dualstream-open-") && t.isAlive())) {
            Thread.sleep(200);
        }
    }

    /** A value in kB or a count from /proc/self/status (Linux). */
    static long procStatus(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(key + " not in /proc/self/status");
    }
}
