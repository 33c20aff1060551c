package io.dualstream.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Maven that runs this build (surefire passes its home and local repository). */
final class Maven {
    private Maven() {
    }

    static String run(Path directory, String... arguments) throws IOException, InterruptedException {
        String home = System.getProperty("dualstream.maven.home", "");
        Path mvn = home.isBlank() ? Path.of("mvn") : Path.of(home, "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-q"));
        String repository = System.getProperty("dualstream.maven.repo", "");
        if (!repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        command.addAll(Arrays.asList(arguments));
        Path log = Files.createTempFile("dualstream-mvn", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            assertTrue(process.waitFor(300, TimeUnit.SECONDS), "mvn took over 300 s: " + command);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
