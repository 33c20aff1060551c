package io.dualstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.pipeline.GstInspectRegistry;
import io.dualstream.testing.RtspTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} on this machine for real: real GStreamer registry, real plugin, real GPU probe (no driver here). */
class DoctorCommandTest {
    @TempDir
    Path dir;

    @Test
    void theSampleConfigCanRunHere() {
        CommandRunner result = CommandRunner.run("doctor", "--config", "config/sample.yaml");
        System.out.println(result.out());
        assertEquals(Main.EXIT_OK, result.exitCode(), result.out() + result.err());
        String out = result.out();
        assertTrue(out.contains("[ ok ] config: config/sample.yaml: 1 camera(s)"), out);
        assertTrue(out.contains("[ ok ] java: "), out);
        assertTrue(out.contains("[ ok ] opencv: 4.10.0"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("[ ok ] gstreamer: GStreamer 1.")), out);
        assertTrue(out.contains("[ ok ] opencv gstreamer plugin: "), out);
        assertTrue(out.contains("[ ok ] stream cam1 main (H.264, 1920x1080): all elements present; decoder "), out);
        assertTrue(out.contains("[ ok ] stream cam1 sub (H.264, 1280x720 assumed)"), out);
        assertTrue(out.contains("nvidia gpu: "), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("^\\[( ok |warn)] camera cam1 at 127\\.0\\.0\\.1:8554: .*")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("[ ok ] output folder ")), out);
        assertTrue(out.contains("the cameras can run here (exit 0)"), out);
        assertFalse(out.contains("not-needed"), "the sample's password must not be printed:\n" + out);
        // one line per check, each tagged
        assertTrue(out.lines().filter(l -> !l.startsWith("doctor: ")).allMatch(l -> l.matches("^\\[(.ok.|info|warn|MISS|FAIL)] .*")),
                out);
    }

    @Test
    void anUnwritableOutputFolderFailsAndAReachableCameraIsOk() throws Exception {
        Files.writeString(dir.resolve("a-file"), "x");
        try (RtspTestServer server = RtspTestServer.start("/h264=h264:320x240@10")) {
            Path config = Files.writeString(dir.resolve("pc.yaml"), "output: {folder: a-file/snapshots}\n"
                    + "cameras:\n  - name: a\n    main: {url: '" + server.url("/h264") + "', codec: h264}\n"
                    + "    sub: {url: '" + server.url("/h264") + "', codec: h264}\n"
                    + "    trigger: {from: [0.5, 0], to: [0.5, 1]}\n");
            CommandRunner result = CommandRunner.run("doctor", "--config", config.toString());
            assertEquals(Main.EXIT_FAILED, result.exitCode(), result.out());
            assertTrue(result.out().contains("[FAIL] output folder " + dir.resolve("a-file/snapshots")
                    + ": " + dir.resolve("a-file") + " is not a folder"), result.out());
            assertTrue(result.out().contains("[ ok ] camera a at 127.0.0.1:" + server.port()
                    + ": answers on its RTSP port"), result.out());
        }
    }

    @Test
    void withoutConfigBothCodecsAreChecked() {
        CommandRunner result = CommandRunner.run("doctor");
        assertEquals(Main.EXIT_OK, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("(H.265, 4000x3000 assumed)"), result.out());
        assertTrue(result.out().contains("(H.264, 4000x3000 assumed)"), result.out());
    }

    @Test
    void missingGStreamerIsExit3WithTheInstallCommand() {
        String before = System.getProperty(GstInspectRegistry.EXECUTABLE_PROPERTY);
        System.setProperty(GstInspectRegistry.EXECUTABLE_PROPERTY, dir.resolve("no-gst-inspect").toString());
        try {
            CommandRunner result = CommandRunner.run("doctor");
            assertEquals(Main.EXIT_MISSING_COMPONENT, result.exitCode(), result.out());
            assertTrue(result.out().contains("[MISS] gstreamer: could not run"), result.out());
            assertTrue(result.out().contains("sudo apt-get install gstreamer1.0-tools"), result.out());
        } finally {
            if (before == null) {
                System.clearProperty(GstInspectRegistry.EXECUTABLE_PROPERTY);
            } else {
                System.setProperty(GstInspectRegistry.EXECUTABLE_PROPERTY, before);
            }
        }
    }

    @Test
    void anInvalidConfigIsExit2AndNamesTheLine() throws Exception {
        Path config = Files.writeString(dir.resolve("pc.yaml"), "cameras:\n  - name: a\n    main: {url: rtsp://h/x, codec: vp9}\n");
        CommandRunner result = CommandRunner.run("doctor", "--config", config.toString());
        assertEquals(Main.EXIT_USAGE, result.exitCode(), result.out());
        assertTrue(result.out().contains("[FAIL] config: pc.yaml:3: cameras[0].main.codec: codec must be one of"),
                result.out());
    }
}
