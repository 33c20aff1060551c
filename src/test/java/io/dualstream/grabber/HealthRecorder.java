package io.dualstream.grabber;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real listener that keeps every health event with the nanoTime it arrived, for assertions. */
final class HealthRecorder implements HealthListener {
    record Seen(HealthEvent event, long nanos) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onTransition(HealthEvent event) {
        seen.add(new Seen(event, System.nanoTime()));
    }

    List<Seen> all() {
        return List.copyOf(seen);
    }

    /** Waits for the first event with this state that arrived after {@code afterNanos}; null if none in time. */
    Seen await(StreamState state, long afterNanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Seen s : seen) {
                if (s.event().state() == state && s.nanos() >= afterNanos) {
                    return s;
                }
            }
            Thread.sleep(10);
        }
        return null;
    }

    long count(StreamState state) {
        return seen.stream().filter(s -> s.event().state() == state).count();
    }
}
