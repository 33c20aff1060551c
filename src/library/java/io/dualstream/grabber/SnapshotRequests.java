package io.dualstream.grabber;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The snapshot requests waiting for a frame, in order. Callers register from any thread; the
 * stream's thread takes the ones a frame is due to. Every request ends exactly one way: completed
 * with a snapshot, failed with a reason ({@link #fail}, {@link #failAll}), or cancelled by its caller.
 */
final class SnapshotRequests {
    private final String streamName;
    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<Request> next = new ArrayDeque<>();
    private final ArrayDeque<Request> nearest = new ArrayDeque<>();
    private long nextTicket;
    private String stoppedReason;

    SnapshotRequests(String streamName) {
        this.streamName = streamName;
    }

    /** A request for a frame that reaches the grabber after now. */
    Request register() {
        synchronized (lock) {
            requireRunning();
            Request request = new Request(nextTicket++, System.nanoTime(), Long.MIN_VALUE);
            next.addLast(request);
            return request;
        }
    }

    /** A request for the kept frame nearest {@code targetNanos}. */
    Request registerNearest(long targetNanos) {
        synchronized (lock) {
            requireRunning();
            Request request = new Request(-1, System.nanoTime(), targetNanos);
            nearest.addLast(request);
            return request;
        }
    }

    /** The ticket the next request will get: requests below it were made before this moment. */
    long barrier() {
        synchronized (lock) {
            return nextTicket;
        }
    }

    /** Removes and returns the requests registered before {@code barrier}; an empty list allocates nothing. */
    List<Request> takeDue(long barrier) {
        synchronized (lock) {
            if (next.isEmpty() || next.peekFirst().ticket >= barrier) {
                return List.of();
            }
            List<Request> due = new ArrayList<>();
            while (!next.isEmpty() && next.peekFirst().ticket < barrier) {
                due.add(next.pollFirst());
            }
            return due;
        }
    }

    /** Gives requests back for the next frame, ahead of the newer ones (their own timeouts bound the wait). */
    void putBack(List<Request> due) {
        synchronized (lock) {
            if (stoppedReason == null) {
                for (int i = due.size() - 1; i >= 0; i--) {
                    next.addFirst(due.get(i));
                }
                return;
            }
        }
        fail(due, stoppedReason);
    }

    /** Removes and returns the nearest-frame requests whose target is at or before {@code steadyNanos}. */
    List<Request> takeNearestDue(long steadyNanos) {
        synchronized (lock) {
            if (nearest.isEmpty()) {
                return List.of();
            }
            List<Request> due = new ArrayList<>();
            nearest.removeIf(request -> request.targetNanos <= steadyNanos && due.add(request));
            return due;
        }
    }

    /** The caller gave up on it. */
    void abandon(Request request) {
        synchronized (lock) {
            next.remove(request);
            nearest.remove(request);
        }
        request.result.cancel(false);
    }

    /** Fails these requests (taken off the queues already) with the reason. */
    void fail(List<Request> requests, String reason) {
        for (Request request : requests) {
            request.result.completeExceptionally(new IllegalStateException(
                    "no snapshot from stream '" + streamName + "': " + reason));
        }
    }

    /** No more requests are taken; every waiting one fails with the reason. The first reason stays. */
    void failAll(String reason) {
        List<Request> failed;
        String why;
        synchronized (lock) {
            if (stoppedReason == null) {
                stoppedReason = reason;
            }
            why = stoppedReason;
            failed = new ArrayList<>(next);
            failed.addAll(nearest);
            next.clear();
            nearest.clear();
        }
        fail(failed, why);
    }

    /** Why no more requests are taken, or null while they are. */
    String stoppedReason() {
        synchronized (lock) {
            return stoppedReason;
        }
    }

    private void requireRunning() {
        if (stoppedReason != null) {
            throw new IllegalStateException("no snapshot from stream '" + streamName + "': " + stoppedReason);
        }
    }

    /** One caller waiting for a frame; its ticket orders it against the stream thread's barrier. */
    static final class Request {
        final long ticket;
        final long requestedNanos;
        /** For nearest-frame requests: the moment the frame should be closest to. */
        final long targetNanos;
        final CompletableFuture<Snapshot> result = new CompletableFuture<>();

        Request(long ticket, long requestedNanos, long targetNanos) {
            this.ticket = ticket;
            this.requestedNanos = requestedNanos;
            this.targetNanos = targetNanos;
        }
    }
}
