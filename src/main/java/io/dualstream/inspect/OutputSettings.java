package io.dualstream.inspect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how snapshots are written, and how long they are kept.
 *
 * @param folder          output folder; each camera writes into its own sub-folder named after it
 * @param jpegQuality     JPEG quality 1..100
 * @param keepCount       keep at most this many snapshots per camera (oldest deleted first); 0 = no limit
 * @param keepAge         delete snapshots older than this; {@link Duration#ZERO} = no limit
 */
public record OutputSettings(Path folder, int jpegQuality, int keepCount, Duration keepAge) {
    public OutputSettings {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(keepAge, "keepAge");
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + jpegQuality);
        }
        if (keepCount < 0) {
            throw new IllegalArgumentException("retention count must be >= 0 (0 = keep all), got " + keepCount);
        }
        if (keepAge.isNegative()) {
            throw new IllegalArgumentException("retention age must be >= 0 (0 = keep all), got " + keepAge);
        }
    }

    /** Quality 95, no retention limit. */
    public static OutputSettings in(Path folder) {
        return new OutputSettings(folder, 95, 0, Duration.ZERO);
    }
}
