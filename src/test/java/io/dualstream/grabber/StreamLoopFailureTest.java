package io.dualstream.grabber;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The failure paths of the stream engine and its two fronts, driven by a scripted FAKE capture
 * ({@link ScriptedCapture}): what a real camera cannot be made to do on cue. The same paths run
 * against the real RTSP server in the recovery tests.
 */
class StreamLoopFailureTest {
    private static final long READ_TIMEOUT_MILLIS = 300;
    private static final PipelineSource BGRA = PipelineSource.of("fake ! appsink", COLOR_BGRA2BGR);

    private static GrabberOptions.Builder options(String name, HealthRecorder health) {
        return GrabberOptions.builder().name(name).readTimeout(Duration.ofMillis(READ_TIMEOUT_MILLIS))
                .openTimeout(Duration.ofSeconds(2)).backoffInitial(Duration.ofMillis(20))
                .backoffMax(Duration.ofMillis(50)).healthListener(health);
    }

    /** Waits until the grab thread has taken {@code frames} frames, so a request made next is due to the one after. */
    private static void awaitGrabbed(MainStreamGrabber grabber, long frames) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (grabber.framesGrabbed() < frames && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(frames, grabber.framesGrabbed());
        Thread.sleep(20);   // and it is back inside grab(), waiting for the next step
    }

    /** A FAKE opener that hands out these connections in order. */
    private static ScriptedCapture.Opener opener(ScriptedCapture... connections) {
        ScriptedCapture.Opener opener = new ScriptedCapture.Opener();
        for (ScriptedCapture connection : connections) {
            opener.offer(connection);
        }
        return opener;
    }

    /** A connection whose grab() waits long enough for every scripted step. */
    private static ScriptedCapture camera() {
        return new ScriptedCapture(READ_TIMEOUT_MILLIS * 10);
    }

    private static int tagOf(Snapshot snapshot) {
        return snapshot.image().ptr(0, 0).get() & 0xff;
    }

    /** Request-loss defect: a frame whose serving throws must fail its requests, and grabbing must go on. */
    @Test
    @Timeout(30)
    void aFrameThatCannotBeServedFailsOnlyItsRequestsAndGrabbingGoesOn() throws Exception {
        ScriptedCapture camera = camera();
        ScriptedCapture.Opener opener = opener(camera);
        HealthRecorder health = new HealthRecorder();
        try (MainStreamGrabber grabber = MainStreamGrabber.open(BGRA, options("serve", health).build(), opener)) {
            camera.frame(10);                               // the connection's first frame: conversion checked
            awaitGrabbed(grabber, 1);
            CompletableFuture<Snapshot> doomed = grabber.requestSnapshot();
            camera.badFrame(20);                            // conversion throws while serving it

            ExecutionException failed = assertThrows(ExecutionException.class, () -> doomed.get(5, TimeUnit.SECONDS),
                    "the request the bad frame was due to must fail, not hang");
            assertTrue(failed.getCause().getMessage().contains("serving frame"), failed.getCause().getMessage());

            awaitGrabbed(grabber, 2);
            CompletableFuture<Snapshot> next = grabber.requestSnapshot();
            camera.frame(30);
            try (Snapshot snapshot = next.get(5, TimeUnit.SECONDS)) {
                assertEquals(30, tagOf(snapshot), "the next frame serves the next request");
                assertEquals(3, snapshot.image().channels(), "converted to BGR");
            }
            assertTrue(grabber.isRunning());
            assertEquals(StreamState.STREAMING, grabber.state());
            assertEquals(1, grabber.frameFailures());
            assertEquals(0, health.count(StreamState.RECONNECTING), "one bad frame is no reason to reconnect");
        }
    }

