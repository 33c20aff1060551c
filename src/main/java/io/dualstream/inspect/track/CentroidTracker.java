package io.dualstream.inspect.track;

import io.dualstream.inspect.Box;
import io.dualstream.inspect.Detection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gives detections stable IDs across frames by their centres: each frame, the closest
 * (track, detection) pairs are matched first, greedily, as long as they are within
 * {@code maxDistance} pixels; unmatched detections start new tracks; a track not matched for more than
 * {@code maxMissed} frames ends. IDs count up from 1 and are never reused.
 *
 * <p>Good for objects that move less than their own spacing per frame (a conveyor, a gate), not for
 * crowds. Not thread-safe: one instance per camera.
 */
public final class CentroidTracker {
    private final double maxDistance;
    private final int maxMissed;
    private final List<Track> tracks = new ArrayList<>();
    private long nextId = 1;

    /**
     * @param maxDistance furthest a centre may move between frames and keep its ID, pixels, > 0
     * @param maxMissed   frames a track survives undetected, >= 0
     */
    public CentroidTracker(double maxDistance, int maxMissed) {
        if (!(maxDistance > 0)) {
            throw new IllegalArgumentException("max match distance must be > 0 pixels, got " + maxDistance);
        }
        if (maxMissed < 0) {
            throw new IllegalArgumentException("max missed frames must be >= 0, got " + maxMissed);
        }
        this.maxDistance = maxDistance;
        this.maxMissed = maxMissed;
    }

    /** Feeds one frame's detections; returns every live track (seen now or recently missed). */
    public List<Track> update(List<Detection> detections) {
        record Pair(int track, int detection, double distance) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            Track track = tracks.get(t);
            for (int d = 0; d < detections.size(); d++) {
                Box box = detections.get(d).box();
                double distance = Math.hypot(box.centerX() - track.x(), box.centerY() - track.y());
                if (distance <= maxDistance) {
                    pairs.add(new Pair(t, d, distance));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::distance));
        Track[] updated = new Track[tracks.size()];
        boolean[] detectionUsed = new boolean[detections.size()];
        for (Pair pair : pairs) {
            if (updated[pair.track] != null || detectionUsed[pair.detection]) {
                continue;
            }
            Track old = tracks.get(pair.track);
            updated[pair.track] = new Track(old.id(), detections.get(pair.detection).box(), 0, old.age() + 1);
            detectionUsed[pair.detection] = true;
        }
        List<Track> next = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            if (updated[t] != null) {
                next.add(updated[t]);
            } else {
                Track old = tracks.get(t);
                if (old.missed() < maxMissed) {
                    next.add(new Track(old.id(), old.box(), old.missed() + 1, old.age() + 1));
                }
            }
        }
        for (int d = 0; d < detections.size(); d++) {
            if (!detectionUsed[d]) {
                next.add(new Track(nextId++, detections.get(d).box(), 0, 0));
            }
        }
        tracks.clear();
        tracks.addAll(next);
        return List.copyOf(tracks);
    }
}
