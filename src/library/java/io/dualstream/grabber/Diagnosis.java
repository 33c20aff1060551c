package io.dualstream.grabber;

import java.util.Objects;

/**
 * Why a pipeline could not be opened, and whether trying again can help.
 *
 * @param permanent true when retrying cannot help (wrong credentials, unknown host, wrong codec):
 *                  the grabber goes to {@link StreamState#FAILED} and stops
 * @param reason    one line for people; never the password
 */
public record Diagnosis(boolean permanent, String reason) {
    /**
     * Checks that there is a reason: it ends up in logs, health events and exception messages.
     *
     * @param permanent true when retrying cannot help
     * @param reason    one line for people; never the password
     * @throws NullPointerException when {@code reason} is null
     */
    public Diagnosis {
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * A failure that may go away: connection refused, camera rebooting, network stall.
     *
     * @param reason one line for people; never the password
     * @return a new transient diagnosis; immutable, so it may be kept and shared freely
     */
    public static Diagnosis transientFailure(String reason) {
        return new Diagnosis(false, reason);
    }

    /**
     * A failure that retrying cannot fix.
     *
     * @param reason one line for people; never the password
     * @return a new permanent diagnosis; immutable, so it may be kept and shared freely
     */
    public static Diagnosis permanentFailure(String reason) {
        return new Diagnosis(true, reason);
    }
}
