package io.dualstream.grabber;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Immutable settings of one {@link MainStreamGrabber}. Each value is checked where it is set,
 * naming the parameter and its limit.
 */
public final class GrabberOptions {
    private final String name;
    private final Duration openTimeout;
    private final Duration readTimeout;
    private final Duration closeTimeout;
    private final OptionalInt colorConversion;
    private final boolean reconnect;
    private final Backoff backoff;
    private final HealthListener healthListener;
    private final FailureDiagnoser failureDiagnoser;
    private final int preTriggerFrames;
    private final Optional<Duration> permanentFailureRetry;
    /** What the builder was given, for {@link #toBuilder()}. */
    private final Builder given;

    private GrabberOptions(Builder b) {
        this.given = b.copy();
        this.name = b.name;
        this.openTimeout = b.openTimeout;
        this.readTimeout = b.readTimeout;
        // The grab thread may be inside grab() (read timeout) or a reopen (open timeout) when close() comes.
        this.closeTimeout = b.closeTimeout != null ? b.closeTimeout
                : (b.readTimeout.compareTo(b.openTimeout) > 0 ? b.readTimeout : b.openTimeout).plusSeconds(2);
        this.colorConversion = b.colorConversion;
        this.reconnect = b.reconnect;
        if (b.backoffMax.compareTo(b.backoffInitial) < 0) {
            throw new IllegalArgumentException("backoffMax (" + b.backoffMax.toMillis()
                    + " ms) must not be below backoffInitial (" + b.backoffInitial.toMillis() + " ms)");
        }
        this.backoff = new Backoff(b.backoffInitial, b.backoffMax, 0.5);
        this.healthListener = b.healthListener;
        this.preTriggerFrames = b.preTriggerFrames;
        this.permanentFailureRetry = Optional.ofNullable(b.permanentFailureRetry);
        long openMillis = openTimeout.toMillis();
        this.failureDiagnoser = b.failureDiagnoser != null ? b.failureDiagnoser
                : () -> Diagnosis.transientFailure("OpenCV's GStreamer backend could not open the pipeline within "
                        + openMillis + " ms (set GST_DEBUG=3 to see GStreamer's reason)");
    }

    /**
     * The options with every default: name "main", open timeout 10 s, read timeout 5 s, reconnect
     * with backoff from 250 ms to 2 s, no colour conversion, no pre-trigger frames.
     *
     * @return new immutable options, free to share between threads and grabbers
     */
    public static GrabberOptions defaults() {
        return builder().build();
    }

    /**
     * A new builder with every default.
     *
     * @return the caller's builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new builder holding these options, to change some of them.
     *
     * @return the caller's builder
     */
    public Builder toBuilder() {
        return given.copy();
    }

    /**
     * Short name used for the grab thread and in log lines; never put a password in it.
     *
     * @return the name, 1 to 64 characters (default "main")
     */
    public String name() {
        return name;
    }

    /**
     * How long OpenCV may take to open the pipeline ({@code CAP_PROP_OPEN_TIMEOUT_MSEC}).
     *
     * @return the open timeout (default 10 s); also how long {@code open()} waits for the first frame
     */
    public Duration openTimeout() {
        return openTimeout;
    }

    /**
     * How long one {@code grab()} may wait for a frame ({@code CAP_PROP_READ_TIMEOUT_MSEC}). It also
     * bounds how long {@link MainStreamGrabber#close()} can wait for the grab thread.
     *
     * @return the read timeout (default 5 s): a stream silent this long counts as stalled
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * How long {@code close()} waits for the grab thread to leave {@code grab()}.
     *
     * @return the close timeout: as set, or by default the longer of the open and read timeouts
     *     plus 2 s, since the thread may be in either when {@code close()} comes
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * The {@code cvtColor} code applied when a snapshot is retrieved (for example
     * {@code COLOR_YUV2BGR_NV12} when the pipeline hands NV12 to the appsink), or empty when the
     * pipeline already delivers the wanted format and the snapshot is a plain copy.
     *
     * @return the {@code COLOR_*} code, or empty (the default) for none
     */
    public OptionalInt colorConversion() {
        return colorConversion;
    }

    /**
     * Whether the grab thread reopens the pipeline when the stream stalls or ends (default true).
     * When false, the grabber stops on the first {@code grab()} that returns no frame.
     *
     * @return true when lost streams are reopened
     */
    public boolean reconnect() {
        return reconnect;
    }

    /** Delays between reconnect attempts: capped exponential, with jitter. */
    Backoff backoff() {
        return backoff;
    }

