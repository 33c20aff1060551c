package io.dualstream.grabber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2), 0.5);

    @Test
    void doublesUpToTheCapAndJitterOnlyShortens() {
        assertEquals(250, backoff.delay(1, 0).toMillis());
        assertEquals(500, backoff.delay(2, 0).toMillis());
        assertEquals(1000, backoff.delay(3, 0).toMillis());
        assertEquals(2000, backoff.delay(4, 0).toMillis());
        assertEquals(2000, backoff.delay(1000, 0).toMillis());
        assertEquals(1000, backoff.delay(1000, 0.999999).toMillis(), 1);
        assertEquals(125, backoff.delay(1, 0.999999).toMillis(), 1);
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5));
        assertThrows(IllegalArgumentException.class,
                () -> GrabberOptions.builder().backoffInitial(Duration.ofSeconds(5)).build());
    }
}
