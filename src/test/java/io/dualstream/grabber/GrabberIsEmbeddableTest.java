package io.dualstream.grabber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Users copy or depend on the grabber package alone: it may use the JDK and OpenCV, nothing else
 * of the app and no logging framework (it logs through System.Logger).
 */
class GrabberIsEmbeddableTest {
    private static final Path SOURCES = Path.of("src/main/java/io/dualstream/grabber");

    @Test
    void grabberImportsOnlyTheJdkAndOpenCv() throws Exception {
        List<String> offending = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(SOURCES)) {
            files = list.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertFalse(files.isEmpty(), "no sources found in " + SOURCES.toAbsolutePath());
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("import ") && !allowed(trimmed)) {
                    offending.add(file.getFileName() + ": " + trimmed);
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    private static boolean allowed(String importLine) {
        String name = importLine.replaceFirst("^import (static )?", "");
        return name.startsWith("java.") || name.startsWith("org.bytedeco.opencv.")
                || name.startsWith("org.bytedeco.javacpp.") || name.startsWith("io.dualstream.grabber.");
    }
}