    /**
     * K, the frames kept in a ring (decoder format, with arrival times) for
     * {@link MainStreamGrabber#requestSnapshotNearest(long)}; 0 (the default) keeps none and retrieves
     * only frames that become snapshots. Each kept frame costs a retrieve and its memory (18 MB per
     * 12 MP NV12 frame).
     *
     * @return the number of frames kept, 0..100
     */
    public int preTriggerFrames() {
        return preTriggerFrames;
    }

    /**
     * What a permanent failure (wrong credentials, path or codec; see {@link FailureDiagnoser}) does
     * once the stream runs: empty (the default) ends the stream in {@link StreamState#FAILED}; a
     * delay keeps it in FAILED and tries again at that pace, for services whose operators fix a
     * camera without restarting the PC. Logged once either way. {@code open()} still fails at once
     * on a permanent failure of the first connection.
     *
     * @return the delay between retries in FAILED, or empty when a permanent failure ends the stream
     */
    public Optional<Duration> permanentFailureRetry() {
        return permanentFailureRetry;
    }

    /**
     * Told about every health transition; {@link HealthListener#NONE} by default.
     *
     * @return the listener as given to the builder, shared by every grabber built with these options
     *     (not a copy): it must be thread-safe if several streams use it
     */
    public HealthListener healthListener() {
        return healthListener;
    }

    /**
     * Explains failed opens and decides whether retrying can help; by default every failure is transient.
     *
     * @return the diagnoser as given to the builder (not a copy), shared by every grabber built with
     *     these options, or the default one naming the open timeout
     */
    public FailureDiagnoser failureDiagnoser() {
        return failureDiagnoser;
    }

    /**
     * Collects options for {@link #build()}, checking each value where it is set. Not thread-safe:
     * build on one thread. {@link #build()} copies what it was given, so changing the builder later
     * does not change options already built.
     */
    public static final class Builder {
        private String name = "main";
        private Duration openTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(5);
        private Duration closeTimeout;
        private OptionalInt colorConversion = OptionalInt.empty();
        private boolean reconnect = true;
        private Duration backoffInitial = Duration.ofMillis(250);
        private Duration backoffMax = Duration.ofSeconds(2);
        private HealthListener healthListener = HealthListener.NONE;
        private FailureDiagnoser failureDiagnoser;
        private int preTriggerFrames;
        private Duration permanentFailureRetry;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.name = name;
            b.openTimeout = openTimeout;
            b.readTimeout = readTimeout;
            b.closeTimeout = closeTimeout;
            b.colorConversion = colorConversion;
            b.reconnect = reconnect;
            b.backoffInitial = backoffInitial;
            b.backoffMax = backoffMax;
            b.healthListener = healthListener;
            b.failureDiagnoser = failureDiagnoser;
            b.preTriggerFrames = preTriggerFrames;
            b.permanentFailureRetry = permanentFailureRetry;
            return b;
        }

        /**
         * Names the stream in thread names, log lines and health events (default "main").
         *
         * @param name 1 to 64 characters; never a password or a URL with credentials
         * @return this builder (not a copy), for chaining
         * @throws IllegalArgumentException when {@code name} is blank or longer than 64 characters
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > 64) {
                throw new IllegalArgumentException("name must be 1 to 64 characters, got \"" + name + "\"");
            }
            this.name = name;
            return this;
        }

        /**
         * How long one open may take (default 10 s); {@code open()} also waits this long for the first frame.
         *
         * @param timeout 1 ms to {@code Integer.MAX_VALUE} ms, as OpenCV takes milliseconds in an {@code int}
         * @return this builder (not a copy), for chaining
         * @throws IllegalArgumentException when {@code timeout} is out of that range
         */
        public Builder openTimeout(Duration timeout) {
            this.openTimeout = checkMillis("openTimeout", timeout);
            return this;
        }

        /**
         * How long one {@code grab()} may wait for a frame before the stream counts as stalled (default 5 s).
         *
         * @param timeout 1 ms to {@code Integer.MAX_VALUE} ms, as OpenCV takes milliseconds in an {@code int}
         * @return this builder (not a copy), for chaining
         * @throws IllegalArgumentException when {@code timeout} is out of that range
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = checkMillis("readTimeout", timeout);
            return this;
        }

        /**
         * How long {@code close()} waits for the stream's thread; by default the longer of the open and
         * read timeouts plus 2 s. Shorter risks leaving the thread to release the capture after
         * {@code close()} returned.
         *
         * @param timeout 1 ms to {@code Integer.MAX_VALUE} ms
         * @return this builder (not a copy), for chaining
         * @throws IllegalArgumentException when {@code timeout} is out of that range
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = checkMillis("closeTimeout", timeout);
            return this;
        }

        /**
         * The {@code cvtColor} conversion of frames handed out (default none); see
         * {@link GrabberOptions#colorConversion()}.
         *
         * @param cvtColorCode an OpenCV {@code COLOR_*} code; negative means "no conversion". Checked
         *                     against the first frame of every connection (a code that does not fit
         *                     the pipeline's appsink format fails the stream with the reason)
         * @return this builder (not a copy), for chaining
         * @throws IllegalArgumentException when the code is not one OpenCV knows
         */
        public Builder colorConversion(int cvtColorCode) {
            ColorConversions.check(cvtColorCode);
            this.colorConversion = cvtColorCode < 0 ? OptionalInt.empty() : OptionalInt.of(cvtColorCode);
            return this;
        }

