package io.dualstream.internal.stream;

import io.dualstream.grabber.GrabberOptions;
import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.PipelineSource;
import io.dualstream.grabber.SubStreamReader;
import java.io.IOException;

/**
 * A stream ready to run: its pipeline source and the grabber options the stream opener chose (name,
 * timeouts, failure diagnosis). Add what the caller needs to {@link #options()} (a health listener,
 * pre-trigger frames, the slow retry of permanent failures), then start one reader.
 */
public final class PreparedStream {
    private final PipelineSource source;
    private final GrabberOptions.Builder options;
    private final String description;

    PreparedStream(PipelineSource source, GrabberOptions.Builder options, String description) {
        this.source = source;
        this.options = options;
        this.description = description;
    }

    /** The options the reader will get; change them before starting it. */
    public GrabberOptions.Builder options() {
        return options;
    }

    /** The pipeline of each open attempt. */
    public PipelineSource source() {
        return source;
    }

    /** What this stream is and how it is decoded, for logs (no password). */
    public String description() {
        return description;
    }

    /** A grabber that returns once the first frame came ({@link MainStreamGrabber#open(PipelineSource, GrabberOptions)}). */
    public MainStreamGrabber openGrabber() throws IOException {
        return MainStreamGrabber.open(source, options.build());
    }

    /** A grabber that connects in the background ({@link MainStreamGrabber#start}). */
    public MainStreamGrabber startGrabber() {
        return MainStreamGrabber.start(source, options.build());
    }

    /** A reader handing every frame to {@code consumer} ({@link SubStreamReader#start}). */
    public SubStreamReader startReader(SubStreamReader.FrameConsumer consumer) {
        return SubStreamReader.start(source, options.build(), consumer);
    }
}
