package io.dualstream.internal.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything that decides the pipeline of one camera stream: where it comes from, how it travels,
 * how it is decoded and what OpenCV gets.
 *
 * <p>A spec says what the user wants; it does not depend on the machine. {@link PipelineRenderer}
 * turns it into a pipeline string for the elements this machine really has (the decoder in
 * particular). Immutable; {@link #builder()} starts from the defaults, {@link #newBuilder()} from
 * this spec. {@link #toString()} masks the password.
 */
public final class StreamSpec {

    /** rtspsrc's own default is 2000 ms; 200 ms absorbs LAN jitter without visible lag. */
    public static final int DEFAULT_LATENCY_MILLIS = 200;
    /** Default for {@link #noDataTimeoutMillis()}. */
    public static final int DEFAULT_NO_DATA_TIMEOUT_MILLIS = 10_000;
    /**
     * Default for {@link #decodeBacklogMillis()}: about 6 frames at 25 fps, so that a keyframe that
     * decodes 3 to 4 times slower than the frames around it does not count as falling behind.
     */
    public static final int DEFAULT_DECODE_BACKLOG_MILLIS = 250;

    private final RtspUrl url;
    private final Codec codec;
    private final Transport transport;
    private final int latencyMillis;
    private final int noDataTimeoutMillis;
    private final DecoderPreference decoderPreference;
    private final OutputFormat outputFormat;
    private final QueueOptions queueOptions;
    private final AppSinkOptions appSinkOptions;
    private final int decodeBacklogMillis;

    private StreamSpec(Builder builder) {
        this.url = builder.url;
        this.codec = builder.codec;
        this.transport = builder.transport;
        this.latencyMillis = builder.latencyMillis;
        this.noDataTimeoutMillis = builder.noDataTimeoutMillis;
        this.decoderPreference = builder.decoderPreference;
        this.outputFormat = builder.outputFormat;
        this.queueOptions = builder.queueOptions;
        this.appSinkOptions = builder.appSinkOptions;
        this.decodeBacklogMillis = builder.decodeBacklogMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder newBuilder() {
        return new Builder(this);
    }

    /** The camera URL, with credentials (see {@link RtspUrl} for how they reach rtspsrc). */
    public RtspUrl url() {
        return url;
    }

    public Codec codec() {
        return codec;
    }

    /** Default {@link Transport#TCP}. */
    public Transport transport() {
        return transport;
    }

    /**
     * rtspsrc's {@code latency}: how long its jitter buffer holds packets to reorder them, in
     * milliseconds. Default {@value #DEFAULT_LATENCY_MILLIS}.
     */
    public int latencyMillis() {
        return latencyMillis;
    }

    /**
     * How long an RTSP exchange may wait for the camera's answer, in ms; 0 = rtspsrc's own 20 s.
     * Rendered as rtspsrc's {@code tcp-timeout}: a camera that accepts the connection but never
     * answers fails the open instead of holding it (OpenCV 4.10's GStreamer backend applies
     * {@code CAP_PROP_OPEN_TIMEOUT_MSEC} only after the open). GStreamer's {@code watchdog}
     * element would also catch missing media, but not safely here: OpenCV drops a pipeline whose
     * open failed without setting it to NULL, and the watchdog's timer then posts to a freed
     * element. Default {@value #DEFAULT_NO_DATA_TIMEOUT_MILLIS}.
     */
    public int noDataTimeoutMillis() {
        return noDataTimeoutMillis;
    }

    /** Default {@link DecoderPreference#AUTO}. */
    public DecoderPreference decoderPreference() {
        return decoderPreference;
    }

    /** Default {@link OutputFormat#BGR}. */
    public OutputFormat outputFormat() {
        return outputFormat;
    }

    /** Default {@link QueueOptions#defaults()}. */
    public QueueOptions queueOptions() {
        return queueOptions;
    }

    /** Default {@link AppSinkOptions#defaults()}. */
    public AppSinkOptions appSinkOptions() {
        return appSinkOptions;
    }

    /**
     * How far, in stream time, received packets may queue up before the depayloader while the
     * decoder falls behind, in ms; 0 = no bound. Beyond it the oldest packets are dropped and the
     * depayloader ({@code wait-for-keyframe}) or DualStream's keyframe gate after it drops everything
     * up to the next complete keyframe, so the decoder skips whole groups of pictures and never sees a
     * frame whose reference is missing: staleness stays bounded and no smeared frame is handed out.
     * Only where one of the two is there ({@link PipelineRenderer#renderWith(StreamSpec, Decoder,
     * ElementRegistry)}): GStreamer 1.22's rtph264depay has {@code wait-for-keyframe}, the plugin
     * opencv-build/ builds has the gate (used for H.265). Default {@value #DEFAULT_DECODE_BACKLOG_MILLIS}.
     */
    public int decodeBacklogMillis() {
        return decodeBacklogMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamSpec other && url.equals(other.url) && codec == other.codec
                && transport == other.transport && latencyMillis == other.latencyMillis
                && noDataTimeoutMillis == other.noDataTimeoutMillis
                && decoderPreference == other.decoderPreference
                && outputFormat == other.outputFormat && queueOptions.equals(other.queueOptions)
                && appSinkOptions.equals(other.appSinkOptions) && decodeBacklogMillis == other.decodeBacklogMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, codec, transport, latencyMillis, noDataTimeoutMillis, decoderPreference, outputFormat,
                queueOptions, appSinkOptions, decodeBacklogMillis);
    }

    @Override
    public String toString() {
        return "StreamSpec{url=" + url.masked() + ", codec=" + codec + ", transport=" + transport
                + ", latencyMillis=" + latencyMillis + ", decoder=" + decoderPreference
                + ", output=" + outputFormat + ", " + queueOptions + ", " + appSinkOptions
                + ", decodeBacklogMillis=" + decodeBacklogMillis + "}";
    }

    /** Builder for {@link StreamSpec}. {@code url} and {@code codec} are required. */
    public static final class Builder {
        private RtspUrl url;
        private Codec codec;
        private Transport transport = Transport.TCP;
        private int latencyMillis = DEFAULT_LATENCY_MILLIS;
        private int noDataTimeoutMillis = DEFAULT_NO_DATA_TIMEOUT_MILLIS;
        private DecoderPreference decoderPreference = DecoderPreference.AUTO;
        private OutputFormat outputFormat = OutputFormat.BGR;
        private QueueOptions queueOptions = QueueOptions.defaults();
        private AppSinkOptions appSinkOptions = AppSinkOptions.defaults();
        private int decodeBacklogMillis = DEFAULT_DECODE_BACKLOG_MILLIS;

        private Builder() {
        }

        private Builder(StreamSpec spec) {
            this.url = spec.url;
            this.codec = spec.codec;
            this.transport = spec.transport;
            this.latencyMillis = spec.latencyMillis;
            this.noDataTimeoutMillis = spec.noDataTimeoutMillis;
            this.decoderPreference = spec.decoderPreference;
            this.outputFormat = spec.outputFormat;
            this.queueOptions = spec.queueOptions;
            this.appSinkOptions = spec.appSinkOptions;
            this.decodeBacklogMillis = spec.decodeBacklogMillis;
        }

        public Builder url(RtspUrl url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Parses the text with {@link RtspUrl#parse(String)}. */
        public Builder url(String url) {
            return url(RtspUrl.parse(url));
        }

        public Builder codec(Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** @param latencyMillis rtspsrc jitter-buffer latency in ms; must be >= 0 */
        public Builder latencyMillis(int latencyMillis) {
            if (latencyMillis < 0) {
                throw new IllegalArgumentException(
                        "latencyMillis must be >= 0, got " + latencyMillis);
            }
            this.latencyMillis = latencyMillis;
            return this;
        }

        /** @param millis see {@link StreamSpec#noDataTimeoutMillis()}; 0 (off) to 3 600 000 */
        public Builder noDataTimeoutMillis(int millis) {
            if (millis < 0 || millis > 3_600_000) {
                throw new IllegalArgumentException("noDataTimeoutMillis must be 0 (off) to 3600000, got " + millis);
            }
            this.noDataTimeoutMillis = millis;
            return this;
        }

        /** @param latency rtspsrc jitter-buffer latency, whole milliseconds, 0 to Integer.MAX_VALUE */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must be >= 0, got " + latency);
            }
            if (latency.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException(
                        "latency must be <= " + Integer.MAX_VALUE + " ms, got " + latency);
            }
            return latencyMillis((int) latency.toMillis());
        }

        public Builder decoderPreference(DecoderPreference decoderPreference) {
            this.decoderPreference = Objects.requireNonNull(decoderPreference, "decoderPreference");
            return this;
        }

        public Builder outputFormat(OutputFormat outputFormat) {
            this.outputFormat = Objects.requireNonNull(outputFormat, "outputFormat");
            return this;
        }

        public Builder queueOptions(QueueOptions queueOptions) {
            this.queueOptions = Objects.requireNonNull(queueOptions, "queueOptions");
            return this;
        }

        public Builder appSinkOptions(AppSinkOptions appSinkOptions) {
            this.appSinkOptions = Objects.requireNonNull(appSinkOptions, "appSinkOptions");
            return this;
        }

        /** @param millis see {@link StreamSpec#decodeBacklogMillis()}; 0 (no bound) to 60 000 */
        public Builder decodeBacklogMillis(int millis) {
            if (millis < 0 || millis > 60_000) {
                throw new IllegalArgumentException("decodeBacklogMillis must be 0 (no bound) to 60000, got " + millis);
            }
            this.decodeBacklogMillis = millis;
            return this;
        }

        /** @throws IllegalStateException when {@code url} or {@code codec} was not set */
        public StreamSpec build() {
            if (url == null) {
                throw new IllegalStateException("url is required: call url(...) before build()");
            }
            if (codec == null) {
                throw new IllegalStateException(
                        "codec is required: call codec(...) before build()");
            }
            return new StreamSpec(this);
        }
    }
}
