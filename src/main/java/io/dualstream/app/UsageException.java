package io.dualstream.app;

/** The command line is wrong; the message says what and how to write it instead. Exit code 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
