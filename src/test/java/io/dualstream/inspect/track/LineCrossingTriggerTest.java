package io.dualstream.inspect.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.inspect.Box;
import io.dualstream.inspect.CrossingDirection;
import io.dualstream.inspect.RelativePoint;
import io.dualstream.inspect.TriggerLine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineCrossingTriggerTest {
    private static final int W = 640;
    private static final int H = 360;

    /** Feeds one object's centre x positions (y = 100) and returns how many crossings fired. */
    private static int fire(TriggerLine line, double... xs) {
        LineCrossingTrigger trigger = new LineCrossingTrigger(line);
        int fired = 0;
        for (double x : xs) {
            Track track = new Track(7, new Box((int) x - 10, 90, 20, 20), 0, 1);
            fired += trigger.update(List.of(track), W, H).size();
        }
        return fired;
    }

    @Test
    void oneCrossingFiresOnceInItsDirectionOnly() {
        TriggerLine rightwards = TriggerLine.vertical(0.5, CrossingDirection.LEFT_TO_RIGHT);
        assertEquals(1, fire(rightwards, 100, 200, 300, 340, 400, 500));
        assertEquals(0, fire(rightwards, 500, 400, 300, 200));
        assertEquals(1, fire(TriggerLine.vertical(0.5, CrossingDirection.RIGHT_TO_LEFT), 500, 400, 300, 200));
        assertEquals(1, fire(TriggerLine.vertical(0.5, CrossingDirection.ANY), 500, 400, 300, 200));
    }

    @Test
    void jitterOnTheLineAndTurningBackFireOnlyOnce() {
        TriggerLine any = TriggerLine.vertical(0.5, CrossingDirection.ANY);
        assertEquals(1, fire(any, 300, 330, 310, 330, 310, 330, 200, 400));
        // touching the line exactly (x = 320) and going back is no crossing
        assertEquals(0, fire(any, 300, 320, 300));
    }

    @Test
    void aMoveThatMissesTheSegmentDoesNotFire() {
        // a short line in the top half only; the object passes below its end
        TriggerLine shortLine = new TriggerLine(new RelativePoint(0.5, 0), new RelativePoint(0.5, 0.2),
                CrossingDirection.ANY);
        assertEquals(0, fire(shortLine, 200, 400));
        assertTrue(LineCrossingTrigger.crosses(0, 50, 100, 50, 50, 0, 50, 100));
        assertFalse(LineCrossingTrigger.crosses(0, 150, 100, 150, 50, 0, 50, 100));
    }

    @Test
    void horizontalLineAndDiagonalMoves() {
        TriggerLine down = new TriggerLine(new RelativePoint(0, 0.5), new RelativePoint(1, 0.5),
                CrossingDirection.TOP_TO_BOTTOM);
        LineCrossingTrigger trigger = new LineCrossingTrigger(down);
        int fired = 0;
        for (int step = 0; step < 10; step++) {
            Track track = new Track(1, new Box(50 + step * 30, 100 + step * 20, 10, 10), 0, step);
            fired += trigger.update(List.of(track), W, H).size();
        }
        assertEquals(1, fired);
    }

    @Test
    void twoObjectsFireSeparatelyAndAMissedFrameDoesNotLoseTheCrossing() {
        LineCrossingTrigger trigger = new LineCrossingTrigger(TriggerLine.vertical(0.5, CrossingDirection.ANY));
        List<Crossing> all = new ArrayList<>();
        all.addAll(trigger.update(List.of(new Track(1, new Box(290, 50, 20, 20), 0, 0),
                new Track(2, new Box(350, 200, 20, 20), 0, 0)), W, H));
        // object 1 not detected in this frame, object 2 crosses leftwards
        all.addAll(trigger.update(List.of(new Track(1, new Box(290, 50, 20, 20), 1, 1),
                new Track(2, new Box(290, 200, 20, 20), 0, 1)), W, H));
        // object 1 seen again, beyond the line
        all.addAll(trigger.update(List.of(new Track(1, new Box(340, 50, 20, 20), 0, 2),
                new Track(2, new Box(250, 200, 20, 20), 0, 2)), W, H));
        assertEquals(List.of(2L, 1L), all.stream().map(Crossing::trackId).toList());
    }
}
