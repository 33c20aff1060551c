package io.dualstream.internal.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Wine and mingw-w64 for the Windows tests: programs from {@code src/test/wine/} compiled
 * with mingw-w64 and run under Wine, in a Wine prefix kept in {@code ~/.cache/dualstream/wine-prefix}
 * (or {@value #PREFIX_PROPERTY}).
 */
final class Wine {
    /** true in CI ({@code .ci/run}): a missing prerequisite fails the test instead of skipping it. */
    static final String REQUIRED_PROPERTY = "dualstream.wine.required";
    static final String PREFIX_PROPERTY = "dualstream.wine.prefix";
    static final String CC = "x86_64-w64-mingw32-gcc-posix";
    private static final long TIMEOUT_SECONDS = 180;

    record Result(int exit, String output) {
    }

    private Wine() {
    }

    /** What is missing of wine and the mingw-w64 compiler, each with the package to install. */
    static List<String> missingTools() {
        List<String> missing = new ArrayList<>();
        if (!runs("wine", "--version")) {
            missing.add("wine (apt-get install -y wine wine64)");
        }
        if (!runs(CC, "--version")) {
            missing.add(CC + " (apt-get install -y gcc-mingw-w64-x86-64-posix)");
        }
        return missing;
    }

    /** Fails in CI, else skips the calling test class with the reason printed. */
    static void requireNothingMissing(String testClass, List<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        String why = testClass + " needs: " + String.join("; ", missing);
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            fail(why + " (-D" + REQUIRED_PROPERTY + "=true: CI must run it)");
        }
        System.out.println("SKIPPED " + why);
        assumeTrue(false, why);
    }

    /** Compiles {@code src/test/wine/<program>.c} into {@code folder/<program>.exe}. */
    static Path compile(String program, Path folder) throws IOException, InterruptedException {
        Path source = Path.of("src/test/wine", program + ".c").toAbsolutePath();
        Path exe = folder.resolve(program + ".exe");
        Result cc = exec(List.of(CC, "-O1", "-Wall", "-o", exe.toString(), source.toString()), Map.of(), folder);
        assertEquals(0, cc.exit(), "compiling " + source + ":\n" + cc.output());
        return exe;
    }

    /**
     * Runs {@code wine command...} in {@code folder}; {@code searchPath} folders go on the Windows
     * PATH (WINEPATH), as GStreamer's bin folder does on Windows.
     */
    static Result run(List<String> command, Path folder, List<Path> searchPath, Map<String, String> environment)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add("wine");
        line.addAll(command);
        Map<String, String> env = new HashMap<>(environment);
        env.put("WINEPREFIX", System.getProperty(PREFIX_PROPERTY,
                Path.of(System.getProperty("user.home"), ".cache", "dualstream", "wine-prefix").toString()));
        env.put("WINEDEBUG", "-all");
        env.put("WINEDLLOVERRIDES", "mscoree,mshtml=");
        env.put("WINEPATH", String.join(";", searchPath.stream().map(Wine::windowsPath).toList()));
        return exec(line, env, folder);
    }

    /** Wine maps the Unix root to drive Z:. */
    static String windowsPath(Path path) {
        return "Z:" + path.toAbsolutePath().toString().replace('/', '\\');
    }

    private static Result exec(List<String> command, Map<String, String> env, Path folder)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("dualstream-wine", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not end in " + TIMEOUT_SECONDS + " s:\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
