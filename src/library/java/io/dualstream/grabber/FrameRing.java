package io.dualstream.grabber;

import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.time.Instant;
import java.util.OptionalInt;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The last K frames of a stream, kept in the decoder's format (NV12/I420 as OpenCV returns them: one
 * channel, height × 1.5 rows) with their arrival times, so that a snapshot can be the frame that
 * arrived closest to a moment that is already past.
 *
 * <p>Owned by the grab thread alone: it writes a slot ({@link #nextSlot()}, then {@link #commit}) and
 * copies frames out ({@link #copyOut}); nobody else ever sees a slot's {@code Mat}, so a slot is never
 * overwritten while someone reads it. The K slots are allocated once and reused (retrieve and
 * {@code copyTo} keep a {@code Mat}'s memory when the size stays the same).
 */
final class FrameRing implements AutoCloseable {
    private final Mat[] slots;
    private final long[] arrivedNanos;
    private final long[] steadyNanos;
    private final long[] frameNumbers;
    private final Instant[] arrivedAt;
    private int size;
    private int next;

    FrameRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("ring capacity must be >= 1 frame, got " + capacity);
        }
        slots = new Mat[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new Mat();
        }
        arrivedNanos = new long[capacity];
        steadyNanos = new long[capacity];
        frameNumbers = new long[capacity];
        arrivedAt = new Instant[capacity];
    }

    /** The slot the next frame goes into (the oldest one once the ring is full). Fill it, then {@link #commit}. */
    Mat nextSlot() {
        return slots[next];
    }

    /** Makes the frame just written into {@link #nextSlot()} part of the ring; its steady time is its arrival. */
    void commit(long frameNumber, long arrivedNanos, Instant arrivedAt) {
        commit(frameNumber, arrivedNanos, arrivedNanos, arrivedAt);
    }

    /**
     * Makes the frame just written into {@link #nextSlot()} part of the ring.
     *
     * @param steadyNanos its arrival time without jitter ({@link StreamClock}): what {@link #nearest} compares
     */
    void commit(long frameNumber, long arrivedNanos, long steadyNanos, Instant arrivedAt) {
        this.arrivedNanos[next] = arrivedNanos;
        this.steadyNanos[next] = steadyNanos;
        this.frameNumbers[next] = frameNumber;
        this.arrivedAt[next] = arrivedAt;
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
    }

    /** Forgets the kept frames (their memory stays, for reuse). */
    void clear() {
        size = 0;
        next = 0;
    }

    int size() {
        return size;
    }

    /** Steady time of the newest frame; only meaningful when {@link #size()} > 0. */
    long newestArrivalNanos() {
        return steadyNanos[(next - 1 + slots.length) % slots.length];
    }

    /** The slot whose frame's steady time is closest to {@code targetNanos}, or empty when the ring is empty. */
    OptionalInt nearest(long targetNanos) {
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            long distance = Math.abs(steadyNanos[i] - targetNanos);
            if (distance < bestDistance) {
                best = i;
                bestDistance = distance;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    long frameNumber(int slot) {
        return frameNumbers[slot];
    }

    long arrivedNanos(int slot) {
        return arrivedNanos[slot];
    }

    Instant arrivedAt(int slot) {
        return arrivedAt[slot];
    }

    /** A new {@code Mat} with the slot's frame, converted with {@code cvtColorCode} (negative: plain copy). */
    Mat copyOut(int slot, int cvtColorCode) {
        Mat copy = new Mat();
        if (cvtColorCode >= 0) {
            cvtColor(slots[slot], copy, cvtColorCode);
        } else {
            slots[slot].copyTo(copy);
        }
        return copy;
    }

    /** Native address of a slot's pixels, to prove slots are reused. */
    long slotAddress(int slot) {
        return slots[slot].data() == null ? 0 : slots[slot].data().address();
    }

    @Override
    public void close() {
        for (Mat slot : slots) {
            slot.close();
        }
    }
}
