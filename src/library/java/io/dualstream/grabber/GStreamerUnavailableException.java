package io.dualstream.grabber;

/**
 * OpenCV cannot use GStreamer in this process. The message is one sentence: what is missing and
 * the command that fixes it.
 */
public final class GStreamerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with the fix in its message.
     *
     * @param message what is missing and the command that fixes it, one sentence
     */
    public GStreamerUnavailableException(String message) {
        super(message);
    }

    /**
     * An exception with the fix in its message and the failure that revealed the problem (e.g. the
     * {@code UnsatisfiedLinkError} of a library that would not load).
     *
     * @param message what is missing and the command that fixes it, one sentence
     * @param cause   the underlying failure, kept for the stack trace
     */
    public GStreamerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
