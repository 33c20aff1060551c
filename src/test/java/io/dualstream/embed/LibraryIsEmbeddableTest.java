package io.dualstream.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's own compile classpath already keeps the app's libraries out (Maven would not compile
 * an import of them); these checks keep the two promises Maven cannot: no logging framework at all
 * (the library logs through System.Logger) and a public API of fewer than 20 types, all in
 * {@code io.dualstream.grabber}.
 */
class LibraryIsEmbeddableTest {
    private static final Path SOURCES = Path.of("src/library/java");
    private static final Path API = SOURCES.resolve("io/dualstream/grabber");

    @Test
    void libraryImportsOnlyTheJdkOpenCvJavaCppAndItself() throws Exception {
        List<String> offending = new ArrayList<>();
        List<Path> files = javaFiles(SOURCES);
        assertFalse(files.isEmpty(), "no sources found in " + SOURCES.toAbsolutePath());
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("import ") && !allowed(file, trimmed)) {
                    offending.add(SOURCES.relativize(file) + ": " + trimmed);
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void thePublicApiIsOnePackageOfFewerThanTwentyTypes() throws Exception {
        List<String> publicTypes = new ArrayList<>();
        for (Path file : javaFiles(API)) {
            String name = file.getFileName().toString().replace(".java", "");
            if (name.equals("package-info")) {
                continue;
            }
            collectPublic(Class.forName("io.dualstream.grabber." + name), publicTypes);
        }
        System.out.println("public API (" + publicTypes.size() + " types): " + publicTypes);
        assertTrue(publicTypes.size() < 20, publicTypes.size() + " public types: " + publicTypes);
        assertTrue(publicTypes.contains("MainStreamGrabber") && publicTypes.contains("Snapshot"), publicTypes.toString());
    }

    private static void collectPublic(Class<?> type, List<String> into) {
        if (!Modifier.isPublic(type.getModifiers())) {
            return;
        }
        into.add(type.getName().substring("io.dualstream.grabber.".length()).replace('$', '.'));
        for (Class<?> nested : type.getDeclaredClasses()) {
            collectPublic(nested, into);
        }
    }

    private static List<Path> javaFiles(Path folder) throws Exception {
        try (Stream<Path> tree = Files.walk(folder)) {
            return tree.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static boolean allowed(Path file, String importLine) {
        String name = importLine.replaceFirst("^import (static )?", "");
        if (name.startsWith("com.sun.jna.")) {
            // JNA is the library's optional dependency, touched by this one class only
            return file.getFileName().toString().equals("Kernel32Environment.java");
        }
        return name.startsWith("java.") || name.startsWith("org.bytedeco.opencv.")
                || name.startsWith("org.bytedeco.javacpp.") || name.startsWith("org.opencv.")
                || name.startsWith("io.dualstream.grabber.") || name.startsWith("io.dualstream.internal.");
    }
}