    @Test
    @Timeout(30)
    void aRetrieveThatGivesNothingKeepsTheRequestForTheNextFrame() throws Exception {
        ScriptedCapture camera = camera();
        ScriptedCapture.Opener opener = opener(camera);
        try (MainStreamGrabber grabber = MainStreamGrabber.open(BGRA, options("retrieve", new HealthRecorder())
                .build(), opener)) {
            camera.frame(1);
            awaitGrabbed(grabber, 1);
            CompletableFuture<Snapshot> request = grabber.requestSnapshot();
            camera.noRetrieve();
            Thread.sleep(100);
            assertFalse(request.isDone(), "nothing to serve it with yet");
            camera.frame(2);
            try (Snapshot snapshot = request.get(5, TimeUnit.SECONDS)) {
                assertEquals(2, tagOf(snapshot));
            }
        }
    }

    @Test
    @Timeout(30)
    void aStallReconnectsAndTheWaitingRequestIsServedByTheNewConnection() throws Exception {
        ScriptedCapture.Opener opener = new ScriptedCapture.Opener();
        ScriptedCapture first = new ScriptedCapture(READ_TIMEOUT_MILLIS);
        ScriptedCapture second = camera();
        opener.offer(first);
        HealthRecorder health = new HealthRecorder();
        try (MainStreamGrabber grabber = MainStreamGrabber.open(BGRA, options("stall", health).build(), opener)) {
            first.frame(1);
            awaitGrabbed(grabber, 1);
            CompletableFuture<Snapshot> waiting = grabber.requestSnapshot();
            // No more frames on the first connection: after the read timeout it counts as stalled.
            assertNotNull(health.await(StreamState.STALLED, 0, Duration.ofSeconds(5)));
            assertNotNull(health.await(StreamState.RECONNECTING, 0, Duration.ofSeconds(5)));
            opener.offer(second);
            second.frame(7);
            try (Snapshot snapshot = waiting.get(5, TimeUnit.SECONDS)) {
                assertEquals(7, tagOf(snapshot));
            }
            assertEquals(1, first.releases(), "the stalled connection is released exactly once");
            assertEquals(1, grabber.health().outages());
            assertEquals(1, grabber.health().reconnects());
            assertTrue(grabber.health().outageTime().toNanos() > 0,
                    grabber.health().toString());
        }
    }

    @Test
    @Timeout(30)
    void theEndOfTheStreamReconnects() throws Exception {
        ScriptedCapture first = camera();
        ScriptedCapture second = camera();
        ScriptedCapture.Opener opener = opener(first, second);
        HealthRecorder health = new HealthRecorder();
        try (MainStreamGrabber grabber = MainStreamGrabber.open(BGRA, options("eos", health).build(), opener)) {
            first.frame(1);
            first.end();
            assertNotNull(health.await(StreamState.RECONNECTING, 0, Duration.ofSeconds(5)));
            CompletableFuture<Snapshot> request = grabber.requestSnapshot();
            second.frame(5);
            try (Snapshot snapshot = request.get(5, TimeUnit.SECONDS)) {
                assertEquals(5, tagOf(snapshot));
            }
            assertEquals(1, first.releases());
        }
        assertTrue(opener.opens() >= 2, "reopened after the end of the stream");
    }

    @Test
    @Timeout(30)
    void aConversionThatDoesNotFitTheFramesFailsTheStreamWithTheReason() throws Exception {
        ScriptedCapture camera = camera();
        ScriptedCapture.Opener opener = opener(camera);
        HealthRecorder health = new HealthRecorder();
        MainStreamGrabber grabber = MainStreamGrabber.open(BGRA, options("mismatch", health).build(), opener);
        try {
            CompletableFuture<Snapshot> request = grabber.requestSnapshot();
            camera.badFrame(1);                        // the first frame of the connection: three channels
            ExecutionException e = assertThrows(ExecutionException.class, () -> request.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("colour conversion"), e.getCause().getMessage());
            assertNotNull(health.await(StreamState.FAILED, 0, Duration.ofSeconds(5)));
            assertFalse(grabber.isRunning());
            assertEquals(1, opener.opens(), "a permanent failure is not retried without permanentFailureRetry");
        } finally {
            grabber.close();
        }
    }

