package io.dualstream.inspect.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dualstream.inspect.Box;
import io.dualstream.inspect.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

class CentroidTrackerTest {
    private static Detection at(int x, int y) {
        return new Detection(new Box(x - 5, y - 5, 10, 10), 1, "test");
    }

    @Test
    void idsStayWithTheirObjectsWhileTheyMove() {
        CentroidTracker tracker = new CentroidTracker(30, 2);
        List<Track> first = tracker.update(List.of(at(100, 100), at(300, 100)));
        assertEquals(List.of(1L, 2L), first.stream().map(Track::id).toList());
        for (int step = 1; step <= 10; step++) {
            // given in the other order: matching is by distance, not by position in the list
            List<Track> tracks = tracker.update(List.of(at(300 - step * 10, 100 + step), at(100 + step * 10, 100)));
            Track left = tracks.stream().filter(t -> t.id() == 1).findFirst().orElseThrow();
            assertEquals(100 + step * 10, left.x(), 0.01);
            assertEquals(2, tracks.size());
        }
    }

    @Test
    void aTrackSurvivesMissedFramesThenEndsAndIdsAreNotReused() {
        CentroidTracker tracker = new CentroidTracker(30, 2);
        tracker.update(List.of(at(100, 100)));
        assertEquals(1, tracker.update(List.of()).get(0).missed());
        assertEquals(2, tracker.update(List.of()).get(0).missed());
        assertEquals(List.of(), tracker.update(List.of()));
        assertEquals(2L, tracker.update(List.of(at(100, 100))).get(0).id());
    }

    @Test
    void aJumpBeyondTheDistanceIsANewObject() {
        CentroidTracker tracker = new CentroidTracker(30, 0);
        tracker.update(List.of(at(100, 100)));
        assertEquals(2L, tracker.update(List.of(at(200, 100))).get(0).id());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CentroidTracker(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new CentroidTracker(10, -1));
    }
}
