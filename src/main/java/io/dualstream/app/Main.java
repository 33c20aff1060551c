package io.dualstream.app;

import io.dualstream.config.ConfigException;
import io.dualstream.grabber.GStreamerUnavailableException;
import io.dualstream.internal.pipeline.GStreamerNotFoundException;
import io.dualstream.internal.pipeline.MissingElementException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code java -jar dualstream.jar <command> ...}. picocli parses; this class turns every failure into
 * one line on stderr and a documented exit code — never a stack trace for a user error.
 */
public final class Main {
    /** The command did what it was asked. */
    static final int EXIT_OK = 0;
    /** It ran but did not succeed: no snapshot saved, stream could not be opened, file not written. */
    static final int EXIT_FAILED = 1;
    /** The command line or the config file is wrong. */
    static final int EXIT_USAGE = 2;
    /** A component is missing: GStreamer, one of its elements, or OpenCV's GStreamer plugin. */
    static final int EXIT_MISSING_COMPONENT = 3;

    // Exit-code lines shared by the commands' --help (picocli "code:meaning" form).
    static final String EXIT_LINE_USAGE = "2:bad command line or config file; one line says what and where";
    static final String EXIT_LINE_MISSING = "3:a component is missing (GStreamer, an element, OpenCV's GStreamer "
            + "plugin); one line names it and the install command";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        CommandLine cli = newCommandLine();
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setParameterExceptionHandler((e, ignored) -> usageError(e, args, errWriter));
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failure(e, commandLine, errWriter));
        try {
            return cli.execute(args.toArray(String[]::new));
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The whole command tree, with our converters; also used by tests that parse without running. */
    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new DualStreamCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return CliConverters.register(cli);
    }

    private static int usageError(ParameterException e, List<String> args, PrintWriter err) {
        String command = e.getCommandLine().getCommandName();
        String where = command.equals(DualStreamCommand.NAME) ? "" : " " + command;
        String message = Secrets.maskArguments(e.getMessage(), args).replaceAll("\\s*\\R\\s*", " ").strip();
        err.println("dualstream" + where + ": " + message + " (see `java -jar dualstream.jar" + where + " --help`)");
        return EXIT_USAGE;
    }

    private static int failure(Exception e, CommandLine commandLine, PrintWriter err) {
        if (e instanceof UsageException || e instanceof ConfigException) {
            err.println("dualstream: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (e instanceof GStreamerUnavailableException || e instanceof MissingElementException
                || e instanceof GStreamerNotFoundException) {
            err.println("dualstream: " + e.getMessage());
            return EXIT_MISSING_COMPONENT;
        }
        if (e instanceof CommandFailedException) {
            err.println("dualstream: " + e.getMessage());
            return EXIT_FAILED;
        }
        err.println("dualstream: " + commandLine.getCommandName() + " failed: " + e);
        return EXIT_FAILED;
    }
}
