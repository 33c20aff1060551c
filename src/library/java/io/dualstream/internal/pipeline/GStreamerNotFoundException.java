package io.dualstream.internal.pipeline;

/**
 * GStreamer's command-line tools could not be run, which almost always means GStreamer is not
 * installed (or not on PATH), so no element can be looked up at all.
 */
public class GStreamerNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    GStreamerNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
