package io.dualstream.app;

import io.dualstream.natives.GStreamerSupport;
import io.dualstream.pipeline.GstInspectRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code demo}: the dual-stream loop on the built-in synthetic cameras. */
final class DemoCommand {
    static final String HELP = """
            Usage: java -jar dualstream.jar demo [--out DIR] [--seconds N]

            Runs the dual-stream loop with no camera: two synthetic cameras built from GStreamer's
            test source (a ball crossing a trigger line; main stream 4000x3000 at 2 fps, sub stream
            1280x720 at 25 fps), H.264-encoded and decoded inside the pipelines like a camera's.
            Every time the ball crosses the middle of the sub stream, a full 4000x3000 snapshot is
            taken from the main stream and saved as a JPEG.

            Options:
              --out DIR      where the JPEGs go (default: snapshots)
              --seconds N    how long to run, 1..86400 (default: 30)

            Exits 0 when at least one snapshot was saved, 1 when none was, 2 on a bad option,
            3 when GStreamer, an element or OpenCV's GStreamer plugin is missing.
            """;

    /** How long a stop signal waits for the loop to save what it has and release the streams. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private DemoCommand() {
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and waits for us
        }
    }

    static int run(List<String> args, PrintStream out) throws UsageException, CommandFailedException {
        CliArguments cli = CliArguments.parse("demo", args, Set.of("out", "seconds"));
        if (cli.helpRequested()) {
            out.print(HELP);
            return Main.EXIT_OK;
        }
        if (!cli.positionals().isEmpty()) {
            throw new UsageException("demo: unexpected argument '" + cli.positionals().get(0) + "' (see `dualstream "
                    + "demo --help`)");
        }
        Path folder = OutputFolder.prepare("demo", cli.option("out").orElse("snapshots"));
        int seconds = cli.intOption("seconds", 30, 1, 86_400);

        GStreamerSupport.ensureAvailable();
        CameraPipelines cameras = SyntheticCameras.create(new GstInspectRegistry());
        DualStreamLoop loop = new DualStreamLoop(cameras, new LineCrossingTrigger(0.5,
                LineCrossingTrigger.Direction.ANY), folder, Duration.ofSeconds(5), Duration.ofSeconds(10));
        // Ctrl+C or a service stop: finish the snapshots in hand and release the streams cleanly
        // instead of dying with a JPEG half written.
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopOnSignal = new Thread(() -> {
            loop.requestStop();
            try {
                finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dualstream-demo-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            return runAndReport(loop, seconds, folder, out);
        } finally {
            finished.countDown();
            removeHook(stopOnSignal);
        }
    }

    private static int runAndReport(DualStreamLoop loop, int seconds, Path folder, PrintStream out)
            throws CommandFailedException {
        DualStreamLoop.Result result;
        try {
            result = loop.run(Duration.ofSeconds(seconds));
        } catch (IOException e) {
            throw new CommandFailedException("demo: " + e.getMessage(), e);
        }
        out.printf("demo: %d sub-stream frames, %d triggers, %d snapshots saved in %s (%s)%n", result.subFrames(),
                result.triggers(), result.saved(), folder, result.stopReason());
        out.flush();
        if (result.saved() == 0) {
            throw new CommandFailedException("demo: no snapshot was saved in " + seconds + " s (" + result.triggers()
                    + " triggers, " + result.failed() + " failed snapshots; " + result.stopReason()
                    + "): run longer with --seconds, or see the log above");
        }
        return Main.EXIT_OK;
    }
}
