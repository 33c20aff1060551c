package io.dualstream.app;

import io.dualstream.natives.GStreamerUnavailableException;
import io.dualstream.pipeline.GStreamerNotFoundException;
import io.dualstream.pipeline.MissingElementException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar dualstream.jar <command> ...}. Parses, runs one command, and turns every failure
 * into one line on stderr and a documented exit code — never a stack trace for a user error.
 */
public final class Main {
    /** The command did what it was asked. */
    static final int EXIT_OK = 0;
    /** It ran but did not succeed: no snapshot saved, stream could not be opened, file not written. */
    static final int EXIT_FAILED = 1;
    /** The command line is wrong. */
    static final int EXIT_USAGE = 2;
    /** A component is missing: GStreamer, one of its elements, or OpenCV's GStreamer plugin. */
    static final int EXIT_MISSING_COMPONENT = 3;

    static final String USAGE = """
            DualStream: full-resolution snapshots from IP cameras, triggered by a fast sub stream.

            Usage: java -jar dualstream.jar <command> [options]

            Commands:
              demo       run the dual-stream loop on two synthetic cameras (no camera needed)
              snapshot   take one full-resolution snapshot from an RTSP stream and save it
              help       show this text; `<command> --help` shows a command's options

            Exit codes: 0 success, 1 failed (e.g. no snapshot), 2 bad command line,
                        3 missing component (GStreamer, an element, or OpenCV's GStreamer plugin).
            Logs go to stderr; add -Dlog4j2.level=DEBUG before -jar for more detail.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("help", "-h", "--help").contains(args.get(0))) {
            out.print(USAGE);
            return args.isEmpty() ? EXIT_USAGE : EXIT_OK;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "demo" -> DemoCommand.run(rest, out);
                case "snapshot" -> SnapshotCommand.run(rest, out);
                default -> throw new UsageException("unknown command '" + command + "': use demo or snapshot "
                        + "(see `java -jar dualstream.jar --help`)");
            };
        } catch (UsageException e) {
            err.println("dualstream: " + e.getMessage());
            return EXIT_USAGE;
        } catch (GStreamerUnavailableException | MissingElementException | GStreamerNotFoundException e) {
            err.println("dualstream: " + e.getMessage());
            return EXIT_MISSING_COMPONENT;
        } catch (CommandFailedException e) {
            err.println("dualstream: " + e.getMessage());
            return EXIT_FAILED;
        } catch (RuntimeException e) {
            err.println("dualstream: " + command + " failed: " + e);
            return EXIT_FAILED;
        }
    }
}
