package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.config.DurationText;
import io.dualstream.internal.pipeline.DecoderPreference;
import io.dualstream.internal.stream.CodecChoice;
import io.dualstream.internal.stream.TransportChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/** Command-line parsing as pure values (no natives, no network), and the one-line error contract. */
class CommandLineTest {
    private static <T> T parsed(Class<T> type, String... args) {
        ParseResult result = Main.newCommandLine().parseArgs(args);
        return type.cast(result.subcommand().commandSpec().userObject());
    }

    @Test
    void snapshotOptionsBecomeTypedValues() {
        SnapshotCommand cmd = parsed(SnapshotCommand.class, "snapshot", "rtsp://u:p@h:8554/x", "--out=a.jpg",
                "--codec", "H265", "--transport", "udp", "--latency", "50", "--decoder", "software",
                "--timeout", "2.5s");
        assertEquals("h", cmd.url.host());
        assertEquals(Path.of("a.jpg"), cmd.outFile);
        assertEquals(CodecChoice.H265, cmd.codec);
        assertEquals(TransportChoice.UDP, cmd.transport);
        assertEquals(50, cmd.latency);
        assertEquals(DecoderPreference.SOFTWARE, cmd.decoderPreference);
        assertEquals(Duration.ofMillis(2500), cmd.timeout);
    }

    @Test
    void snapshotDefaults() {
        SnapshotCommand cmd = parsed(SnapshotCommand.class, "snapshot", "rtsp://h/x", "--out", "a.jpg");
        assertEquals(CodecChoice.AUTO, cmd.codec);
        assertEquals(TransportChoice.AUTO, cmd.transport);
        assertEquals(DecoderPreference.AUTO, cmd.decoderPreference);
        assertEquals(Duration.ofSeconds(15), cmd.timeout);
    }

    @Test
    void durationsTakeUnitsAndPlainSeconds() {
        assertEquals(Duration.ofSeconds(10), CliConverters.duration("10"));
        assertEquals(Duration.ofMillis(500), CliConverters.duration("500ms"));
        assertEquals(Duration.ofMinutes(2), CliConverters.duration("2m"));
        assertEquals(Duration.ofHours(1), CliConverters.duration("1h"));
        assertEquals(Duration.ofDays(7), CliConverters.duration("7d"));
        assertTrue(DurationText.parse("soon").isEmpty());
        assertTrue(DurationText.parse("-1s").isEmpty());
    }

    @Test
    void noCommandPrintsTheOverviewAndExits2() {
        CommandRunner result = CommandRunner.run();
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertTrue(result.out().contains("Commands:"), result.out());
        assertTrue(result.out().contains("snapshot"), result.out());
        assertTrue(result.out().contains("Exit codes:"), result.out());
    }

    @Test
    void helpInEveryFormExits0() {
        for (List<String> args : List.of(List.of("--help"), List.of("-h"), List.of("help"), List.of("help", "demo"),
                List.of("demo", "--help"), List.of("snapshot", "-h"), List.of("run", "--help"),
                List.of("doctor", "--help"), List.of("probe", "--help"))) {
            CommandRunner result = CommandRunner.run(args.toArray(String[]::new));
            assertEquals(Main.EXIT_OK, result.exitCode(), args + ": " + result.err());
            assertTrue(result.out().contains("Usage:"), args + ": " + result.out());
            assertTrue(result.out().contains("Exit codes:"), args + ": " + result.out());
            assertFalse(result.out().contains("null"), args + ": a help text lost a value: " + result.out());
        }
        assertTrue(CommandRunner.run("run", "--help").out().contains("${secret:NAME}"));
    }

    @Test
    void unknownCommandIsOneUsageLine() {
        CommandRunner result = CommandRunner.run("fly");
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("'fly'"), result.err());
    }

    @Test
    void parseErrorsNeverShowAPassword() {
        String password = "s3cr et@x";
        CommandRunner result = CommandRunner.run("snapshot", "rtsp://admin:" + password + "@h/a", "--out", "a.jpg",
                "rtsp://admin:" + password + "@h/b");
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertFalse(result.err().contains("s3cr"), result.err());
        assertTrue(result.err().contains("rtsp://admin:***@h/b"), result.err());
    }

    @Test
    void rangeErrorsNameTheOption() {
        CommandRunner result = CommandRunner.run("snapshot", "rtsp://h/x", "--out", "a.jpg", "--latency", "-1");
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertTrue(result.err().contains("--latency must be between 0 and 10000"), result.err());
        result = CommandRunner.run("snapshot", "rtsp://h/x", "--out", "a.jpg", "--latency", "fast");
        assertEquals(Main.EXIT_USAGE, result.exitCode());
        assertTrue(result.err().contains("--latency"), result.err());
    }

    @Test
    void converterErrorsListTheChoices() {
        CommandLine.TypeConversionException e = org.junit.jupiter.api.Assertions.assertThrows(
                CommandLine.TypeConversionException.class, () -> CliConverters.enumValue("sctp", TransportChoice.class));
        assertTrue(e.getMessage().contains("tcp, udp"), e.getMessage());
    }
}
