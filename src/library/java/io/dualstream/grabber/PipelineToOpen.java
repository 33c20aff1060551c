package io.dualstream.grabber;

import java.util.Objects;

/**
 * One GStreamer pipeline for OpenCV to open, with what turns its frames into the caller's format.
 *
 * @param pipeline        the pipeline string, ending in an {@code appsink}; may carry credentials
 *                        (rtspsrc's {@code user-pw}), so it is handed to OpenCV only and never logged
 * @param colorConversion the {@code cvtColor} code applied to frames that are handed out (e.g.
 *                        {@code COLOR_YUV2BGR_I420} for an I420 appsink), or -1 when the appsink
 *                        already delivers what the caller wants. Checked against the first frame of
 *                        every connection: a code that does not fit the frames fails the stream
 *                        with a clear reason instead of failing every snapshot
 * @param label           what this variant is, safe for logs (e.g. "RTP over TCP"); may be empty
 */
public record PipelineToOpen(String pipeline, int colorConversion, String label) {
    /**
     * Checks the pipeline and the conversion code where they are set, not at the first open.
     *
     * @param pipeline        the pipeline string, ending in an {@code appsink}; never logged
     * @param colorConversion an OpenCV {@code COLOR_*} code, or -1 when frames need no conversion
     * @param label           what this variant is, safe for logs; may be empty
     * @throws NullPointerException     when {@code pipeline} or {@code label} is null
     * @throws IllegalArgumentException when {@code pipeline} is blank or {@code colorConversion} is
     *                                  not an OpenCV {@code COLOR_*} code
     */
    public PipelineToOpen {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(label, "label");
        if (pipeline.isBlank()) {
            throw new IllegalArgumentException("pipeline must not be blank");
        }
        ColorConversions.check(colorConversion);
    }

    /** Masked: the pipeline may carry a password. */
    @Override
    public String toString() {
        return "PipelineToOpen[" + (label.isEmpty() ? "pipeline" : label) + ", colorConversion=" + colorConversion
                + "]";
    }
}
