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
    public Diagnosis {
        Objects.requireNonNull(reason, "reason");
    }

    /** A failure that may go away: connection refused, camera rebooting, network stall. */
    public static Diagnosis transientFailure(String reason) {
        return new Diagnosis(false, reason);
    }

    /** A failure that retrying cannot fix. */
    public static Diagnosis permanentFailure(String reason) {
        return new Diagnosis(true, reason);
    }
}
