package io.dualstream.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.station.mqtt.EventOutbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The outbox keeps events in order, numbers every event, and counts what did not fit. */
class EventOutboxTest {
    private static byte[] payload(long seq) {
        return ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventsLeaveInOrderAndOnlyWhenRemoved() throws Exception {
        EventOutbox outbox = new EventOutbox(10);
        outbox.offer("a", EventOutboxTest::payload);
        outbox.offer("b", EventOutboxTest::payload);
        EventOutbox.Message first = outbox.peek(Duration.ZERO);
        assertEquals(1, first.seq());
        assertEquals("a", first.topic());
        assertSame(first, outbox.peek(Duration.ZERO), "peek leaves it there: not acknowledged yet");
        outbox.remove(first);
        EventOutbox.Message second = outbox.peek(Duration.ZERO);
        assertEquals(2, second.seq());
        assertEquals("{\"seq\":2}", new String(second.payload(), StandardCharsets.UTF_8));
        outbox.remove(first);   // a stale remove does not take the next one
        assertEquals(1, outbox.size());
        outbox.remove(second);
        assertNull(outbox.peek(Duration.ofMillis(20)));
        assertTrue(outbox.awaitEmpty(Duration.ZERO));
    }

    @Test
    void whatDoesNotFitIsCountedAndLeavesAGapInTheNumbers() throws Exception {
        EventOutbox outbox = new EventOutbox(3);
        for (int i = 0; i < 5; i++) {
            boolean kept = outbox.offer("t", EventOutboxTest::payload);
            assertEquals(i < 3, kept, "event " + (i + 1));
        }
        assertEquals(2, outbox.dropped());
        assertEquals(3, outbox.size());
        for (long seq = 1; seq <= 3; seq++) {
            EventOutbox.Message m = outbox.peek(Duration.ZERO);
            assertEquals(seq, m.seq(), "the oldest are kept, in order");
            outbox.remove(m);
        }
        assertTrue(outbox.offer("t", EventOutboxTest::payload));
        assertEquals(6, outbox.peek(Duration.ZERO).seq(), "4 and 5 were dropped: the consumer sees the gap");
        assertFalse(outbox.awaitEmpty(Duration.ofMillis(10)));
    }

    @Test
    void aWaitingPublisherWakesWhenAnEventArrives() throws Exception {
        EventOutbox outbox = new EventOutbox(3);
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            outbox.offer("late", EventOutboxTest::payload);
        });
        producer.start();
        long start = System.nanoTime();
        EventOutbox.Message m = outbox.peek(Duration.ofSeconds(5));
        long waited = (System.nanoTime() - start) / 1_000_000;
        producer.join();
        assertEquals("late", m.topic());
        assertTrue(waited < 4000, "woke after " + waited + " ms");
    }
}
