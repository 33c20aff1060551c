package io.dualstream.internal.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code windows\check.cmd} and {@code windows\run.cmd} under Wine's {@code cmd.exe}, with a
 * {@code java.exe} stand-in ({@code src/test/wine/java_stand_in.c}): there is no Windows JDK here.
 * Wine's cmd is itself a stand-in for Windows' (close, not identical), so this proves the scripts'
 * logic and messages, not their behaviour on real Windows.
 */
class WindowsScriptsWineTest {
    @TempDir
    static Path work;

    private static Path scripts;
    private static Path javaBin;

    @BeforeAll
    static void prepare() throws IOException, InterruptedException {
        Wine.requireNothingMissing("WindowsScriptsWineTest", Wine.missingTools());
        scripts = Files.createDirectories(work.resolve("dualstream"));
        for (String script : List.of("dualstream-env.cmd", "dualstream-gstreamer.cmd", "check.cmd", "run.cmd")) {
            // CRLF, as a checkout gets them (.gitattributes)
            String text = Files.readString(Path.of("windows", script), StandardCharsets.UTF_8).replace("\r\n", "\n");
            Files.writeString(scripts.resolve(script), text.replace("\n", "\r\n"), StandardCharsets.UTF_8);
        }
        Files.write(scripts.resolve("dualstream.jar"), new byte[] {'P', 'K'});
        javaBin = Files.createDirectories(work.resolve("java/bin"));
        Files.move(Wine.compile("java_stand_in", javaBin), javaBin.resolve("java.exe"));
    }

    private static Wine.Result cmd(String line, List<Path> path, Map<String, String> env)
            throws IOException, InterruptedException {
        return Wine.run(List.of("cmd", "/c", line), scripts, path, env);
    }

    private Path gstreamerRoot(boolean withCoreDll) throws IOException {
        Path bin = Files.createDirectories(work.resolve(withCoreDll ? "gst-ok" : "gst-empty").resolve("bin"));
        if (withCoreDll) {
            Files.write(bin.resolve("gstreamer-1.0-0.dll"), new byte[] {'M', 'Z'});
        }
        return bin.getParent();
    }

    @Test
    void withoutJavaOneLineSaysWhatToInstall() throws IOException, InterruptedException {
        Wine.Result result = cmd("check.cmd", List.of(), Map.of());
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().strip().startsWith("[dualstream] FAILED: java not found on PATH"), result.output());
        assertTrue(result.output().contains("Java 17 x64 runtime"), result.output());
    }

    @Test
    void anOldJavaIsRefused() throws IOException, InterruptedException {
        Wine.Result result = cmd("run.cmd run", List.of(javaBin), Map.of("JAVA_STAND_IN_VERSION", "1.8.0_392"));
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("java on PATH is version 1.8.0_392, Java 17 or newer is needed"),
                result.output());
    }

    @Test
    void withoutGStreamerCheckNamesTheInstallerAndEveryFolderSearched() throws IOException, InterruptedException {
        Path empty = gstreamerRoot(false);
        Wine.Result result = cmd("check.cmd", List.of(javaBin),
                Map.of("GSTREAMER_1_0_ROOT_MSVC_X86_64", Wine.windowsPath(empty)));
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("[check] java 17.0.12"), result.output());
        String failed = result.output().lines().filter(l -> l.startsWith("[check] FAILED")).findFirst().orElse("");
        assertTrue(failed.contains("gstreamer-1.0-msvc-x86_64-<version>.msi"), result.output());
        assertTrue(failed.contains(Wine.windowsPath(empty) + "\\bin"), failed);
        assertTrue(failed.contains("\\gstreamer\\1.0\\msvc_x86_64\\bin; "), failed);
    }

    @Test
    void checkRunsDoctorAndRunPassesItsArguments() throws IOException, InterruptedException {
        Map<String, String> env = Map.of("GSTREAMER_1_0_ROOT_MSVC_X86_64", Wine.windowsPath(gstreamerRoot(true)));
        Wine.Result check = cmd("check.cmd --config inspection.yaml", List.of(javaBin), env);
        assertEquals(3, check.exit(), "doctor's exit code comes back: " + check.output());
        assertTrue(check.output().contains("java-stand-in: [-jar] [" + Wine.windowsPath(scripts) + "\\dualstream.jar] "
                + "[doctor] [--config] [inspection.yaml]"), check.output());
        Wine.Result run = cmd("run.cmd run --config inspection.yaml", List.of(javaBin), env);
        assertEquals(3, run.exit(), run.output());
        assertTrue(run.output().contains("dualstream.jar] [run] [--config] [inspection.yaml]"), run.output());
    }
}
