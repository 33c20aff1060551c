package io.dualstream.grabber;

/**
 * Which pipeline each open attempt of a stream uses. Most streams have one pipeline
 * ({@link #of(String, int)}); an application may alternate between variants, e.g. RTP over TCP
 * first and over UDP when the camera refuses TCP or sends no media over it. Called on the stream's
 * own thread only, one attempt at a time, after {@link FailureDiagnoser#beforeOpen()} found nothing
 * against trying: no locking needed.
 */
public interface PipelineSource {
    /**
     * The pipeline the next open attempt uses.
     *
     * @return the pipeline to open now, never null; an immutable value, which the stream uses for
     *     this attempt (and its frames' conversion) and does not change
     */
    PipelineToOpen next();

    /** The pipeline last returned by {@link #next()} opened. */
    default void opened() {
    }

    /**
     * The pipeline last returned by {@link #next()} did not open.
     *
     * @param timedOut true when OpenCV did not finish the open within the open timeout (e.g. the
     *                 RTSP handshake worked but no media arrived), false when it said no
     */
    default void failed(boolean timedOut) {
    }

    /**
     * Always the same pipeline.
     *
     * @param pipeline        a GStreamer pipeline ending in an {@code appsink}; may carry credentials,
     *                        it is never logged
     * @param colorConversion the {@code cvtColor} code for its frames, or -1 for none (see
     *                        {@link PipelineToOpen#colorConversion()})
     * @return a new source, the caller's to hand to a grabber or reader; it keeps no state, so
     *     several streams may share it
     * @throws IllegalArgumentException when {@code pipeline} is blank or {@code colorConversion} is
     *                                  not an OpenCV {@code COLOR_*} code
     */
    static PipelineSource of(String pipeline, int colorConversion) {
        PipelineToOpen only = new PipelineToOpen(pipeline, colorConversion, "");
        return () -> only;
    }
}
