package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.testing.RtspTestServer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code probe} against the RTSP test server's streams of known parameters: a constant-bitrate H.264
 * mount (x264enc bitrate=1000 pass=cbr with filler: 1,024,000 bit/s, since x264's "kbit" is 1024 bits;
 * checked by encoding 10 s to a file: 1,280,953 bytes) of 320x240 at 25 fps, and an H.265 mount.
 */
@Timeout(120)
class ProbeCommandTest {
    private static final double CBR_BITS_PER_SECOND = 1_024_000;
    private static RtspTestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RtspTestServer.startWithArguments(List.of(
                "--launch", "/cbr=( videotestsrc is-live=true pattern=snow ! video/x-raw,width=320,height=240,"
                        + "framerate=25/1 ! x264enc bitrate=1000 pass=cbr speed-preset=ultrafast tune=zerolatency "
                        + "key-int-max=25 option-string=nal-hrd=cbr:filler ! rtph264pay name=pay0 pt=96 "
                        + "config-interval=1 )",
                "--mount", "/h265=h265:640x360@25"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void matchesTheKnownStreamWithin5Percent() {
        String url = server.url("/cbr").replace("rtsp://", "rtsp://viewer:Secr3t-pw@");
        CommandRunner result = CommandRunner.run("probe", url, "--json", "--seconds", "6");
        System.out.println(result.out());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        String json = result.out().strip();
        assertEquals(1, json.lines().count(), json);
        assertEquals("\"H.264\"", field(json, "codec"));
        assertEquals(320, (int) number(json, "width"));
        assertEquals(240, (int) number(json, "height"));
        assertEquals(3, (int) number(json, "channels"));
        assertEquals(320 * 240 * 3, (long) number(json, "bytes_per_frame"));
        assertWithin(25, number(json, "reported_fps"), "reported fps");
        assertWithin(320 * 240 * 3 * 25 / 1e6, number(json, "uncompressed_mb_per_s"), "uncompressed MB/s");
        assertWithin(CBR_BITS_PER_SECOND / 1e6, number(json, "compressed_mbit_per_s"), "compressed Mbit/s");
        assertWithin(320 * 240 * 3 * 25 / (CBR_BITS_PER_SECOND / 8), number(json, "compression_ratio"), "ratio");
        assertFalse(result.out().contains("Secr3t") || result.err().contains("Secr3t"), "password printed");
        assertTrue(json.contains("viewer:***@"), json);
    }

    @Test
    void textReportForH265FindsTheCodecByItself() {
        CommandRunner result = CommandRunner.run("probe", server.url("/h265"), "--seconds", "2");
        System.out.println(result.out());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("(H.265)"), out);
        assertTrue(out.contains("Resolution:        640x360"), out);
        assertTrue(out.contains("Channels:          3"), out);
        assertTrue(out.contains("Bytes per frame:   691200"), out);
        assertTrue(out.contains("Compressed (wire): "), out);
        assertTrue(out.contains("Ratio:             "), out);
    }

    @Test
    void anUnreachableCameraIsOneLineAndExit1() {
        CommandRunner result = CommandRunner.run("probe", "rtsp://u:pw123@127.0.0.1:1/x", "--timeout", "2s");
        assertEquals(Main.EXIT_FAILED, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("probe rtsp://u:***@127.0.0.1:1/x: "), result.err());
        assertFalse(result.err().contains("pw123"), result.err());
    }

    private static void assertWithin(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= 0.05 * expected, what + ": expected " + expected + " within 5 %, got "
                + actual + String.format(" (%+.1f %%)", 100 * (actual - expected) / expected));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"[^\"]*\"|[-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static double number(String json, String name) {
        return Double.parseDouble(field(json, name));
    }
}
