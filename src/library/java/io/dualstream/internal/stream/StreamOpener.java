package io.dualstream.internal.stream;

import io.dualstream.grabber.GrabberOptions;
import io.dualstream.grabber.PipelineSource;
import io.dualstream.grabber.PipelineToOpen;
import io.dualstream.internal.pipeline.DecoderSelector;
import io.dualstream.internal.pipeline.ElementRegistry;
import io.dualstream.internal.pipeline.GstInspectRegistry;
import io.dualstream.internal.rtsp.RtspProbe;
import java.time.Duration;
import java.util.Objects;

/**
 * The one place where a camera stream's settings become a running reader: codec detection
 * ({@code auto}), transport choice ({@code auto}), decoder choice from what this machine's GStreamer
 * has, the appsink format, pipeline rendering, failure diagnosis and the grabber's options. Every
 * command ({@code snapshot}, {@code run}, {@code probe}, {@code demo}) and the benchmark open their
 * streams here.
 *
 * <pre>{@code
 * StreamOpener opener = StreamOpener.forThisMachine();
 * PreparedStream main = opener.prepare(StreamSettings.of("gate1-main", RtspSource.of(url, CodecChoice.AUTO)),
 *         StreamOutput.DECODER_FORMAT);
 * try (MainStreamGrabber grabber = main.openGrabber()) { ... }
 * }</pre>
 */
public final class StreamOpener {
    /** How long one RTSP question (DESCRIBE, SETUP) may take; never more than the stream's open timeout. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** How often a service tries a stream again that failed for a reason retrying cannot fix (e.g. 401). */
    public static final Duration PERMANENT_FAILURE_RETRY = Duration.ofMinutes(1);

    private final DecoderSelector selector;

    public StreamOpener(ElementRegistry registry) {
        this.selector = new DecoderSelector(Objects.requireNonNull(registry, "registry"));
    }

    /** With the elements of this machine's GStreamer ({@code gst-inspect-1.0}). */
    public static StreamOpener forThisMachine() {
        return new StreamOpener(new GstInspectRegistry());
    }

    public ElementRegistry registry() {
        return selector.registry();
    }

    /**
     * Renders what can be rendered now and checks this machine's elements; a camera's codec
     * ({@code auto}) and transport ({@code auto}) are settled on the reader's thread when the camera
     * answers.
     *
     * @throws io.dualstream.internal.pipeline.MissingElementException when an element the stream needs is not
     *     installed (a fixed codec's decoder, the synthetic source's elements), with the package to install
     */
    public PreparedStream prepare(StreamSettings settings, StreamOutput output) {
        return prepare(settings, output, GrabberOptions.builder());
    }

    /**
     * {@link #prepare(StreamSettings, StreamOutput)} on top of options the caller already has (pre-trigger
     * frames, backoff, health listener...); name, timeouts and failure diagnosis come from here.
     */
    public PreparedStream prepare(StreamSettings settings, StreamOutput output, GrabberOptions.Builder base) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(output, "output");
        StreamRendering rendering = new StreamRendering(selector, settings, output);
        GrabberOptions.Builder options = base.name(settings.name())
                .openTimeout(settings.openTimeout()).readTimeout(settings.readTimeout());
        if (settings.source() instanceof RtspSource rtsp) {
            rtsp.codec().fixed().ifPresent(rendering::check);
            Duration probeTimeout = PROBE_TIMEOUT.compareTo(settings.openTimeout()) < 0 ? PROBE_TIMEOUT
                    : settings.openTimeout();
            RtspPipelineSource source = new RtspPipelineSource(settings.name(), rtsp, new RtspProbe(probeTimeout),
                    rendering);
            options.failureDiagnoser(source);
            String decoding = rtsp.codec().fixed().map(rendering::describe)
                    .orElse("decoder chosen when the camera names its codec");
            return new PreparedStream(source, options, rtsp + ", " + decoding);
        }
        SyntheticSource synthetic = (SyntheticSource) settings.source();
        PipelineToOpen pipeline = rendering.synthetic(synthetic);
        return new PreparedStream(PipelineSource.of(pipeline.pipeline(), pipeline.colorConversion()), options,
                synthetic + ", " + rendering.describe(synthetic.codec()));
    }
}
