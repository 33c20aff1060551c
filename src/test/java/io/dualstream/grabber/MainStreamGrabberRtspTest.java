package io.dualstream.grabber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.testing.RtspTestServer;
import io.dualstream.testing.TestPipelines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MainStreamGrabber against a real RTSP server on 127.0.0.1, through real GStreamer pipelines. */
@Timeout(120)
class MainStreamGrabberRtspTest {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static RtspTestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        GStreamerSupport.ensureAvailable();
        server = RtspTestServer.start("/h264=h264:" + WIDTH + "x" + HEIGHT + "@25",
                "/h265=h265:" + WIDTH + "x" + HEIGHT + "@25");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static MainStreamGrabber open(String codec) throws Exception {
        return MainStreamGrabber.openPipeline(TestPipelines.rtspBgr(server.url("/" + codec), codec),
                GrabberOptions.builder().name("test-" + codec).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264", "h265"})
    void snapshotHasTheStreamsFrameSize(String codec) throws Exception {
        try (MainStreamGrabber grabber = open(codec);
             Snapshot snapshot = grabber.takeSnapshot(Duration.ofSeconds(10))) {
            assertEquals(WIDTH, grabber.width());
            assertEquals(HEIGHT, grabber.height());
            assertEquals(WIDTH, snapshot.image().cols());
            assertEquals(HEIGHT, snapshot.image().rows());
            assertEquals(3, snapshot.image().channels());
        }
    }

    @Test
    void oneMatIsReusedAcrossRetrievesAndEverySnapshotIsItsOwnCopy() throws Exception {
        Set<Long> bufferAddresses = new HashSet<>();
        Set<Long> snapshotAddresses = new HashSet<>();
        List<Snapshot> kept = new ArrayList<>();
        try (MainStreamGrabber grabber = open("h264")) {
            for (int i = 0; i < 10; i++) {
                Snapshot snapshot = grabber.takeSnapshot(Duration.ofSeconds(10));
                kept.add(snapshot);   // keep all open, so no address can be recycled by malloc
                bufferAddresses.add(grabber.retrieveBufferAddress());
                snapshotAddresses.add(snapshot.image().data().address());
            }
            assertEquals(10, grabber.retrievals());
        } finally {
            kept.forEach(Snapshot::close);
        }
        assertEquals(1, bufferAddresses.size(), "retrieve() must reuse one Mat: " + bufferAddresses);
        assertEquals(10, snapshotAddresses.size(), "each snapshot must be a separate copy");
        assertFalse(snapshotAddresses.contains(bufferAddresses.iterator().next()),
                "a snapshot must never be the reusable retrieve buffer itself");
    }

    @Test
    void snapshotIsAlwaysAFrameGrabbedAfterTheRequest() throws Exception {
        try (MainStreamGrabber grabber = open("h265")) {
            long previousFrame = 0;
            for (int i = 0; i < 25; i++) {
                long before = System.nanoTime();
                try (Snapshot snapshot = grabber.takeSnapshot(Duration.ofSeconds(10))) {
                    assertTrue(snapshot.requestedNanos() >= before);
                    assertTrue(snapshot.reachedGrabberAfterRequest(), "grab began "
                            + (snapshot.requestedNanos() - snapshot.grabStartedNanos()) + " ns before the request and "
                            + "returned " + (snapshot.grabbedNanos() - snapshot.requestedNanos()) + " ns after it");
                    assertTrue(snapshot.frameNumber() > previousFrame, "frame numbers must increase");
                    previousFrame = snapshot.frameNumber();
                }
            }
        }
    }

    @Test
    void concurrentRequestsEachGetTheirOwnNewerFrame() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (MainStreamGrabber grabber = open("h264")) {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(callers.submit(() -> {
                    try (Snapshot snapshot = grabber.takeSnapshot(Duration.ofSeconds(10))) {
                        assertTrue(snapshot.reachedGrabberAfterRequest());
                        assertEquals(WIDTH, snapshot.image().cols());
                        return snapshot.image().data().address();
                    }
                }));
            }
            for (Future<Long> result : results) {
                assertNotEquals(0L, result.get());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void closeIsIdempotentAndLaterRequestsFailWithTheReason() throws Exception {
        MainStreamGrabber grabber = open("h264");
        grabber.takeSnapshot(Duration.ofSeconds(10)).close();
        grabber.close();
        grabber.close();
        assertFalse(grabber.isRunning());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> grabber.takeSnapshot(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
