package io.dualstream.app;

import io.dualstream.natives.GStreamerSupport;
import io.dualstream.pipeline.GstInspectRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the dual-stream loop on the built-in synthetic cameras. */
@Command(name = "demo", sortOptions = false,
        header = "run the dual-stream loop on two synthetic cameras (no camera needed)",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Runs the dual-stream loop with no camera: two synthetic cameras built from GStreamer's test source "
                    + "(a ball crossing a trigger line; main stream 4000x3000 at 5 fps, sub stream 1280x720 at "
                    + "25 fps), H.264-encoded and decoded inside the pipelines like a camera's. Every time the ball "
                    + "crosses the middle of the sub stream, a full 4000x3000 snapshot is taken from the main "
                    + "stream and saved as a JPEG."},
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:at least one snapshot was saved", "1:no snapshot was saved", Main.EXIT_LINE_USAGE,
                Main.EXIT_LINE_MISSING})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "snapshots",
            description = "where the JPEGs go (default: ${DEFAULT-VALUE})")
    String outFolder;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "30",
            description = "how long to run, 1..86400 (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    /** How long a stop signal waits for the loop to save what it has and release the streams. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and waits for us
        }
    }

    @Override
    public Integer call() throws UsageException, CommandFailedException {
        Ranges.check("demo", "--seconds", seconds, 1, 86_400);
        Path folder = OutputFolder.prepare("demo", outFolder);
        PrintWriter out = spec.commandLine().getOut();

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

    private static int runAndReport(DualStreamLoop loop, int seconds, Path folder, PrintWriter out)
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
