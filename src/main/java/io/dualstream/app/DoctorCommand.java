package io.dualstream.app;

import io.dualstream.config.ConfigException;
import io.dualstream.config.ConfigLoader;
import io.dualstream.config.InspectionConfig;
import io.dualstream.doctor.Check;
import io.dualstream.doctor.ConfigChecks;
import io.dualstream.doctor.CudaGpuProbe;
import io.dualstream.doctor.Doctor;
import io.dualstream.doctor.PlannedStream;
import io.dualstream.doctor.RuntimeChecks;
import io.dualstream.internal.pipeline.GstInspectRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doctor [--config FILE]}: can this machine run these cameras? One line per check. */
@Command(name = "doctor", sortOptions = false,
        header = "check this machine: Java, OpenCV, GStreamer, elements, plugin, NVIDIA GPU",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Prints one line per check, [ ok ], [info], [warn], [MISS] or [FAIL], each failure with its fix: Java, "
                    + "OpenCV and its video backends, GStreamer's version and location, every element the "
                    + "configured cameras need (rtspsrc, depayloaders, parsers, NVDEC / Direct3D11 / software "
                    + "decoders) and the decoder each stream will get, OpenCV's GStreamer plugin, and the NVIDIA "
                    + "GPU with NVDEC's limits for H.264/HEVC at the configured resolutions (`resolution:` of a "
                    + "stream; 4000x3000 main and 1280x720 sub assumed otherwise). Without --config it checks "
                    + "both codecs. With --config it also checks that each output folder can be written and "
                    + "that each camera answers on its RTSP port (a warning if not). A machine without an NVIDIA driver is reported and checked on: cameras then "
                    + "decode in software (or Direct3D11 on Windows)."},
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the configured cameras can run on this machine (warnings allowed)",
                "1:something present is unusable for them (e.g. a stream beyond NVDEC's limits)",
                "2:bad command line, or the config file is invalid (its line says where)",
                "3:a component is missing (Java 17, GStreamer, an element, OpenCV's GStreamer plugin)"})
final class DoctorCommand implements Callable<Integer> {
    private static final Duration CAMERA_TIMEOUT = Duration.ofSeconds(3);

    @Option(names = "--config", paramLabel = "FILE", description = "check for the cameras of this config file")
    Path config;

    @Option(names = "--secrets", paramLabel = "FILE", description = "secrets file for the config's $${secret:NAME}")
    Path secrets;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Check> checks = new ArrayList<>();
        boolean configInvalid = false;
        List<PlannedStream> streams = PlannedStream.defaults();
        if (config != null) {
            try {
                InspectionConfig loaded = new ConfigLoader().load(config, Optional.ofNullable(secrets));
                streams = PlannedStream.of(loaded);
                checks.add(Check.ok("config", config + ": " + loaded.cameras().size() + " camera(s)"));
                checks.addAll(ConfigChecks.outputFolders(loaded));
                checks.addAll(ConfigChecks.reachability(loaded, CAMERA_TIMEOUT));
                checks.addAll(ConfigChecks.stationServices(loaded, CAMERA_TIMEOUT));
            } catch (ConfigException e) {
                configInvalid = true;
                checks.add(Check.fail("config", e.getMessage(), "correct that line; the checks below assume "
                        + "both codecs"));
            }
        }
        print(out, checks);
        List<Check> machine = List.of(RuntimeChecks.java(), RuntimeChecks.openCv(), RuntimeChecks.gstreamer());
        print(out, machine);
        checks.addAll(machine);
        boolean gstreamerPresent = machine.get(2).outcome() == Check.Outcome.OK;
        List<Check> rest = new ArrayList<>();
        if (gstreamerPresent) {
            rest.add(RuntimeChecks.plugin());
            print(out, rest);
            List<Check> streamChecks = new Doctor(new GstInspectRegistry(), OperatingSystemName.isWindows(),
                    new CudaGpuProbe()).check(streams);
            print(out, streamChecks);
            rest.addAll(streamChecks);
        } else {
            rest.add(Check.info("elements, plugin, gpu", "not checked: GStreamer is missing"));
            print(out, rest);
        }
        checks.addAll(rest);
        int code = configInvalid ? Main.EXIT_USAGE : Doctor.exitCode(checks);
        long blocking = checks.stream().filter(c -> c.outcome().blocksCameras()).count();
        out.printf("doctor: %d checks, %d blocking; %s (exit %d)%n", checks.size(), blocking, code == 0
                ? "the cameras can run here" : "the cameras cannot run here until the lines marked MISS/FAIL are "
                + "fixed", code);
        out.flush();
        return code;
    }

    private static void print(PrintWriter out, List<Check> checks) {
        checks.forEach(c -> out.println(c.line()));
        out.flush();
    }

    /** Same rule as the pipeline's platform check, which is package-private there. */
    private static final class OperatingSystemName {
        static boolean isWindows() {
            return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        }
    }
}
