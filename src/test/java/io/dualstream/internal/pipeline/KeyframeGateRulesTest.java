package io.dualstream.internal.pipeline;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyframe gate's rules one by one: {@code src/test/native/keyframe_gate_check.cpp}, compiled here
 * against the gate's source ({@code cmake/plugin-gstreamer/dualstream_keyframe_gate.hpp}) and this
 * machine's GStreamer, pushes hand-made H.264/H.265 access units through
 * {@code appsrc ! dskeyframegate ! appsink} and checks which come out: a stream joined mid-GOP, a gap,
 * a keyframe whose first slice was lost, the access unit a gap ended in (whole or missing a slice),
 * slice start codes on the 4 KiB read window's edges, RASL pictures after a CRA, H.264, other caps.
 * {@link KeyframeGateTest} is the same gate end to end, with real RTP losses and a real decoder.
 */
class KeyframeGateRulesTest {

    @Test
    @Timeout(120)
    void everyRuleHolds(@TempDir Path dir) throws Exception {
        Path check = dir.resolve("keyframe_gate_check");
        List<String> compile = new ArrayList<>(List.of("g++", "-std=c++11", "-O1", "-Wall", "-Werror",
                "-Icmake/plugin-gstreamer", "src/test/native/keyframe_gate_check.cpp", "-o", check.toString()));
        compile.addAll(Arrays.asList(output(List.of("pkg-config", "--cflags", "--libs", "gstreamer-1.0",
                "gstreamer-app-1.0"), dir).trim().split("\\s+")));
        output(compile, dir);
        String report = output(List.of(check.toString()), dir);
        System.out.print(report);
        assertTrue(report.contains("ok window edges"), report);
        assertTrue(report.endsWith("0 failure(s)\n"), report);
    }

    /** Runs the command, fails with its output and the fix unless it exits 0; returns the output. */
    private static String output(List<String> command, Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("out.txt");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is missing: install it with `sudo apt-get install g++ "
                    + "pkg-config libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev` (opencv-build/setup-debian.sh "
                    + "does)", e);
        }
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), String.join(" ", command) + " took over 90 s");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + text);
        return text;
    }
}
