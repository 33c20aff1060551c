package io.dualstream.station.mqtt;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The events waiting for the broker, in order, at most {@code capacity} of them. Every event gets the
 * next number ({@code seq}) when it is offered, so a consumer sees a gap where one was lost. When the
 * broker is away long enough to fill it, new events are dropped — counted, and logged (the first one,
 * then a summary at most once a minute) — and the older ones already waiting are kept: snapshots never
 * wait for the broker. The publisher takes the head with {@link #peek} and removes it with
 * {@link #remove} only once the broker has it, so an event in flight when the connection drops is sent
 * again (at least once; {@code seq} tells duplicates).
 */
public final class EventOutbox {
    private static final Logger LOG = LogManager.getLogger(EventOutbox.class);
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** One event: its number, topic and JSON payload. */
    public record Message(long seq, String topic, byte[] payload) {
    }

    private final int capacity;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long nextSeq = 1;
    private long dropped;
    private long droppedSinceLog;
    private long lastDropLog = Long.MIN_VALUE;

    public EventOutbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue size must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Queues an event; never blocks for long (the caller is a writer or stream thread).
     *
     * @param payload makes the JSON for the event's number
     * @return false when the queue was full and the event was dropped (counted and logged)
     */
    public boolean offer(String topic, LongFunction<byte[]> payload) {
        lock.lock();
        try {
            long seq = nextSeq++;
            if (queue.size() >= capacity) {
                dropped++;
                droppedSinceLog++;
                long now = System.nanoTime();
                if (lastDropLog == Long.MIN_VALUE || now - lastDropLog >= DROP_LOG_INTERVAL_NANOS) {
                    LOG.warn("mqtt: event queue full ({} events waiting for the broker): dropped {} event(s) since "
                            + "the last report (event {} on {} the latest), {} in all; older events are kept and sent "
                            + "when the broker is back", capacity, droppedSinceLog, seq, topic, dropped);
                    lastDropLog = now;
                    droppedSinceLog = 0;
                }
                return false;
            }
            queue.addLast(new Message(seq, topic, payload.apply(seq)));
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest waiting event, left in the queue; null when none came within {@code wait}. */
    public Message peek(Duration wait) throws InterruptedException {
        lock.lock();
        try {
            return awaitUntil(() -> !queue.isEmpty(), wait) ? queue.peekFirst() : null;
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code sent} from the head, once the broker has it. */
    public void remove(Message sent) {
        lock.lock();
        try {
            if (queue.peekFirst() == sent) {
                queue.removeFirst();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing is waiting, at most {@code timeout}; true when the queue is empty. */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            return awaitUntil(queue::isEmpty, timeout);
        } finally {
            lock.unlock();
        }
    }

    /** With the lock held: waits for {@code condition} on {@code changed}, at most {@code timeout}. */
    private boolean awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (nanos <= 0) {
                return false;
            }
            nanos = changed.awaitNanos(nanos);
        }
        return true;
    }

    /** Events waiting now. */
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Events dropped because the queue was full, since the start. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }
}
