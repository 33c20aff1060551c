package io.dualstream.grabber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.GStreamerSupport;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10 000 snapshot requests from 8 threads, in a random but repeatable order (fixed seed), against a
 * real GStreamer source that ends every 1.5 s (so the grabber reconnects again and again) while a
 * ninth thread closes the grabber and opens a new one at random moments. Every request must end —
 * with a frame grabbed after it, a timeout, or "closed" — and none may hang or get an old frame.
 */
class MainStreamGrabberConcurrencyStressTest {
    private static final long SEED = 20261123L;
    private static final int ITERATIONS = 10_000;
    private static final int THREADS = 8;
    /** 150 frames at 100 fps: the stream ends every 1.5 s and the grabber reopens it. */
    private static final String SOURCE = "videotestsrc is-live=true num-buffers=150 pattern=ball "
            + "! video/x-raw,width=160,height=120,framerate=100/1 ! videoconvert ! video/x-raw,format=BGR "
            + "! appsink drop=true max-buffers=1 sync=false";

    @Test
    @Timeout(240)
    void manyThreadsAcrossReconnectsAndClosesEachGetTheirOwnNewerFrame() throws Exception {
        GStreamerSupport.ensureAvailable();
        AtomicInteger generation = new AtomicInteger();
        AtomicReference<MainStreamGrabber> current = new AtomicReference<>(open(generation.incrementAndGet()));
        AtomicInteger next = new AtomicInteger();
        AtomicLong served = new AtomicLong();
        AtomicLong timedOut = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        AtomicLong cancelled = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1, r -> {
            Thread t = new Thread(r, "stress-caller");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                Random random = new Random(SEED + w);
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < ITERATIONS) {
                        MainStreamGrabber grabber = current.get();
                        int action = random.nextInt(100);
                        try {
                            if (action < 85) {
                                try (Snapshot s = grabber.takeSnapshot(Duration.ofSeconds(5))) {
                                    check(s, wrong);
                                    served.incrementAndGet();
                                }
                            } else {
                                CompletableFuture<Snapshot> f = grabber.requestSnapshot();
                                if (random.nextBoolean() && f.cancel(false)) {
                                    cancelled.incrementAndGet();   // the grabber frees the frame itself
                                } else {
                                    try (Snapshot s = f.get(5, TimeUnit.SECONDS)) {
                                        check(s, wrong);
                                        served.incrementAndGet();
                                    } catch (CancellationException e) {
                                        cancelled.incrementAndGet();
                                    } catch (ExecutionException e) {
                                        if (!(e.getCause() instanceof IllegalStateException)) {
                                            throw e;
                                        }
                                        closed.incrementAndGet();
                                    } catch (TimeoutException e) {
                                        f.cancel(false);
                                        timedOut.incrementAndGet();
                                    }
                                }
                            }
                        } catch (TimeoutException e) {
                            timedOut.incrementAndGet();
                        } catch (IllegalStateException e) {
                            closed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Random closerRandom = new Random(SEED);
            Future<?> closer = pool.submit(() -> {
                while (next.get() < ITERATIONS) {
                    Thread.sleep(800 + closerRandom.nextInt(2500));
                    MainStreamGrabber old = current.getAndSet(open(generation.incrementAndGet()));
                    old.close();
                }
                return null;
            });
            for (Future<?> worker : workers) {
                worker.get(200, TimeUnit.SECONDS);
            }
            closer.get(30, TimeUnit.SECONDS);
        } finally {
            current.get().close();
            pool.shutdownNow();
        }
        long total = served.get() + timedOut.get() + closed.get() + cancelled.get();
        System.out.printf("concurrency stress: %d requests from %d threads in %d ms: %d served, %d closed under them, "
                + "%d cancelled, %d timed out; %d grabbers opened%n", total, THREADS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), served.get(), closed.get(),
                cancelled.get(), timedOut.get(), generation.get());
        assertEquals(ITERATIONS, total, "every request must end one way or another");
        assertEquals(0, wrong.get(), "a snapshot older than its request, or empty");
        assertTrue(served.get() >= ITERATIONS * 8 / 10, "served only " + served.get());
        assertTrue(timedOut.get() <= ITERATIONS / 200, "timed out " + timedOut.get());
        assertEquals(0, liveGrabThreads(), "grab threads left running");
    }

    private static MainStreamGrabber open(int generation) throws Exception {
        return MainStreamGrabber.openPipeline(SOURCE, GrabberOptions.builder().name("cstress-" + generation)
                .readTimeout(Duration.ofSeconds(3)).backoffInitial(Duration.ofMillis(10))
                .backoffMax(Duration.ofMillis(100)).build());
    }

    private static void check(Snapshot s, AtomicLong wrong) {
        if (!s.reachedGrabberAfterRequest() || s.image().empty() || s.image().cols() != 160) {
            wrong.incrementAndGet();
        }
    }

    private static long liveGrabThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("dualstream-grab-cstress-") && t.isAlive()).count();
            if (alive > 0) {
                Thread.sleep(50);
            }
        } while (alive > 0 && System.nanoTime() < deadline);
        return alive;
    }
}
