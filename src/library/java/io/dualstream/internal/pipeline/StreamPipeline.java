package io.dualstream.internal.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * A rendered pipeline for one stream: the string for OpenCV, a masked copy for logs, and what went
 * into it.
 *
 * <p>{@link #pipeline()} carries the camera password (in rtspsrc's {@code user-pw}); hand it to
 * {@code new VideoCapture(pipeline, CAP_GSTREAMER)} and nowhere else. Log {@link #maskedPipeline()}
 * or this object's {@link #toString()}, which is the same. Immutable; made by
 * {@link PipelineRenderer}.
 *
 * <p>Two places outside this project print the pipeline string as given, password included:
 * OpenCV's GStreamer backend logs it at INFO ({@code "OpenCV | GStreamer: <pipeline>"}, shown
 * with {@code OPENCV_LOG_LEVEL=INFO} or more verbose), and GStreamer's own debug log does when
 * {@code GST_DEBUG} enables the {@code GST_PIPELINE} category at INFO. Keep both quieter than
 * that in production, or use a camera account whose password may appear in local logs.
 */
public final class StreamPipeline {

    private final StreamSpec spec;
    private final Decoder decoder;
    private final String pipeline;
    private final String maskedPipeline;
    private final List<String> requiredElements;

    StreamPipeline(StreamSpec spec, Decoder decoder, String pipeline, String maskedPipeline,
            List<String> requiredElements) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.maskedPipeline = Objects.requireNonNull(maskedPipeline, "maskedPipeline");
        this.requiredElements = List.copyOf(requiredElements);
    }

    /** The pipeline string for OpenCV. Secret-bearing: contains the password, if any. */
    public String pipeline() {
        return pipeline;
    }

    /** The same pipeline with the password replaced by {@code ***}: for logs and messages. */
    public String maskedPipeline() {
        return maskedPipeline;
    }

    /** The spec this was rendered from. */
    public StreamSpec spec() {
        return spec;
    }

    /** The decoder chosen for this machine. */
    public Decoder decoder() {
        return decoder;
    }

    /** What reaches the appsink, and so how to read the {@code Mat} that {@code retrieve()} fills. */
    public OutputFormat outputFormat() {
        return spec.outputFormat();
    }

    /**
     * Every element factory named in the pipeline, upstream first. The {@code capsfilter} that
     * gst_parse inserts for the caps between {@code videoconvert} and {@code appsink} is a core
     * element and not listed.
     */
    public List<String> requiredElements() {
        return requiredElements;
    }

    /**
     * Checks that the registry has every element of this pipeline, before OpenCV is asked to open
     * it (OpenCV would only report that the pipeline failed).
     *
     * @return this, for chaining
     * @throws MissingElementException for the first absent element
     */
    public StreamPipeline requireAll(ElementRegistry registry) {
        registry.requireAll(requiredElements);
        return this;
    }

    /** The masked pipeline. */
    @Override
    public String toString() {
        return maskedPipeline;
    }
}
