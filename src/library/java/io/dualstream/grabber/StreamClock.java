package io.dualstream.grabber;

/**
 * Turns a stream's frame arrival times, which jitter with CPU load (a stalled consumer receives
 * several frames in a burst), into steady estimates of when each frame was due, using the
 * presentation timestamps GStreamer gives every buffer ({@code CAP_PROP_POS_MSEC} after a grab: in a
 * live RTSP pipeline, the camera's RTP timestamps mapped to the pipeline clock by rtspsrc's jitter
 * buffer).
 *
 * <p>The PTS and {@link System#nanoTime()} differ by an offset that is constant per pipeline except
 * for delay: {@code arrival = pts + offset + delay}, delay ≥ 0. The smallest {@code arrival − pts}
 * seen recently is the offset plus the least delay, so {@code pts + that minimum} is the frame's
 * arrival time without the jitter. The minimum is taken over the last one to two windows of
 * {@value #WINDOW} frames, so slow clock drift is followed. Frames without a usable PTS (0, negative,
 * NaN, or going backwards, e.g. after a restart) reset the estimate and keep their own arrival time.
 *
 * <p>Not thread-safe: one instance per stream, used by the thread that reads it.
 */
final class StreamClock {
    static final int WINDOW = 250;

    private long previousMin = Long.MAX_VALUE;
    private long currentMin = Long.MAX_VALUE;
    private int inWindow;
    private double lastPtsMillis = Double.NaN;

    /**
     * @param arrivalNanos {@link System#nanoTime()} when the frame arrived
     * @param ptsMillis    the frame's presentation timestamp in ms ({@code CAP_PROP_POS_MSEC})
     * @return the frame's arrival time without jitter, in {@link System#nanoTime()} terms
     */
    public long steadyArrival(long arrivalNanos, double ptsMillis) {
        if (!(ptsMillis > 0) || ptsMillis < lastPtsMillis) {
            reset();
            lastPtsMillis = ptsMillis > 0 ? ptsMillis : Double.NaN;
            return arrivalNanos;
        }
        lastPtsMillis = ptsMillis;
        long pts = Math.round(ptsMillis * 1e6);
        long offset = arrivalNanos - pts;
        currentMin = Math.min(currentMin, offset);
        if (++inWindow >= WINDOW) {
            previousMin = currentMin;
            currentMin = Long.MAX_VALUE;
            inWindow = 0;
        }
        return pts + Math.min(previousMin, currentMin);
    }

    private void reset() {
        previousMin = Long.MAX_VALUE;
        currentMin = Long.MAX_VALUE;
        inWindow = 0;
    }
}
