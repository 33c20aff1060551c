package io.dualstream.config;

import java.nio.file.Path;

/**
 * A config or secrets file is wrong. The message is one line that names the file, the line and the key:
 * {@code dualstream.yaml:12: cameras[0].main.codec: must be one of h264, h265, hevc, auto, got 'mpeg2'}.
 * It never contains a credential: values are quoted as written in the file, before {@code ${...}} is
 * replaced.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String key;

    public ConfigException(Path file, int line, String key, String problem) {
        super(file.getFileName() + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    /** The file at fault, as given. */
    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when the problem is the whole file (missing, unreadable). */
    public int line() {
        return line;
    }

    /** Dotted path of the key at fault ({@code cameras[0].main.url}), or empty for the whole file. */
    public String key() {
        return key;
    }
}
