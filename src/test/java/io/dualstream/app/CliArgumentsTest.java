package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Command-line parsing as pure values: no natives, no network. */
class CliArgumentsTest {
    private static CliArguments parse(String... args) throws UsageException {
        return CliArguments.parse("snapshot", List.of(args), Set.of("out", "timeout", "latency"));
    }

    @Test
    void splitsPositionalsAndBothOptionForms() throws Exception {
        CliArguments cli = parse("rtsp://h/x", "--out", "a.jpg", "--latency=50");
        assertEquals(List.of("rtsp://h/x"), cli.positionals());
        assertEquals("a.jpg", cli.option("out").orElseThrow());
        assertEquals(50, cli.intOption("latency", 200, 0, 10_000));
    }

    @Test
    void aValueMayContainEqualsAndDashes() throws Exception {
        assertEquals("x=--y", parse("--out=x=--y").option("out").orElseThrow());
    }

    @Test
    void durationsTakeUnitsAndPlainSeconds() throws Exception {
        Duration min = Duration.ofMillis(1);
        Duration max = Duration.ofHours(1);
        assertEquals(Duration.ofSeconds(10), parse("--timeout", "10").durationOption("timeout", null, min, max));
        assertEquals(Duration.ofMillis(2500), parse("--timeout", "2.5s").durationOption("timeout", null, min, max));
        assertEquals(Duration.ofMillis(500), parse("--timeout", "500ms").durationOption("timeout", null, min, max));
        assertEquals(Duration.ofMinutes(2), parse("--timeout", "2m").durationOption("timeout", null, min, max));
        assertEquals(Duration.ofSeconds(7), parse().durationOption("timeout", Duration.ofSeconds(7), min, max));
    }

    @Test
    void everyMistakeNamesTheOption() {
        assertMessage("unknown option --bogus", "--bogus", "1");
        assertMessage("--out needs a value", "--out");
        assertMessage("--out given twice", "--out", "a", "--out", "b");
        assertMessage("--latency must be a whole number", "--latency", "fast");
        assertMessage("--latency must be between 0 and 10000", "--latency", "-1");
        assertMessage("--timeout must be between", "--timeout", "2h");
    }

    @Test
    void helpIsRecognisedInBothForms() throws Exception {
        assertTrue(parse("-h").helpRequested());
        assertTrue(parse("--help").helpRequested());
    }

    private static void assertMessage(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> {
            CliArguments cli = parse(args);
            cli.intOption("latency", 0, 0, 10_000);
            cli.durationOption("timeout", Duration.ZERO, Duration.ZERO, Duration.ofHours(1));
        });
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
