package io.dualstream.internal.pipeline;

import java.util.Locale;
import java.util.Objects;

/**
 * The {@code queue} between the decoder and the colour conversion.
 *
 * <p>The queue puts a thread boundary after the decoder, so that conversion and the hand-over to
 * OpenCV never stall decoding. With the defaults ({@code max-size-buffers=1 leaky=downstream}) it
 * holds a single frame and, when the consumer is slow, throws away the older frame rather than
 * blocking the decoder: the newest frame wins, which is what a snapshot on trigger needs.
 *
 * <p>Immutable; build with {@link #builder()} or adjust a copy with {@link #newBuilder()}.
 */
public final class QueueOptions {

    /** What a full queue does with the next buffer (GStreamer's {@code leaky} property). */
    public enum Leaky {
        /** Block upstream until there is room (GStreamer's default). */
        NO,
        /** Drop the new buffer. */
        UPSTREAM,
        /** Drop the oldest queued buffer: keeps the newest frame. */
        DOWNSTREAM;

        /** The property's nick: {@code no}, {@code upstream}, {@code downstream}. */
        public String nick() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final QueueOptions DEFAULTS = builder().build();

    private final int maxSizeBuffers;
    private final Leaky leaky;

    private QueueOptions(Builder builder) {
        this.maxSizeBuffers = builder.maxSizeBuffers;
        this.leaky = builder.leaky;
    }

    /** max-size-buffers=1, leaky=downstream. */
    public static QueueOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder newBuilder() {
        return new Builder(this);
    }

    /** Frames the queue holds at most (at least 1). */
    public int maxSizeBuffers() {
        return maxSizeBuffers;
    }

    public Leaky leaky() {
        return leaky;
    }

    /** The property part of the queue element: {@code max-size-buffers=1 leaky=downstream}. */
    String properties() {
        return "max-size-buffers=" + maxSizeBuffers + " leaky=" + leaky.nick();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueOptions other
                && maxSizeBuffers == other.maxSizeBuffers && leaky == other.leaky;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxSizeBuffers, leaky);
    }

    @Override
    public String toString() {
        return "queue " + properties();
    }

    /** Builder for {@link QueueOptions}; each setter validates its value. */
    public static final class Builder {
        private int maxSizeBuffers = 1;
        private Leaky leaky = Leaky.DOWNSTREAM;

        private Builder() {
        }

        private Builder(QueueOptions options) {
            this.maxSizeBuffers = options.maxSizeBuffers;
            this.leaky = options.leaky;
        }

        /**
         * @param maxSizeBuffers frames held at most; must be at least 1 (queue reads 0 as "no limit
         *     on buffers", leaving only its 10 MB / 1 s limits, several 12 MP frames)
         */
        public Builder maxSizeBuffers(int maxSizeBuffers) {
            if (maxSizeBuffers < 1) {
                throw new IllegalArgumentException(
                        "maxSizeBuffers must be >= 1, got " + maxSizeBuffers);
            }
            this.maxSizeBuffers = maxSizeBuffers;
            return this;
        }

        public Builder leaky(Leaky leaky) {
            this.leaky = Objects.requireNonNull(leaky, "leaky");
            return this;
        }

        public QueueOptions build() {
            return new QueueOptions(this);
        }
    }
}
