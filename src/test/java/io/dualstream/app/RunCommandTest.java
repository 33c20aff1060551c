package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}: the repository's sample config is valid, and a broken config is one line naming file, line, key. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void theSampleConfigIsValidAndItsPasswordIsNotPrinted() {
        CommandRunner result = CommandRunner.run("run", "--config", "config/sample.yaml", "--dry-run");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("camera cam1: main rtsp://operator:***@127.0.0.1:8554/main (h264, tcp)"),
                result.out());
        assertTrue(result.out().contains("is valid, 1 camera(s)"), result.out());
        assertFalse(result.out().contains("not-needed"), result.out());
    }

    @Test
    void aBrokenConfigIsOneLineWithFileLineAndKey() throws Exception {
        String sample = Files.readString(Path.of("config/sample.yaml"));
        Files.copy(Path.of("config/sample-secrets.yaml"), dir.resolve("sample-secrets.yaml"));
        Path broken = Files.writeString(dir.resolve("pc7.yaml"), sample.replace("jpeg-quality: 95", "jpeg-quality: 0"));
        CommandRunner result = CommandRunner.run("run", "--config", broken.toString(), "--dry-run");
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        int line = sample.lines().toList().indexOf(sample.lines().filter(l -> l.contains("jpeg-quality")).findFirst()
                .orElseThrow()) + 1;
        assertTrue(result.err().startsWith("dualstream: pc7.yaml:" + line + ": output.jpeg-quality: must be between 1 "
                + "and 100, got 0"), result.err());
    }

    @Test
    void configIsRequired() {
        CommandRunner result = CommandRunner.run("run");
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertTrue(result.err().contains("--config"), result.err());
    }
}
