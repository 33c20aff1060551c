package io.dualstream.pipeline;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;

/**
 * Writes the GStreamer pipeline string for a {@link StreamSpec}:
 *
 * <pre>
 * rtspsrc location="&lt;url without credentials&gt;" [user-id="..." [user-pw="..."]] protocols=tcp latency=200
 *   ! rtph265depay ! h265parse ! &lt;decoder&gt; ! queue max-size-buffers=1 leaky=downstream
 *   ! videoconvert ! video/x-raw,format=BGR ! appsink drop=true max-buffers=1 sync=false
 * </pre>
 *
 * <p>Every string value goes through {@link GstQuoting#quote(String)}; every other value comes from
 * an enum or a validated number. So nothing a user types (URL, user name, password) can add,
 * remove or reconfigure an element. Credentials go to rtspsrc's {@code user-id}/{@code user-pw},
 * never into {@code location} (see {@link RtspUrl}).
 *
 * <p>The element order and the property order are fixed, so the same spec always gives the same
 * string; {@link ArticlePipeline} pins it against the article's pipeline.
 */
public final class PipelineRenderer {

    private static final Logger LOG = System.getLogger(PipelineRenderer.class.getName());
    private static final String MASK = "***";
    private static final String LINK = " ! ";

    private final DecoderSelector selector;

    /** @param selector chooses the decoder for each spec */
    public PipelineRenderer(DecoderSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
    }

    /** A renderer that asks this machine's GStreamer ({@link GstInspectRegistry}) for decoders. */
    public static PipelineRenderer forThisMachine() {
        return new PipelineRenderer(new DecoderSelector(new GstInspectRegistry()));
    }

    /**
     * Chooses the decoder with this renderer's {@link DecoderSelector} and renders the pipeline.
     * Other elements are not checked here: call {@link StreamPipeline#requireAll(ElementRegistry)}
     * for that.
     *
     * @throws MissingElementException when no acceptable decoder is available
     */
    public StreamPipeline render(StreamSpec spec) {
        Objects.requireNonNull(spec, "spec");
        StreamPipeline pipeline = renderWith(spec, selector.select(spec));
        LOG.log(Level.DEBUG, "pipeline for {0}: {1}", spec.url(), pipeline.maskedPipeline());
        return pipeline;
    }

    /**
     * Renders the pipeline with a decoder chosen elsewhere, without asking any registry.
     *
     * @throws IllegalArgumentException when the decoder is for another codec than the spec's
     */
    public static StreamPipeline renderWith(StreamSpec spec, Decoder decoder) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(decoder, "decoder");
        if (decoder.codec() != spec.codec()) {
            throw new IllegalArgumentException("decoder " + decoder.element() + " is for "
                    + decoder.codec().displayName() + " but the stream is "
                    + spec.codec().displayName());
        }
        String tail = LINK + spec.codec().depayloader() + LINK + decodeTail(decoder,
                spec.outputFormat(), spec.queueOptions(), spec.appSinkOptions());
        RtspUrl url = spec.url();
        String pipeline = source(spec, url.password().orElse(null)) + tail;
        String masked = source(spec, url.password().isPresent() ? MASK : null) + tail;
        List<String> elements = List.of("rtspsrc", spec.codec().depayloader(),
                spec.codec().parser(), decoder.element(), "queue", "videoconvert", "appsink");
        return new StreamPipeline(spec, decoder, pipeline, masked, elements);
    }

    /**
     * Renders the part after the depayloader:
     * {@code <parser> ! <decoder> ! queue ... ! videoconvert ! video/x-raw,format=<F> ! appsink ...}.
     * Synthetic test cameras put an encoder in front of it ({@code videotestsrc ! x264enc ! <tail>})
     * to get the same decode path as a camera without a network.
     */
    public static String decodeTail(Decoder decoder, OutputFormat output, QueueOptions queue,
            AppSinkOptions appSink) {
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(appSink, "appSink");
        return decoder.codec().parser() + LINK + decoder.element() + LINK + "queue "
                + queue.properties() + LINK + "videoconvert" + LINK + output.caps() + LINK
                + "appsink " + appSink.properties();
    }

    /** The element factories {@link #decodeTail} names, upstream first. */
    public static List<String> decodeTailElements(Decoder decoder) {
        Objects.requireNonNull(decoder, "decoder");
        return List.of(decoder.codec().parser(), decoder.element(), "queue", "videoconvert",
                "appsink");
    }

    private static String source(StreamSpec spec, String password) {
        RtspUrl url = spec.url();
        StringBuilder s = new StringBuilder("rtspsrc location=")
                .append(GstQuoting.quote(url.withoutCredentials()));
        if (url.user().isPresent()) {
            s.append(" user-id=").append(GstQuoting.quote(url.user().get()));
            if (password != null) {
                s.append(" user-pw=").append(GstQuoting.quote(password));
            }
        }
        s.append(" protocols=").append(spec.transport().protocols())
                .append(" latency=").append(spec.latencyMillis());
        if (spec.noDataTimeoutMillis() > 0) {
            s.append(" tcp-timeout=").append(spec.noDataTimeoutMillis() * 1000L);
        }
        return s.toString();
    }
}
