package io.dualstream.internal.pipeline;

import java.util.Objects;

/**
 * How the appsink at the end of the pipeline holds frames for OpenCV.
 *
 * <p>The defaults ({@code drop=true max-buffers=1 sync=false}) make {@code grab()} return the newest
 * decoded frame instead of a backlog: the appsink keeps one sample and throws the older one away
 * when a new one arrives, and does not wait for the clock before handing it over. appsink's own
 * defaults are the opposite (unlimited queue, no dropping, sync on), and OpenCV forces only
 * {@code max-buffers=1} on hand-written pipelines, so all three are always written out.
 *
 * <p>Immutable; build with {@link #builder()} or adjust a copy with {@link #newBuilder()}.
 */
public final class AppSinkOptions {

    private static final AppSinkOptions DEFAULTS = builder().build();

    private final boolean drop;
    private final int maxBuffers;
    private final boolean sync;

    private AppSinkOptions(Builder builder) {
        this.drop = builder.drop;
        this.maxBuffers = builder.maxBuffers;
        this.sync = builder.sync;
    }

    /** drop=true, max-buffers=1, sync=false. */
    public static AppSinkOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder newBuilder() {
        return new Builder(this);
    }

    /** Whether a full appsink drops its oldest sample for a new one (instead of blocking upstream). */
    public boolean drop() {
        return drop;
    }

    /** How many samples the appsink holds at most (at least 1). */
    public int maxBuffers() {
        return maxBuffers;
    }

    /** Whether the appsink waits for each sample's presentation time (off for live capture). */
    public boolean sync() {
        return sync;
    }

    /** The property part of the appsink element: {@code drop=true max-buffers=1 sync=false}. */
    String properties() {
        return "drop=" + drop + " max-buffers=" + maxBuffers + " sync=" + sync;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppSinkOptions other
                && drop == other.drop && maxBuffers == other.maxBuffers && sync == other.sync;
    }

    @Override
    public int hashCode() {
        return Objects.hash(drop, maxBuffers, sync);
    }

    @Override
    public String toString() {
        return "appsink " + properties();
    }

    /** Builder for {@link AppSinkOptions}; each setter validates its value. */
    public static final class Builder {
        private boolean drop = true;
        private int maxBuffers = 1;
        private boolean sync = false;

        private Builder() {
        }

        private Builder(AppSinkOptions options) {
            this.drop = options.drop;
            this.maxBuffers = options.maxBuffers;
            this.sync = options.sync;
        }

        public Builder drop(boolean drop) {
            this.drop = drop;
            return this;
        }

        /**
         * @param maxBuffers samples held at most; must be at least 1 (appsink reads 0 as "unlimited",
         *     which lets a slow consumer build an ever older backlog)
         */
        public Builder maxBuffers(int maxBuffers) {
            if (maxBuffers < 1) {
                throw new IllegalArgumentException("maxBuffers must be >= 1, got " + maxBuffers);
            }
            this.maxBuffers = maxBuffers;
            return this;
        }

        public Builder sync(boolean sync) {
            this.sync = sync;
            return this;
        }

        public AppSinkOptions build() {
            return new AppSinkOptions(this);
        }
    }
}
