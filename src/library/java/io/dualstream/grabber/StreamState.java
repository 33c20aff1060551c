package io.dualstream.grabber;

/** Health of a stream read by {@link MainStreamGrabber} or {@link SubStreamReader}. */
public enum StreamState {
    /** The first open of the pipeline is under way. */
    CONNECTING,
    /** Frames arrive. */
    STREAMING,
    /** No frame arrived within the read timeout; the capture is released and reopened next. */
    STALLED,
    /** The stream was lost; the grab thread reopens it with capped exponential backoff. */
    RECONNECTING,
    /**
     * Retrying cannot help (wrong credentials, unknown host, wrong codec...): the stream stops, or,
     * with {@link GrabberOptions#permanentFailureRetry()}, stays here and tries again at that pace.
     */
    FAILED
}
