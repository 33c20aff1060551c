package io.dualstream.grabber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.testing.RtspTestServer;
import io.dualstream.testing.TestPipelines;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The grabber's pre-trigger ring against a real RTSP server: right frame, own copies, close under load. */
class PreTriggerRingRtspTest {
    private static RtspTestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        GStreamerSupport.ensureAvailable();
        server = RtspTestServer.start("/h264=h264:320x240@25");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static MainStreamGrabber open(String name, int frames) throws Exception {
        return MainStreamGrabber.openPipeline(TestPipelines.rtspBgr(server.url("/h264"), "h264"),
                GrabberOptions.builder().name(name).readTimeout(Duration.ofSeconds(3)).preTriggerFrames(frames).build());
    }

    @Test
    @Timeout(60)
    void servesTheKeptFrameThatArrivedClosestToThePast() throws Exception {
        try (MainStreamGrabber grabber = open("ring", 10)) {
            while (grabber.framesGrabbed() < 15) {
                Thread.sleep(20);
            }
            long target = System.nanoTime() - Duration.ofMillis(150).toNanos();   // about 4 frames ago
            long grabbedBefore = grabber.framesGrabbed();
            try (Snapshot snapshot = grabber.requestSnapshotNearest(target).get(5, TimeUnit.SECONDS)) {
                assertEquals(320, snapshot.image().cols());
                assertEquals(240, snapshot.image().rows());
                assertEquals(3, snapshot.image().channels());
                long offMillis = Math.abs(snapshot.grabbedNanos() - target) / 1_000_000;
                assertTrue(offMillis <= 40, "the chosen frame arrived " + offMillis + " ms from the target (25 fps)");
                assertTrue(snapshot.frameNumber() < grabbedBefore, "a kept frame from before the request, got frame "
                        + snapshot.frameNumber() + " of " + grabbedBefore);
                System.out.printf("ring: frame %d of %d, %d ms from the target%n", snapshot.frameNumber(),
                        grabbedBefore, offMillis);
            }
        }
        try (MainStreamGrabber withoutRing = open("no-ring", 0)) {
            assertThrows(IllegalStateException.class, () -> withoutRing.requestSnapshotNearest(System.nanoTime()));
        }
    }

    /** Like the close stress test, with the ring retrieving every frame: a use-after-free would kill the JVM. */
    @Test
    @Timeout(300)
    void closeWhileRingRequestsArePendingNeverCrashes() throws Exception {
        Random random = new Random(6L);
        AtomicInteger served = new AtomicInteger();
        for (int cycle = 0; cycle < 60; cycle++) {
            MainStreamGrabber grabber = open("ring-stress-" + cycle, 3);
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                while (true) {
                    CompletableFuture<Snapshot> pending;
                    try {
                        pending = grabber.requestSnapshotNearest(System.nanoTime() - 30_000_000L);
                    } catch (IllegalStateException e) {
                        return;   // closed
                    }
                    try (Snapshot snapshot = pending.get(5, TimeUnit.SECONDS)) {
                        snapshot.image().ptr(snapshot.image().rows() - 1).get();
                        served.incrementAndGet();
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof IllegalStateException)) {
                            unexpected.set(e.getCause());
                        }
                        return;
                    } catch (Exception e) {
                        unexpected.set(e);
                        return;
                    }
                }
            }, "ring-caller-" + cycle);
            caller.start();
            Thread.sleep(random.nextInt(4) == 0 ? 0 : random.nextInt(150));
            grabber.close();
            caller.join(10_000);
            assertFalse(caller.isAlive(), "caller left waiting after close() in cycle " + cycle);
            if (unexpected.get() != null) {
                fail("cycle " + cycle + ": " + unexpected.get());
            }
        }
        assertTrue(served.get() > 0, "no ring snapshot was served");
        System.out.printf("ring close stress: 60 cycles, %d snapshots served%n", served.get());
    }
}
