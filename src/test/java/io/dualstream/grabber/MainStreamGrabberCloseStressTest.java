package io.dualstream.grabber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.testing.RtspTestServer;
import io.dualstream.testing.TestPipelines;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * close() while the grab thread is inside grab() and while callers wait for snapshots, 200 times
 * against a real RTSP server. A use-after-free here kills the JVM (the fork dies and surefire reports
 * it), so reaching the end is the assertion; the counters check that every cycle really grabbed and
 * that no grab thread outlives its grabber.
 */
class MainStreamGrabberCloseStressTest {
    private static final int CYCLES = 200;

    @Test
    @Timeout(600)
    void closeDuringActiveGrabbingNeverCrashes() throws Exception {
        GStreamerSupport.ensureAvailable();
        Random random = new Random(20261123L);
        int cyclesThatHadGrabbed = 0;
        AtomicInteger served = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try (RtspTestServer server = RtspTestServer.start("/h264=h264:320x240@25")) {
            String pipeline = TestPipelines.rtspBgr(server.url("/h264"), "h264");
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                MainStreamGrabber grabber = MainStreamGrabber.openPipeline(pipeline,
                        GrabberOptions.builder().name("stress-" + cycle).readTimeout(Duration.ofSeconds(3)).build());
                AtomicReference<Throwable> unexpected = new AtomicReference<>();
                Thread caller = new Thread(() -> {
                    while (true) {
                        try (Snapshot snapshot = grabber.takeSnapshot(Duration.ofSeconds(5))) {
                            snapshot.image().ptr(snapshot.image().rows() - 1).get();   // touch the last row
                            served.incrementAndGet();
                        } catch (IllegalStateException e) {
                            refused.incrementAndGet();   // closed: the expected way out
                            return;
                        } catch (TimeoutException | InterruptedException | RuntimeException e) {
                            unexpected.set(e);
                            return;
                        }
                    }
                }, "stress-caller-" + cycle);
                caller.start();
                // Close at a random point: right away (grab thread in its first grab), or mid-stream.
                Thread.sleep(random.nextInt(4) == 0 ? 0 : random.nextInt(120));
                if (grabber.framesGrabbed() > 0) {
                    cyclesThatHadGrabbed++;
                }
                grabber.close();
                caller.join(10_000);
                assertFalse(caller.isAlive(), "a snapshot caller was left waiting after close() in cycle " + cycle);
                if (unexpected.get() != null) {
                    fail("cycle " + cycle + ": caller got " + unexpected.get());
                }
                assertFalse(grabber.isRunning());
            }
        }
        assertEquals(0, liveGrabThreads(Duration.ofSeconds(10)), "grab threads outlived their grabbers");
        assertEquals(CYCLES, refused.get(), "every caller must be released by close()");
        assertTrue(cyclesThatHadGrabbed > CYCLES / 4, "too few cycles closed mid-stream: " + cyclesThatHadGrabbed);
        assertTrue(served.get() > 0, "no snapshot was served during the stress run");
        System.out.printf("close stress: %d cycles, %d closed mid-stream, %d snapshots served%n", CYCLES,
                cyclesThatHadGrabbed, served.get());
    }

    @Test
    @Timeout(60)
    void endOfStreamStopsTheGrabberAndSaysWhy() throws Exception {
        GStreamerSupport.ensureAvailable();
        try (MainStreamGrabber grabber = MainStreamGrabber.openPipeline(TestPipelines.localH264(320, 240, 25, 10),
                GrabberOptions.builder().name("short").readTimeout(Duration.ofSeconds(2)).reconnect(false).build())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (grabber.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(grabber.isRunning(), "grabber must stop when the stream ends");
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> grabber.takeSnapshot(Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("stream ended"), e.getMessage());
            assertTrue(grabber.framesGrabbed() >= 1 && grabber.framesGrabbed() <= 10, "grabbed "
                    + grabber.framesGrabbed());
        }
    }

    private static long liveGrabThreads(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("dualstream-grab-stress-") && t.isAlive()).count();
            if (alive > 0) {
                Thread.sleep(50);
            }
        } while (alive > 0 && System.nanoTime() < deadline);
        return alive;
    }
}
