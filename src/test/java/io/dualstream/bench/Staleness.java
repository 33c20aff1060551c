package io.dualstream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns QR stamps into staleness: how long ago the live source made the frame now in the consumer's
 * hands. Both clocks are CLOCK_MONOTONIC (GStreamer's system clock, Python's monotonic_ns, Java's
 * nanoTime on Linux), so no clock sync is needed.
 */
final class Staleness {
    /**
     * One frame in hand: seconds since the first sample; its staleness in ms; and the part of it after the
     * source had encoded the frame (the client's share: network, decode, grab, conversion), NaN where the
     * source's encode time is unknown. For the pre-encoded clip both are the same.
     */
    record Point(double seconds, double staleMillis, double afterEncodeMillis) {
    }

    /** Points plus the count of corrupt frames (unreadable stamp or a count that went backwards). */
    record Result(List<Point> points, int corrupt, int samples) {
    }

    private Staleness() {
    }

    /**
     * Live mount: the frame stamped TIMESTAMP=t was captured at base + t and reached the server's
     * payloader {@code encodeLatencies.get(t)} ns later.
     */
    static Result live(List<ContenderRun.Sample> samples, long baseNanos, Map<Long, Long> encodeLatencies) {
        List<Point> points = new ArrayList<>();
        int corrupt = 0;
        long lastCount = -1;
        long first = samples.isEmpty() ? 0 : samples.get(0).inHandNanos();
        for (ContenderRun.Sample s : samples) {
            if (s.count() < 0 || s.timestampNanos() < 0 || s.count() < lastCount) {
                corrupt++;
                continue;
            }
            lastCount = s.count();
            double stale = (s.inHandNanos() - baseNanos - s.timestampNanos()) / 1e6;
            Long encode = encodeLatencies.get(s.timestampNanos());
            points.add(new Point((s.inHandNanos() - first) / 1e9, stale, encode == null ? Double.NaN : stale - encode / 1e6));
        }
        return new Result(points, corrupt, samples.size());
    }

    /**
     * Looped clip: loop frame n (counted from the media's start) was due at start + n / fps and shows
     * clip frame n % frames. The stamp gives n modulo the loop; the whole n is the one that keeps the
     * staleness closest to the previous sample's (samples come every 120 ms, staleness cannot jump by
     * half a loop between two), starting from the smallest non-negative one.
     */
    static Result clip(List<ContenderRun.Sample> samples, long startNanos, int frames, long firstCount, int fps) {
        List<Point> points = new ArrayList<>();
        int corrupt = 0;
        double frameNanos = 1e9 / fps;
        long previousN = Long.MIN_VALUE;
        long previousStale = Long.MIN_VALUE;
        long first = samples.isEmpty() ? 0 : samples.get(0).inHandNanos();
        for (ContenderRun.Sample s : samples) {
            if (s.count() < 0) {
                corrupt++;
                continue;
            }
            long index = Math.floorMod(s.count() - firstCount, frames);
            long live = (long) Math.floor((s.inHandNanos() - startNanos) / frameNanos);
            long behind = Math.floorMod(live - index, frames);   // smallest non-negative candidate
            if (previousStale != Long.MIN_VALUE) {
                long loops = Math.round((double) (previousStale - behind) / frames);
                behind += Math.max(0, loops) * frames;
            }
            long n = live - behind;
            if (previousN != Long.MIN_VALUE && n < previousN) {
                corrupt++;
                continue;
            }
            previousN = n;
            previousStale = behind;
            double stale = (s.inHandNanos() - startNanos - n * frameNanos) / 1e6;
            points.add(new Point((s.inHandNanos() - first) / 1e9, stale, stale));
        }
        return new Result(points, corrupt, samples.size());
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Least-squares slope of y over x, per minute of x seconds. */
    static double slopePerMinute(List<double[]> xy) {
        int n = xy.size();
        if (n < 3) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        for (double[] p : xy) {
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / n;
        double my = sy / n;
        double num = 0;
        double den = 0;
        for (double[] p : xy) {
            num += (p[0] - mx) * (p[1] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        return den == 0 ? Double.NaN : num / den * 60;
    }
}
