package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class LineCrossingTriggerTest {
    @Test
    void firesOncePerCrossingInEitherDirection() {
        LineCrossingTrigger trigger = new LineCrossingTrigger(0.5, LineCrossingTrigger.Direction.ANY);
        long fired = DoubleStream.of(0.1, 0.3, 0.49, 0.51, 0.6, 0.7, 0.6, 0.45, 0.2)
                .filter(trigger::update).count();
        assertEquals(2, fired);
    }

    @Test
    void directionFiltersCrossings() {
        LineCrossingTrigger rightwards = new LineCrossingTrigger(0.5, LineCrossingTrigger.Direction.LEFT_TO_RIGHT);
        assertFalse(rightwards.update(0.4));
        assertTrue(rightwards.update(0.6));
        assertFalse(rightwards.update(0.4), "a right-to-left crossing must not fire a left-to-right trigger");
        LineCrossingTrigger leftwards = new LineCrossingTrigger(0.5, LineCrossingTrigger.Direction.RIGHT_TO_LEFT);
        assertFalse(leftwards.update(0.4));
        assertFalse(leftwards.update(0.6));
        assertTrue(leftwards.update(0.4));
    }

    @Test
    void resetForgetsThePreviousPosition() {
        LineCrossingTrigger trigger = new LineCrossingTrigger(0.5, LineCrossingTrigger.Direction.ANY);
        trigger.update(0.4);
        trigger.reset();
        assertFalse(trigger.update(0.6), "an object that re-appears on the other side has not crossed");
    }

    @Test
    void lineMustLieInsideTheFrame() {
        assertThrows(IllegalArgumentException.class, () -> new LineCrossingTrigger(0, LineCrossingTrigger.Direction.ANY));
        assertThrows(IllegalArgumentException.class, () -> new LineCrossingTrigger(1, LineCrossingTrigger.Direction.ANY));
        assertThrows(IllegalArgumentException.class,
                () -> new LineCrossingTrigger(Double.NaN, LineCrossingTrigger.Direction.ANY));
    }
}
