package io.dualstream.inspect.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes old snapshots of one camera folder: beyond the newest {@code keepCount}, and older than
 * {@code keepAge}. A snapshot is the set of files sharing its sidecar's base name
 * ({@code NAME.json}, {@code NAME.jpg}, {@code NAME-crop.jpg}); its time is the sidecar's modification
 * time. Files the runtime did not write (no sidecar) are never touched. The sidecar is deleted last,
 * so an interrupted clean-up is finished by the next one.
 */
public final class Retention {
    private final int keepCount;
    private final Duration keepAge;

    /**
     * @param keepCount newest snapshots to keep, 0 = no limit
     * @param keepAge   delete snapshots older than this, zero = no limit
     */
    public Retention(int keepCount, Duration keepAge) {
        this.keepCount = keepCount;
        this.keepAge = keepAge;
    }

    /** Applies the limits to {@code folder}; returns how many snapshots were deleted. */
    public int apply(Path folder, Instant now) throws IOException {
        if (keepCount == 0 && keepAge.isZero() || !Files.isDirectory(folder)) {
            return 0;
        }
        record Entry(Path sidecar, Instant modified) {
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".json") && !name.startsWith(".")) {
                    entries.add(new Entry(file, Files.getLastModifiedTime(file).toInstant()));
                }
            }
        }
        // Newest first; the name (which starts with the time) breaks ties within a millisecond.
        entries.sort((a, b) -> {
            int byTime = b.modified.compareTo(a.modified);
            return byTime != 0 ? byTime : b.sidecar.getFileName().compareTo(a.sidecar.getFileName());
        });
        int deleted = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            boolean tooMany = keepCount > 0 && i >= keepCount;
            boolean tooOld = !keepAge.isZero() && entry.modified.isBefore(now.minus(keepAge));
            if (tooMany || tooOld) {
                delete(entry.sidecar);
                deleted++;
            }
        }
        return deleted;
    }

    private static void delete(Path sidecar) throws IOException {
        String name = sidecar.getFileName().toString();
        String base = name.substring(0, name.length() - ".json".length());
        Files.deleteIfExists(sidecar.resolveSibling(base + ".jpg"));
        Files.deleteIfExists(sidecar.resolveSibling(base + "-crop.jpg"));
        Files.deleteIfExists(sidecar);
    }
}
