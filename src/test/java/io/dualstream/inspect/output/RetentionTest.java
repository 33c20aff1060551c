package io.dualstream.inspect.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files in a temporary folder. */
class RetentionTest {
    @TempDir
    Path folder;

    private void snapshot(String base, Instant time) throws IOException {
        for (String suffix : new String[] {".jpg", "-crop.jpg", ".json"}) {
            Path file = Files.writeString(folder.resolve(base + suffix), "x");
            Files.setLastModifiedTime(file, FileTime.from(time));
        }
    }

    @Test
    void keepsTheNewestByCountAndLeavesForeignFilesAlone() throws IOException {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        for (int i = 0; i < 5; i++) {
            snapshot("cam-" + i, now.minusSeconds(60 - i));
        }
        Files.writeString(folder.resolve("notes.txt"), "mine");
        assertEquals(2, new Retention(3, Duration.ZERO).apply(folder, now));
        for (int i = 0; i < 5; i++) {
            assertEquals(i >= 2, Files.exists(folder.resolve("cam-" + i + ".json")), "cam-" + i);
            assertEquals(i >= 2, Files.exists(folder.resolve("cam-" + i + "-crop.jpg")), "cam-" + i);
        }
        assertTrue(Files.exists(folder.resolve("notes.txt")));
    }

    @Test
    void deletesByAgeAndNothingWithoutLimits() throws IOException {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        snapshot("old", now.minus(Duration.ofDays(8)));
        snapshot("new", now.minus(Duration.ofDays(1)));
        assertEquals(0, new Retention(0, Duration.ZERO).apply(folder, now));
        assertEquals(1, new Retention(0, Duration.ofDays(7)).apply(folder, now));
        assertFalse(Files.exists(folder.resolve("old.jpg")));
        assertTrue(Files.exists(folder.resolve("new.jpg")));
    }
}
