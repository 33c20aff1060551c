package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.testing.RtspTestServer;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials never leave the process: the whole app runs in a child JVM against an auth-protected
 * mount with a password full of URL syntax, succeeding, failing with a wrong password (with
 * GStreamer's warnings switched on), and riding through a server restart; every byte of its
 * stdout, stderr, and every file it wrote (names and contents) is searched for the password in
 * plain, URL-encoded and Basic-auth forms.
 */
class SecretsTest {
    private static final String USER = "inspector";
    private static final String PASSWORD = "s3@:/!%'cret";
    private static final String WRONG = "wr@:/!%'ong";

    @TempDir
    Path work;

    @Test
    @Timeout(180)
    void noPasswordInAnyOutputOrFile() throws Exception {
        List<String> runs = new ArrayList<>();
        ByteArrayOutputStream everything = new ByteArrayOutputStream();
        try (RtspTestServer server = RtspTestServer.startWithArguments(List.of("--mount", "/secure=h264:320x240@10",
                "--auth", "/secure=" + USER + ":" + PASSWORD))) {
            String good = server.url("/secure").replace("rtsp://", "rtsp://" + USER + ":" + PASSWORD + "@");
            String bad = server.url("/secure").replace("rtsp://", "rtsp://" + USER + ":" + WRONG + "@");

            AppProcess ok = AppProcess.run(work, Map.of(), null, Duration.ofSeconds(60), "snapshot", good, "--out",
                    work.resolve("one.jpg").toString());
            assertEquals(Main.EXIT_OK, ok.exitCode(), ok.err());
            keep(everything, runs, "single snapshot", ok);

            // --codec h264: rtspsrc itself tries the wrong password (with auto, the probe would first).
            AppProcess refused = AppProcess.run(work, Map.of("GST_DEBUG", "3"), null, Duration.ofSeconds(60),
                    "snapshot", bad, "--codec", "h264", "--out", work.resolve("never.jpg").toString());
            assertEquals(Main.EXIT_FAILED, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains("refused the credentials"), refused.err());
            keep(everything, runs, "wrong password through rtspsrc, GST_DEBUG=3", refused);

            AppProcess probed = AppProcess.run(work, Map.of(), null, Duration.ofSeconds(60),
                    "snapshot", bad, "--out", work.resolve("never.jpg").toString());
            assertEquals(Main.EXIT_FAILED, probed.exitCode(), probed.err());
            assertTrue(probed.err().contains("check the user name and password"), probed.err());
            keep(everything, runs, "wrong password, codec probe", probed);

            AppProcess.Started interval = AppProcess.start(work, Map.of(), null, "snapshot", good, "--every", "1s",
                    "--seconds", "20", "--out", work.resolve("series").toString());
            IntervalSnapshotCommandTest.awaitFirstSnapshot(work.resolve("series"), Duration.ofSeconds(30));
            server.kill();
            Thread.sleep(2000);
            server.restart();
            AppProcess series = interval.await(Duration.ofSeconds(90));
            assertEquals(Main.EXIT_OK, series.exitCode(), series.out() + series.err());
            assertTrue(series.err().contains("RECONNECTING"), "the restart must show in the log: " + series.err());
            keep(everything, runs, "interval across a restart", series);
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.toList()) {
                everything.write(file.toString().getBytes(StandardCharsets.UTF_8));
                if (Files.isRegularFile(file)) {
                    everything.write(Files.readAllBytes(file));
                }
            }
        }
        byte[] haystack = everything.toByteArray();
        for (Map.Entry<String, String> form : forms().entrySet()) {
            int at = indexOf(haystack, form.getValue().getBytes(StandardCharsets.UTF_8));
            assertEquals(-1, at, "the password appeared as " + form.getKey() + " in the output of " + runs);
        }
        System.out.printf("secrets: %d bytes of output and files from %s searched for %d forms of 2 passwords%n",
                haystack.length, runs, forms().size());
    }

    private static void keep(ByteArrayOutputStream all, List<String> runs, String name, AppProcess run) {
        all.writeBytes(run.stdout());
        all.writeBytes(run.stderr());
        runs.add(name);
    }

    /** Every way a password could be written out: raw, URL-encoded (form and path style), Basic-auth. */
    private static Map<String, String> forms() {
        Map<String, String> forms = new LinkedHashMap<>();
        for (String secret : List.of(PASSWORD, WRONG)) {
            String which = secret.equals(PASSWORD) ? "right password " : "wrong password ";
            forms.put(which + "as typed", secret);
            forms.put(which + "form-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
            forms.put(which + "percent-encoded", percentEncoded(secret));
            forms.put(which + "in Basic credentials", Base64.getEncoder().encodeToString(
                    (USER + ":" + secret).getBytes(StandardCharsets.UTF_8)));
            // Without its first and last letter: catches a password cut or quoted differently.
            forms.put(which + "core", secret.substring(1, secret.length() - 1));
        }
        return forms;
    }

    private static String percentEncoded(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            if (Character.isLetterOrDigit(c)) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
