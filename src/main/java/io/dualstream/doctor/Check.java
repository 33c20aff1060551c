package io.dualstream.doctor;

import java.util.Locale;

/**
 * One line of the doctor's report: what was checked, what was found, and for a failure the command or
 * step that fixes it.
 *
 * @param subject what was checked, e.g. "java", "element avdec_h265"
 * @param outcome how it went
 * @param detail  what was found, one line, no credentials
 * @param fix     how to fix a failure or warning; empty when there is nothing to do
 */
public record Check(String subject, Outcome outcome, String detail, String fix) {
    /** How a check went; {@link #exitCode()} ranks failures for the process exit code. */
    public enum Outcome {
        OK, INFO, WARN,
        /** Something the cameras need is absent: GStreamer, an element, OpenCV's plugin. Exit code 3. */
        MISSING,
        /** Present but unusable for the configured cameras (e.g. beyond NVDEC's limits). Exit code 1. */
        FAIL;

        public boolean blocksCameras() {
            return this == MISSING || this == FAIL;
        }
    }

    public static Check ok(String subject, String detail) {
        return new Check(subject, Outcome.OK, detail, "");
    }

    public static Check info(String subject, String detail) {
        return new Check(subject, Outcome.INFO, detail, "");
    }

    public static Check warn(String subject, String detail, String fix) {
        return new Check(subject, Outcome.WARN, detail, fix);
    }

    public static Check missing(String subject, String detail, String fix) {
        return new Check(subject, Outcome.MISSING, detail, fix);
    }

    public static Check fail(String subject, String detail, String fix) {
        return new Check(subject, Outcome.FAIL, detail, fix);
    }

    /** {@code [ ok ] java: 17.0.12 ...} or {@code [FAIL] element x: missing -> fix: ...}. */
    public String line() {
        String tag = switch (outcome) {
            case OK -> "[ ok ]";
            case INFO -> "[info]";
            case WARN -> "[warn]";
            case MISSING -> "[MISS]";
            case FAIL -> "[FAIL]";
        };
        return tag + " " + subject + ": " + detail + (fix.isEmpty() ? "" : " -> fix: " + fix);
    }

    @Override
    public String toString() {
        return line().toLowerCase(Locale.ROOT);
    }
}
