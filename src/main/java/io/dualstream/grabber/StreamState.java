package io.dualstream.grabber;

/** Health of a {@link MainStreamGrabber}'s stream. */
public enum StreamState {
    /** The first open of the pipeline is under way. */
    CONNECTING,
    /** Frames arrive. */
    STREAMING,
    /** No frame arrived within the read timeout; the capture is released and reopened next. */
    STALLED,
    /** The stream was lost; the grab thread reopens it with capped exponential backoff. */
    RECONNECTING,
    /** Unrecoverable (wrong credentials, unknown host, wrong codec...): the grabber stopped. */
    FAILED
}
