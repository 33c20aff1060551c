package io.dualstream.grabber;

/**
 * OpenCV cannot use GStreamer in this process. The message is one sentence: what is missing and
 * the command that fixes it.
 */
public final class GStreamerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GStreamerUnavailableException(String message) {
        super(message);
    }

    public GStreamerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
