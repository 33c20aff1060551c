package io.dualstream.app;

/** A command ran but could not do its job; the message is the one line the user sees. Exit code 1. */
final class CommandFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message);
    }

    CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