    @Test
    @Timeout(30)
    void aPermanentFailureIsLoggedOnceAndRetriedSlowlyWhenAsked() throws Exception {
        ScriptedCapture.Opener opener = new ScriptedCapture.Opener();
        AtomicReference<Diagnosis> camera = new AtomicReference<>(Diagnosis.permanentFailure("401: wrong password"));
        FailureDiagnoser diagnoser = new FailureDiagnoser() {
            @Override
            public Diagnosis diagnose() {
                return Diagnosis.transientFailure("refused");
            }

            @Override
            public java.util.Optional<Diagnosis> beforeOpen() {
                return java.util.Optional.ofNullable(camera.get());
            }
        };
        HealthRecorder health = new HealthRecorder();
        try (MainStreamGrabber grabber = MainStreamGrabber.start(BGRA, options("slow", health)
                .failureDiagnoser(diagnoser).permanentFailureRetry(Duration.ofMillis(100)).build(), opener)) {
            assertNotNull(health.await(StreamState.FAILED, 0, Duration.ofSeconds(5)));
            Thread.sleep(600);                          // about six slow retries, all refused the same way
            assertEquals(1, health.count(StreamState.FAILED), "logged once, not once per retry");
            assertTrue(grabber.isRunning(), "still trying");
            ScriptedCapture fixed = camera();
            opener.offer(fixed);
            camera.set(null);                            // the operator fixed the password
            assertNotNull(health.await(StreamState.STREAMING, 0, Duration.ofSeconds(5)));
            CompletableFuture<Snapshot> request = grabber.requestSnapshot();
            fixed.frame(9);
            try (Snapshot snapshot = request.get(5, TimeUnit.SECONDS)) {
                assertEquals(9, tagOf(snapshot));
            }
        }
    }

    @Test
    @Timeout(30)
    void theSubStreamReaderHandsOutEveryFrameSurvivesAFailingConsumerAndReconnects() throws Exception {
        ScriptedCapture first = camera();
        ScriptedCapture second = camera();
        ScriptedCapture.Opener opener = opener(first, second);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        AtomicInteger stopped = new AtomicInteger();
        CountDownLatch sixFrames = new CountDownLatch(6);
        HealthRecorder health = new HealthRecorder();
        SubStreamReader.FrameConsumer consumer = new SubStreamReader.FrameConsumer() {
            @Override
            public void onFrame(org.bytedeco.opencv.opencv_core.Mat frame, long number, long arrived, long steady) {
                int tag = frame.ptr(0, 0).get() & 0xff;
                seen.add(tag);
                sixFrames.countDown();   // after recording it: the test reads `seen` once the latch opens
                assertEquals(3, frame.channels());
                if (tag == 3) {
                    throw new IllegalStateException("a detector bug on one frame");
                }
            }

            @Override
            public void onStopped(String reason) {
                stopped.incrementAndGet();
            }
        };
        SubStreamReader reader = SubStreamReader.start(BGRA, options("sub", health).build(), consumer, opener);
        try {
            for (int tag = 1; tag <= 4; tag++) {
                first.frame(tag);
            }
            first.end();
            second.frame(5);
            second.frame(6);
            assertTrue(sixFrames.await(10, TimeUnit.SECONDS), "frames seen: " + seen);
            assertEquals(List.of(1, 2, 3, 4, 5, 6), seen);
            assertEquals(1, reader.consumerFailures());
            assertEquals(1, reader.health().reconnects());
            assertEquals(6, reader.framesRead());
        } finally {
            reader.close();
        }
        assertEquals(1, stopped.get(), "onStopped once, after the last frame");
        reader.close();
        assertEquals(1, stopped.get(), "close twice is harmless");
    }
}
