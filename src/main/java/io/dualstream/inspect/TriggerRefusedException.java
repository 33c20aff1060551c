package io.dualstream.inspect;

/** An external trigger the runtime did not take; the message says why in one line. */
public final class TriggerRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why: each maps to its own HTTP status. */
    public enum Reason {
        /** No camera has that name. */
        UNKNOWN_CAMERA,
        /** The camera takes detector triggers only ({@code trigger-sources}). */
        NOT_ACCEPTED,
        /** The trigger itself is wrong (a time too far in the future). */
        INVALID,
        /** The runtime is stopping. */
        STOPPED
    }

    private final Reason reason;

    public TriggerRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
