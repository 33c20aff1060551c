package io.dualstream.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The whole app in a child JVM ({@code io.dualstream.app.Main} on this test's class path), with its
 * stdout and stderr kept as bytes: what a user or a service manager would see. Optionally under a
 * file-size limit ({@code ulimit -f}, the kernel's RLIMIT_FSIZE: writes past it fail with EFBIG,
 * a real "disk full" for that process).
 */
record AppProcess(int exitCode, byte[] stdout, byte[] stderr) {

    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    String err() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    static Started start(Path workingDir, Map<String, String> environment, Integer fileSizeLimitKiB, String... args)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        if (fileSizeLimitKiB != null) {
            // bash's ulimit -f counts 1024-byte blocks; exec keeps the JVM as the shell's process.
            command.addAll(List.of("/bin/bash", "-c", "ulimit -f " + fileSizeLimitKiB + " && exec \"$0\" \"$@\""));
        }
        command.addAll(List.of(java.toString(), "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                "io.dualstream.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().putAll(environment);
        return new Started(builder.start());
    }

    static AppProcess run(Path workingDir, Map<String, String> environment, Integer fileSizeLimitKiB,
                          Duration timeout, String... args) throws Exception {
        return start(workingDir, environment, fileSizeLimitKiB, args).await(timeout);
    }

    /** A running child; its output is read on threads of its own (never the common pool). */
    static final class Started {
        private final Process process;
        private final ExecutorService readers = Executors.newFixedThreadPool(2);
        private final CompletableFuture<byte[]> out;
        private final CompletableFuture<byte[]> err;

        Started(Process process) {
            this.process = process;
            this.out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), readers);
            this.err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), readers);
            readers.shutdown();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** SIGTERM, as a service manager or Ctrl+C stops it; then wait for it to end. */
        AppProcess terminate(Duration timeout) throws Exception {
            // Through the handle: Process.destroy() would also close our ends of the child's pipes,
            // and everything the child prints while stopping would be lost.
            process.toHandle().destroy();
            return await(timeout);
        }

        AppProcess await(Duration timeout) throws Exception {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                process.destroyForcibly();
                throw new AssertionError("the app did not end within " + timeout + "; stderr:\n"
                        + new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
            }
            return new AppProcess(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        }

        private static byte[] readAll(InputStream in) {
            try (in) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                return bytes.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        }
    }
}
