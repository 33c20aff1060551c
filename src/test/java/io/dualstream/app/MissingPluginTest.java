package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar built without running opencv-build/ first: the app must stop with exit code 3 and one line
 * naming the missing plugin and the two commands that fix it. Runs the app in a child JVM whose
 * classpath has our classes (the library's copied without the bundled plugin), and whose JavaCPP cache is empty, so no
 * plugin from an earlier run can be found either.
 */
class MissingPluginTest {
    private static final String NATIVES = "io/dualstream/natives";

    @TempDir
    Path work;

    @Test
    @Timeout(60)
    void aJarWithoutThePluginSaysHowToBuildIt() throws Exception {
        // The library holds the plugin: its classes folder, or its jar once the reactor packaged it.
        List<String> classpath = new ArrayList<>();
        Path stripped = work.resolve("library-classes");
        boolean replaced = false;
        for (String entry : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (holdsThePlugin(path)) {
                copyWithoutNatives(path, stripped);
                classpath.add(stripped.toString());
                replaced = true;
            } else if (!entry.endsWith("test-classes")) {
                classpath.add(entry);
            }
        }
        assertTrue(replaced, "the library (with io/dualstream/natives/) not found on the test classpath");

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process app = new ProcessBuilder(java.toString(),
                "-Dorg.bytedeco.javacpp.cachedir=" + work.resolve("javacpp-cache"),
                "-cp", String.join(File.pathSeparator, classpath),
                "io.dualstream.app.Main", "demo", "--out", work.resolve("out").toString(), "--seconds", "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(app.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(app.waitFor(30, TimeUnit.SECONDS));
        assertEquals(Main.EXIT_MISSING_COMPONENT, app.exitValue(), stderr);
        List<String> ours = stderr.lines().filter(l -> l.startsWith("dualstream: ")).toList();
        assertEquals(1, ours.size(), stderr);
        assertTrue(ours.get(0).contains("GStreamer plugin") && ours.get(0).contains("is not in this jar")
                && ours.get(0).contains("opencv-build/build-plugin.sh") && ours.get(0).contains("mvn"), ours.get(0));
    }

    private static boolean holdsThePlugin(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.isDirectory(entry.resolve(NATIVES));
        }
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return false;
        }
        try (FileSystem jar = FileSystems.newFileSystem(entry)) {
            return Files.isDirectory(jar.getPath(NATIVES));
        }
    }

    private static void copyWithoutNatives(Path entry, Path to) throws IOException {
        if (Files.isDirectory(entry)) {
            copyTree(entry, to);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(entry)) {
                copyTree(jar.getPath("/"), to);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Path natives = from.resolve(NATIVES);
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                if (source.startsWith(natives) && !source.equals(natives)
                        && Files.isDirectory(natives.resolve(natives.relativize(source).getName(0).toString()))) {
                    continue;   // a platform folder holding the plugin, or a file inside one
                }
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
