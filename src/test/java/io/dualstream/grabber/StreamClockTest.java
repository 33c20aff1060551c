package io.dualstream.grabber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamClockTest {
    private static final long MS = 1_000_000L;

    @Test
    void removesTheJitterOfLateArrivals() {
        StreamClock clock = new StreamClock();
        Random random = new Random(1);
        long offset = 5_000 * MS;   // nanoTime and the pipeline clock differ by a constant
        long worstBefore = 0;
        long worstAfter = 0;
        for (int frame = 1; frame <= 400; frame++) {
            double pts = frame * 40.0;
            long due = offset + Math.round(pts * MS);
            // mostly 0-2 ms late; every 20th frame stalls up to 150 ms, as a loaded 2-core machine does
            long late = frame % 20 == 0 ? random.nextInt(150) * MS : random.nextInt(3) * MS;
            long steady = clock.steadyArrival(due + late, pts);
            worstBefore = Math.max(worstBefore, late);
            if (frame > 5) {
                worstAfter = Math.max(worstAfter, Math.abs(steady - due));
            }
        }
        assertTrue(worstBefore > 100 * MS, "the test has stalls");
        assertTrue(worstAfter <= 2 * MS, "steady time within 2 ms of due, worst " + worstAfter / 1e6 + " ms");
    }

    @Test
    void withoutAUsablePtsTheArrivalStandsAndARestartResets() {
        StreamClock clock = new StreamClock();
        assertEquals(123, clock.steadyArrival(123, 0));
        assertEquals(456, clock.steadyArrival(456, Double.NaN));
        clock.steadyArrival(1_000 * MS, 100);
        assertEquals(1_040 * MS, clock.steadyArrival(1_060 * MS, 140));   // 20 ms late: back to due
        assertEquals(2_000 * MS, clock.steadyArrival(2_000 * MS, 10));   // PTS went backwards: reset
    }
}