        /**
         * How many recent frames to keep for {@link MainStreamGrabber#requestSnapshotNearest(long)}
         * (default 0: none); see {@link GrabberOptions#preTriggerFrames()} for their cost.
         *
         * @param frames 0..100 frames to keep for pre-trigger snapshots
         * @return this builder (not a copy), for chaining
         * @throws IllegalArgumentException when {@code frames} is outside 0..100
         */
        public Builder preTriggerFrames(int frames) {
            if (frames < 0 || frames > 100) {
                throw new IllegalArgumentException("preTriggerFrames must be 0..100, got " + frames);
            }
            this.preTriggerFrames = frames;
            return this;
        }

        /**
         * See {@link GrabberOptions#permanentFailureRetry()}; e.g. one minute for a station's service.
         *
         * @param delay the pace of retries in FAILED, 1 ms to {@code Integer.MAX_VALUE} ms
         * @return this builder (not a copy), for chaining
         * @throws IllegalArgumentException when {@code delay} is out of that range
         */
        public Builder permanentFailureRetry(Duration delay) {
            this.permanentFailureRetry = checkMillis("permanentFailureRetry", delay);
            return this;
        }

        /**
         * Whether a lost or stalled stream is reopened (default true); see {@link GrabberOptions#reconnect()}.
         *
         * @param reconnect false to stop the stream on its first loss instead
         * @return this builder (not a copy), for chaining
         */
        public Builder reconnect(boolean reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        /**
         * First reconnect delay (default 250 ms); it doubles per failed attempt up to {@link #backoffMax}.
         *
         * @param delay 1 ms to {@code Integer.MAX_VALUE} ms, and not above the maximum (checked by {@link #build()})
         * @return this builder (not a copy), for chaining
         * @throws IllegalArgumentException when {@code delay} is out of that range
         */
        public Builder backoffInitial(Duration delay) {
            this.backoffInitial = checkMillis("backoffInitial", delay);
            return this;
        }

        /**
         * Longest reconnect delay (default 2 s): a camera that comes back is streaming again within about this.
         *
         * @param delay 1 ms to {@code Integer.MAX_VALUE} ms, and not below the initial delay (checked by {@link #build()})
         * @return this builder (not a copy), for chaining
         * @throws IllegalArgumentException when {@code delay} is out of that range
         */
        public Builder backoffMax(Duration delay) {
            this.backoffMax = checkMillis("backoffMax", delay);
            return this;
        }

        /**
         * Who is told about health transitions (default {@link HealthListener#NONE}).
         *
         * @param listener kept as given, not copied, and called on the stream's thread; shared by every
         *                 grabber built from these options
         * @return this builder (not a copy), for chaining
         * @throws NullPointerException when {@code listener} is null
         */
        public Builder healthListener(HealthListener listener) {
            this.healthListener = Objects.requireNonNull(listener, "healthListener");
            return this;
        }

        /**
         * Who explains failed opens, e.g. the app's RTSP probe (default: every failure is transient).
         *
         * @param diagnoser kept as given, not copied, and called on the stream's thread; shared by every
         *                  grabber built from these options
         * @return this builder (not a copy), for chaining
         * @throws NullPointerException when {@code diagnoser} is null
         */
        public Builder failureDiagnoser(FailureDiagnoser diagnoser) {
            this.failureDiagnoser = Objects.requireNonNull(diagnoser, "failureDiagnoser");
            return this;
        }

        /**
         * Makes the options; the builder may be changed and built again afterwards.
         *
         * @return new immutable options, free to share between threads and grabbers
         * @throws IllegalArgumentException when {@code backoffMax} is below {@code backoffInitial}
         */
        public GrabberOptions build() {
            return new GrabberOptions(this);
        }

        private static Duration checkMillis(String parameter, Duration value) {
            Objects.requireNonNull(value, parameter);
            if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(parameter + " must be between 1 ms and "
                        + Integer.MAX_VALUE + " ms, got " + value);
            }
            return value;
        }
    }
}
