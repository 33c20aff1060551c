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

    /** Short name used for the grab thread and in log lines; never put a password in it. */
    public String name() {
        return name;
    }

    /** How long OpenCV may take to open the pipeline ({@code CAP_PROP_OPEN_TIMEOUT_MSEC}). */
    public Duration openTimeout() {
        return openTimeout;
    }

    /**
     * How long one {@code grab()} may wait for a frame ({@code CAP_PROP_READ_TIMEOUT_MSEC}). It also
     * bounds how long {@link MainStreamGrabber#close()} can wait for the grab thread.
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** How long {@code close()} waits for the grab thread to leave {@code grab()}. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * The {@code cvtColor} code applied when a snapshot is retrieved (for example
     * {@code COLOR_YUV2BGR_NV12} when the pipeline hands NV12 to the appsink), or empty when the
     * pipeline already delivers the wanted format and the snapshot is a plain copy.
     */
    public OptionalInt colorConversion() {
        return colorConversion;
    }

    /**
     * Whether the grab thread reopens the pipeline when the stream stalls or ends (default true).
     * When false, the grabber stops on the first {@code grab()} that returns no frame.
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
     */
    public Optional<Duration> permanentFailureRetry() {
        return permanentFailureRetry;
    }

    /** Told about every health transition; {@link HealthListener#NONE} by default. */
    public HealthListener healthListener() {
        return healthListener;
    }

    /** Explains failed opens and decides whether retrying can help; by default every failure is transient. */
    public FailureDiagnoser failureDiagnoser() {
        return failureDiagnoser;
    }

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

        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > 64) {
                throw new IllegalArgumentException("name must be 1 to 64 characters, got \"" + name + "\"");
            }
            this.name = name;
            return this;
        }

        public Builder openTimeout(Duration timeout) {
            this.openTimeout = checkMillis("openTimeout", timeout);
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = checkMillis("readTimeout", timeout);
            return this;
        }

        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = checkMillis("closeTimeout", timeout);
            return this;
        }

        /**
         * @param cvtColorCode an OpenCV {@code COLOR_*} code; negative means "no conversion". Checked
         *                     against the first frame of every connection (a code that does not fit
         *                     the pipeline's appsink format fails the stream with the reason)
         */
        public Builder colorConversion(int cvtColorCode) {
            ColorConversions.check(cvtColorCode);
            this.colorConversion = cvtColorCode < 0 ? OptionalInt.empty() : OptionalInt.of(cvtColorCode);
            return this;
        }

        /** @param frames 0..100 frames to keep for pre-trigger snapshots */
        public Builder preTriggerFrames(int frames) {
            if (frames < 0 || frames > 100) {
                throw new IllegalArgumentException("preTriggerFrames must be 0..100, got " + frames);
            }
            this.preTriggerFrames = frames;
            return this;
        }

        /** See {@link GrabberOptions#permanentFailureRetry()}; e.g. one minute for a station's service. */
        public Builder permanentFailureRetry(Duration delay) {
            this.permanentFailureRetry = checkMillis("permanentFailureRetry", delay);
            return this;
        }

        public Builder reconnect(boolean reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        /** First reconnect delay (default 250 ms); it doubles per failed attempt up to {@link #backoffMax}. */
        public Builder backoffInitial(Duration delay) {
            this.backoffInitial = checkMillis("backoffInitial", delay);
            return this;
        }

        /** Longest reconnect delay (default 2 s): a camera that comes back is streaming again within about this. */
        public Builder backoffMax(Duration delay) {
            this.backoffMax = checkMillis("backoffMax", delay);
            return this;
        }

        public Builder healthListener(HealthListener listener) {
            this.healthListener = Objects.requireNonNull(listener, "healthListener");
            return this;
        }

        public Builder failureDiagnoser(FailureDiagnoser diagnoser) {
            this.failureDiagnoser = Objects.requireNonNull(diagnoser, "failureDiagnoser");
            return this;
        }

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
