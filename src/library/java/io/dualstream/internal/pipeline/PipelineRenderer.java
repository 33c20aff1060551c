package io.dualstream.internal.pipeline;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the GStreamer pipeline string for a {@link StreamSpec}:
 *
 * <pre>
 * rtspsrc location="&lt;url without credentials&gt;" [user-id="..." [user-pw="..."]] protocols=tcp latency=200
 *   [! queue leaky=downstream max-size-buffers=0 max-size-bytes=0 max-size-time=250000000]
 *   ! rtph265depay [wait-for-keyframe=true | ! video/x-h265,stream-format=byte-stream,alignment=au ! dskeyframegate]
 *   ! h265parse ! &lt;decoder&gt; ! queue max-size-buffers=1 leaky=downstream
 *   ! videoconvert ! video/x-raw,format=BGR ! appsink drop=true max-buffers=1 sync=false
 * </pre>
 *
 * <p>Every string value goes through {@link GstQuoting#quote(String)}; every other value comes from
 * an enum or a validated number. So nothing a user types (URL, user name, password) can add,
 * remove or reconfigure an element. Credentials go to rtspsrc's {@code user-id}/{@code user-pw},
 * never into {@code location} (see {@link RtspUrl}).
 *
 * <p>The bracketed part bounds the decode backlog ({@link StreamSpec#decodeBacklogMillis()}): it is
 * rendered only where something drops everything from a gap to the next keyframe, since a leaky
 * queue alone drops single packets and the decoder then smears every frame up to the next keyframe.
 * That is the depayloader itself where it has {@code wait-for-keyframe} (rtph264depay), else
 * DualStream's keyframe gate ({@value InProcessElements#KEYFRAME_GATE}, compiled into the GStreamer
 * plugin opencv-build/ builds) after it, on byte-stream access units.
 *
 * <p>The element order and the property order are fixed, so the same spec always gives the same
 * string; {@link ArticlePipeline} pins it against the article's pipeline.
 */
public final class PipelineRenderer {

    private static final Logger LOG = System.getLogger(PipelineRenderer.class.getName());
    private static final String MASK = "***";
    private static final String LINK = " ! ";
    private static final String WAIT_FOR_KEYFRAME = "wait-for-keyframe";
    /** Depayloaders already warned about: the warning is once per JVM, not once per reconnect. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final DecoderSelector selector;

    /** @param selector chooses the decoder for each spec */
    public PipelineRenderer(DecoderSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
    }

    /** The registry this renderer's decoder selector asks. */
    public ElementRegistry registry() {
        return selector.registry();
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
        StreamPipeline pipeline = renderWith(spec, selector.select(spec), selector.registry());
        LOG.log(Level.DEBUG, "pipeline for {0}: {1}", spec.url(), pipeline.maskedPipeline());
        return pipeline;
    }

    /**
     * Renders the pipeline with a decoder chosen elsewhere, without asking any registry: so without
     * the decode backlog bound, which needs to know the depayloader's properties.
     *
     * @throws IllegalArgumentException when the decoder is for another codec than the spec's
     */
    public static StreamPipeline renderWith(StreamSpec spec, Decoder decoder) {
        return renderWith(spec, decoder, KeyframeWait.NONE);
    }

    /**
     * Renders the pipeline with a decoder chosen elsewhere; asks the registry whether the
     * depayloader can wait for a keyframe, or else whether the keyframe gate is there (for
     * {@link StreamSpec#decodeBacklogMillis()}), and logs once per JVM when neither is.
     *
     * @throws IllegalArgumentException when the decoder is for another codec than the spec's
     */
    public static StreamPipeline renderWith(StreamSpec spec, Decoder decoder, ElementRegistry registry) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(registry, "registry");
        KeyframeWait wait = KeyframeWait.NONE;
        if (spec.decodeBacklogMillis() > 0) {
            String depayloader = spec.codec().depayloader();
            if (registry.hasProperty(depayloader, WAIT_FOR_KEYFRAME)) {
                wait = KeyframeWait.DEPAYLOADER;
            } else if (registry.has(InProcessElements.KEYFRAME_GATE)) {
                wait = KeyframeWait.GATE;
            } else if (WARNED.add(depayloader)) {
                LOG.log(Level.WARNING, "this GStreamer''s {0} has no {1} and OpenCV''s GStreamer backend has no {2} "
                        + "(it is in the plugin opencv-build/ builds): if decoding falls behind the camera, {3} streams "
                        + "lag instead of skipping to the next keyframe", depayloader, WAIT_FOR_KEYFRAME,
                        InProcessElements.KEYFRAME_GATE, spec.codec().displayName());
            }
        }
        return renderWith(spec, decoder, wait);
    }

    /** What drops everything from a gap to the next keyframe, so that the backlog can be bounded. */
    private enum KeyframeWait {
        /** Nothing: the backlog is not bounded. */
        NONE,
        /** The depayloader's {@code wait-for-keyframe}. */
        DEPAYLOADER,
        /** DualStream's keyframe gate after the depayloader. */
        GATE
    }

    private static StreamPipeline renderWith(StreamSpec spec, Decoder decoder, KeyframeWait wait) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(decoder, "decoder");
        if (decoder.codec() != spec.codec()) {
            throw new IllegalArgumentException("decoder " + decoder.element() + " is for "
                    + decoder.codec().displayName() + " but the stream is "
                    + spec.codec().displayName());
        }
        List<String> elements = new ArrayList<>(List.of("rtspsrc"));
        StringBuilder tail = new StringBuilder(LINK);
        if (wait != KeyframeWait.NONE) {
            // Time, not buffers or bytes: a keyframe's packets share one timestamp, so a whole
            // keyframe always fits, however large, and the bound holds at any bitrate.
            tail.append("queue leaky=downstream max-size-buffers=0 max-size-bytes=0 max-size-time=")
                    .append(spec.decodeBacklogMillis() * 1_000_000L).append(LINK);
            elements.add("queue");
        }
        tail.append(spec.codec().depayloader());
        elements.add(spec.codec().depayloader());
        if (wait == KeyframeWait.DEPAYLOADER) {
            tail.append(' ').append(WAIT_FOR_KEYFRAME).append("=true");
        } else if (wait == KeyframeWait.GATE) {
            // The gate reads NAL units from byte-stream access units: ask the depayloader for those.
            tail.append(LINK).append(spec.codec().caps()).append(",stream-format=byte-stream,alignment=au")
                    .append(LINK).append(InProcessElements.KEYFRAME_GATE);
            elements.add(InProcessElements.KEYFRAME_GATE);
        }
        tail.append(LINK).append(decodeTail(decoder, spec.outputFormat(), spec.queueOptions(),
                spec.appSinkOptions()));
        RtspUrl url = spec.url();
        String pipeline = source(spec, url.password().orElse(null)) + tail;
        String masked = source(spec, url.password().isPresent() ? MASK : null) + tail;
        elements.addAll(decodeTailElements(decoder));
        return new StreamPipeline(spec, decoder, pipeline, masked, elements.stream().distinct().toList());
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
