package io.dualstream.inspect;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds objects in sub-stream frames. Implement it to plug in your own model (an AI detector, a
 * colour filter...); the runtime feeds it every sub-stream frame of one camera, in order, from one
 * thread, so an implementation needs no locking and may keep state between frames.
 *
 * <p>The frame is BGR, 8 bits per channel, and belongs to the runtime: read it during
 * {@link #detect}, do not keep it or close it (clone what you need to keep). The runtime tracks the
 * returned boxes over time (stable IDs) and fires the trigger; a detector only says where objects are.
 */
public interface Detector extends AutoCloseable {
    /**
     * @param bgr         the sub-stream frame, BGR
     * @param frameNanos  {@link System#nanoTime()} when the frame arrived
     * @return the objects in this frame, in its pixel coordinates; empty when none
     */
    List<Detection> detect(Mat bgr, long frameNanos);

    /** Frees what the detector holds (native buffers, a model). Called once, by the runtime, after the last frame. */
    @Override
    default void close() {
    }
}
