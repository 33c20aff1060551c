package io.dualstream.inspect.preview;

/** The preview window cannot be shown on this machine; the message is one line saying what to do. */
public final class PreviewUnavailableException extends IllegalStateException {
    public PreviewUnavailableException(String message) {
        super(message);
    }
}
