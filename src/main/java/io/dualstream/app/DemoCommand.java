package io.dualstream.app;

import io.dualstream.inspect.CameraReport;
import io.dualstream.inspect.InspectionOptions;
import io.dualstream.inspect.InspectionRuntime;
import io.dualstream.internal.natives.GStreamerSupport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the inspection runtime of {@code run}, on the built-in synthetic camera. */
@Command(name = "demo", sortOptions = false,
        header = "run the inspection on a built-in synthetic camera (no camera needed)",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Runs exactly what `run` runs, over a built-in configuration with no camera: one synthetic camera "
                    + "built from GStreamer's test source (a white bar sweeping across the picture, a new object "
                    + "every 6.4 s; main stream 4000x3000 at 5 fps, sub stream 1280x720 at 25 fps), H.264-encoded "
                    + "and decoded like a camera's streams. The built-in motion detector and tracker follow the bar "
                    + "on the sub stream; every time it crosses the middle, the main-stream frame of that instant (from the pre-trigger ring) is "
                    + "saved as a 4000x3000 JPEG with a crop and a JSON sidecar under DIR/demo/."},
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:at least one snapshot was saved", "1:no snapshot was saved", Main.EXIT_LINE_USAGE,
                Main.EXIT_LINE_MISSING})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "snapshots",
            description = "where the snapshots go, in a sub-folder demo/ (default: ${DEFAULT-VALUE})")
    String outFolder;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "30",
            description = "how long to run, 1..86400 (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws UsageException, CommandFailedException {
        Ranges.check("demo", "--seconds", seconds, 1, 86_400);
        Path folder = OutputFolder.prepare("demo", outFolder);
        PrintWriter out = spec.commandLine().getOut();

        GStreamerSupport.ensureAvailable();
        InspectionRuntime runtime = InspectionRuntime.start(List.of(SyntheticCameras.demoCamera(folder)),
                InspectionOptions.defaults());
        RunCommand.runUntilStopped(runtime, runtime::close, seconds, "demo", out);
        int saved = runtime.reports().stream().mapToInt(CameraReport::saved).sum();
        if (saved == 0) {
            throw new CommandFailedException("demo: no snapshot was saved in " + seconds + " s: run longer with "
                    + "--seconds, or see the log above");
        }
        out.printf("demo: %d snapshot(s) in %s%n", saved, folder.resolve("demo"));
        out.flush();
        return Main.EXIT_OK;
    }
}
