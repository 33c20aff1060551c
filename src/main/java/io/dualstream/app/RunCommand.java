package io.dualstream.app;

import io.dualstream.config.ConfigException;
import io.dualstream.config.ConfigLoader;
import io.dualstream.config.InspectionConfig;
import io.dualstream.inspect.CameraReport;
import io.dualstream.inspect.CameraSettings;
import io.dualstream.inspect.InspectionOptions;
import io.dualstream.inspect.InspectionRuntime;
import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.station.Station;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run --config FILE}: the inspection application, every camera of the config file, until stopped. */
@Command(name = "run", sortOptions = false,
        header = "run the inspection: every camera of the config file, until stopped",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Loads the config file (see config/sample.yaml and README's \"Config file\"), then, per camera, "
                    + "reads the sub stream, detects and tracks objects, and when one crosses the trigger line "
                    + "saves the full-resolution main-stream frame with a crop and a JSON sidecar.",
            "",
            "A camera never stops by itself: both streams reconnect after reboots, outages of any length, stalls "
                    + "and resolution changes (backoff up to 2 s between attempts), also when a camera is off at "
                    + "start. Failures that need a person (wrong password, path or codec) are logged once with "
                    + "the fix and retried every minute. Every state change is logged once.",
            "",
            "Ctrl+C or SIGTERM stops it cleanly: snapshots already asked for are written, streams released, "
                    + "a summary printed per camera (snapshots, each stream's outages, their total time and "
                    + "reconnects). `doctor --config FILE` checks this machine for the same cameras."},
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by --seconds, or --dry-run found the config valid",
                "143:stopped by SIGTERM (130: Ctrl+C), the JVM's status for the signal, after the same clean stop",
                Main.EXIT_LINE_USAGE, Main.EXIT_LINE_MISSING})
final class RunCommand implements Callable<Integer> {
    /** How long a stop signal waits for cameras to save what they have and release their streams. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "the config file (YAML)")
    Path config;

    @Option(names = "--secrets", paramLabel = "FILE",
            description = "secrets file for $${secret:NAME} values; overrides the config's secrets-file")
    Path secrets;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "0",
            description = "stop after N seconds, 0 = run until stopped (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--preview", description = "show a window per camera: sub stream, trigger line, tracked boxes")
    boolean preview;

    @Option(names = "--dry-run", description = "only load and check the config, print the cameras, and exit")
    boolean dryRun;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws UsageException, CommandFailedException, ConfigException {
        Ranges.check("run", "--seconds", seconds, 0, 365 * 86_400);
        PrintWriter out = spec.commandLine().getOut();
        InspectionConfig loaded = new ConfigLoader().load(config, Optional.ofNullable(secrets));
        for (CameraSettings camera : loaded.cameras()) {
            out.println(describe(camera));
        }
        out.println("station " + loaded.station() + ": " + loaded.mqtt().map(Object::toString).orElse("no mqtt") + "; "
                + loaded.http().map(Object::toString).orElse("no http endpoint"));
        out.flush();
        if (dryRun) {
            out.printf("run: %s is valid, %d camera(s)%n", config, loaded.cameras().size());
            return Main.EXIT_OK;
        }
        GStreamerSupport.ensureAvailable();
        Station station;
        try {
            station = Station.start(loaded, InspectionOptions.defaults().withPreview(preview));
        } catch (IllegalArgumentException e) {
            throw new UsageException("run: " + e.getMessage());
        }
        return runUntilStopped(station.runtime(), station::close, seconds, "run", out);
    }

    /**
     * Runs until Ctrl+C / SIGTERM or {@code seconds} (0: no limit), then stops every camera in order
     * and prints each camera's report. Cameras never stop by themselves, so this returns only on
     * request. Shared by {@code run} and {@code demo}.
     *
     * @param stop stops the runtime and whatever runs around it (the station's MQTT link and HTTP
     *             endpoint), in order; called once by whoever stops first, a signal or the time limit
     */
    static int runUntilStopped(InspectionRuntime runtime, Runnable stop, int seconds, String command,
                               PrintWriter out) throws CommandFailedException {
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl+C or a service stop: finish the snapshots in hand, send their events and release the
        // streams cleanly instead of dying with a JPEG half written.
        Thread stopOnSignal = new Thread(() -> {
            stop.run();
            try {
                finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dualstream-" + command + "-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            runtime.awaitClosed(seconds == 0 ? Duration.ofDays(365 * 100L) : Duration.ofSeconds(seconds));
            stop.run();
            for (CameraReport r : runtime.reports()) {
                out.printf("%s: camera %s: %s (%s)%n", command, r.camera(), r.describe(), r.stopReason());
            }
            out.flush();
            return Main.EXIT_OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException(command + ": interrupted", e);
        } finally {
            stop.run();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running and waits for us
            }
        }
    }

    private static String human(Duration d) {
        if (d.toMillis() % 86_400_000 == 0) {
            return d.toDays() + "d";
        }
        return d.toMillis() % 3_600_000 == 0 ? d.toHours() + "h" : d.toSeconds() + "s";
    }

    /** One line per camera, credentials masked: what the operator can check against the plan. */
    static String describe(CameraSettings c) {
        String trigger = c.trigger() == null ? "no trigger line" : String.format(java.util.Locale.ROOT,
                "trigger (%.3f, %.3f)-(%.3f, %.3f) %s", c.trigger().from().x(), c.trigger().from().y(),
                c.trigger().to().x(), c.trigger().to().y(), c.trigger().direction().name()
                        .toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        return String.format(java.util.Locale.ROOT,
                "camera %s: main %s, sub %s, %s, pre-trigger %d frames, output %s (JPEG %d, keep %s, max age %s), "
                        + "trigger sources %s",
                c.name(), c.main(), c.sub(), trigger, c.preTriggerFrames(), c.output().folder(),
                c.output().jpegQuality(), c.output().keepCount() == 0 ? "all" : String.valueOf(c.output().keepCount()),
                c.output().keepAge().isZero() ? "none" : human(c.output().keepAge()), c.triggerSources());
    }
}
