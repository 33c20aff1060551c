package io.dualstream.inspect.track;

import io.dualstream.inspect.TriggerLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fires when a tracked object's centre crosses the trigger line in the configured direction, at most
 * once per object (tracker ID): an object that stops on the line and jitters across it, or turns
 * back, does not fire again. A crossing counts when the centre's move between the two frames it
 * was seen in passes through the line segment (not merely its extension).
 *
 * <p>Works in the sub-stream frame's pixels; the line is given relative (0..1) and scaled to the
 * frame size on each call. Not thread-safe: one instance per camera.
 */
public final class LineCrossingTrigger {
    private record Seen(double x, double y) {
    }

    private final TriggerLine line;
    private final Map<Long, Seen> lastSeen = new HashMap<>();
    private final Set<Long> fired = new HashSet<>();

    public LineCrossingTrigger(TriggerLine line) {
        this.line = line;
    }

    /**
     * Feeds the tracker's output for one frame.
     *
     * @return the crossings in this frame, usually none
     */
    public List<Crossing> update(List<Track> tracks, int frameWidth, int frameHeight) {
        double ax = line.from().x() * frameWidth;
        double ay = line.from().y() * frameHeight;
        double bx = line.to().x() * frameWidth;
        double by = line.to().y() * frameHeight;
        List<Crossing> crossings = new ArrayList<>();
        Set<Long> alive = new HashSet<>();
        for (Track track : tracks) {
            alive.add(track.id());
            if (track.missed() > 0) {
                continue;   // keep the last position it was really seen at
            }
            if (side(track.x(), track.y(), ax, ay, bx, by) == 0) {
                continue;   // on the line: judged by where it goes next, from where it came
            }
            Seen before = lastSeen.put(track.id(), new Seen(track.x(), track.y()));
            if (before == null || fired.contains(track.id())) {
                continue;
            }
            double dx = track.x() - before.x;
            double dy = track.y() - before.y;
            if (crosses(before.x, before.y, track.x(), track.y(), ax, ay, bx, by)
                    && line.direction().accepts(dx, dy)) {
                fired.add(track.id());
                crossings.add(new Crossing(track.id(), track.box(), dx, dy));
            }
        }
        lastSeen.keySet().retainAll(alive);
        fired.retainAll(alive);
        return crossings;
    }

    /**
     * True when the move P→Q passes through segment A–B: P strictly on one side and Q strictly on the
     * other, and the intersection within A–B. (Positions exactly on the line are never recorded, so
     * touching the line and going back is no crossing.)
     */
    static boolean crosses(double px, double py, double qx, double qy, double ax, double ay, double bx, double by) {
        double sideP = side(px, py, ax, ay, bx, by);
        double sideQ = side(qx, qy, ax, ay, bx, by);
        if (sideP == 0 || sideQ == 0 || sideP == sideQ) {
            return false;
        }
        // Where along A–B does the move cross? t in [0, 1] means within the segment.
        double rx = qx - px;
        double ry = qy - py;
        double sx = bx - ax;
        double sy = by - ay;
        double denominator = rx * sy - ry * sx;
        if (denominator == 0) {
            return false;
        }
        double t = ((ax - px) * ry - (ay - py) * rx) / denominator;
        return t >= 0 && t <= 1;
    }

    private static double side(double x, double y, double ax, double ay, double bx, double by) {
        return Math.signum((bx - ax) * (y - ay) - (by - ay) * (x - ax));
    }
}
