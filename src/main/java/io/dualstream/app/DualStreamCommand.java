package io.dualstream.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top of the command tree: without a command it prints the overview and exits 2. */
@Command(name = DualStreamCommand.NAME,
        headerHeading = "",
        header = "DualStream: full-resolution snapshots from IP cameras, triggered by a fast sub stream.%n",
        synopsisHeading = "Usage: ",
        customSynopsis = DualStreamCommand.NAME + " <command> [options]",
        commandListHeading = "%nCommands:%n",
        subcommands = {RunCommand.class, DemoCommand.class, SnapshotCommand.class, DoctorCommand.class, ProbeCommand.class, picocli.CommandLine.HelpCommand.class},
        mixinStandardHelpOptions = false,
        footerHeading = "%n",
        footer = {"`java -jar dualstream.jar <command> --help` shows a command's options.",
                "Logs go to stderr, results to stdout; add -Dlog4j2.level=DEBUG before -jar for more detail."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:ran but failed (no snapshot, stream not opened, file not written, check failed)",
                Main.EXIT_LINE_USAGE, Main.EXIT_LINE_MISSING})
final class DualStreamCommand implements Callable<Integer> {
    static final String NAME = "java -jar dualstream.jar";

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.EXIT_USAGE;
    }
}
