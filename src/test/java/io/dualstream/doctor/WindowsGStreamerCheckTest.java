package io.dualstream.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.internal.natives.WindowsDllFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor's Windows GStreamer line, run on Linux: a folder tree shaped like the MSVC runtime, the
 * environment passed in, and a fixed element set instead of gst-inspect-1.0.exe.
 */
class WindowsGStreamerCheckTest {
    @TempDir
    Path root;

    private Path install(boolean withInspectTool) throws IOException {
        Path bin = Files.createDirectories(root.resolve("gstreamer/1.0/msvc_x86_64/bin"));
        Files.createFile(bin.resolve("gstreamer-1.0-0.dll"));
        if (withInspectTool) {
            Files.createFile(bin.resolve("gst-inspect-1.0.exe"));
        }
        return bin;
    }

    private WindowsGStreamerCheck check(Map<String, String> env, Set<String> elements) {
        return new WindowsGStreamerCheck(new WindowsDllFolders(env, Optional.empty(), List.of()),
                tool -> Optional.of("GStreamer 1.24.12"), tool -> elements::contains);
    }

    @Test
    void reportsFolderVersionAndHardwareDecoders() throws IOException {
        Path bin = install(true);
        WindowsGStreamerCheck check = check(Map.of(WindowsDllFolders.GSTREAMER_ROOT_VARIABLE, bin.getParent().toString()),
                Set.of("d3d11h264dec", "d3d11h265dec", "nvh265dec"));
        Check result = check.check();
        assertEquals(Check.Outcome.OK, result.outcome(), result.line());
        assertEquals("GStreamer 1.24.12, MSVC x86_64 runtime in " + bin + "; hardware decoders: Direct3D11 "
                + "d3d11h264dec, d3d11h265dec, NVDEC nvh265dec", result.detail());
        assertEquals(Optional.of(bin.resolve("gst-inspect-1.0.exe")), check.inspectTool());
    }

    @Test
    void noHardwareDecoderIsAWarning() throws IOException {
        Path bin = install(true);
        Check result = check(Map.of(WindowsDllFolders.GSTREAMER_ROOT_VARIABLE, bin.getParent().toString()),
                Set.of("avdec_h264")).check();
        assertEquals(Check.Outcome.WARN, result.outcome(), result.line());
        assertTrue(result.detail().contains("Direct3D11 none (d3d11h264dec, d3d11h265dec absent), NVDEC none"),
                result.detail());
        assertTrue(result.fix().contains("\"Complete\""), result.fix());
    }

    @Test
    void missingRuntimeIsOneLineWithTheInstallerAndEveryFolderSearched() {
        Path programFiles = root.resolve("Program Files");
        Check result = check(Map.of(WindowsDllFolders.GSTREAMER_ROOT_VARIABLE, root.resolve("gone").toString(),
                "ProgramFiles", programFiles.toString()), Set.of()).check();
        assertEquals(Check.Outcome.MISSING, result.outcome());
        String line = result.line();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("gstreamer-1.0-msvc-x86_64-<version>.msi"), line);
        assertTrue(line.contains(root.resolve("gone").resolve("bin").toString()), line);
        assertTrue(line.contains(programFiles.resolve("gstreamer/1.0/msvc_x86_64/bin").toString()), line);
        assertTrue(line.contains(Path.of("C:\\", "gstreamer", "1.0", "msvc_x86_64", "bin").toString()), line);
        assertEquals(Optional.empty(), check(Map.of(), Set.of()).inspectTool());
    }

    @Test
    void runtimeWithoutInspectToolIsAWarning() throws IOException {
        Path bin = install(false);
        Check result = check(Map.of(WindowsDllFolders.GSTREAMER_ROOT_VARIABLE, bin.getParent().toString()),
                Set.of("d3d11h264dec")).check();
        assertEquals(Check.Outcome.WARN, result.outcome(), result.line());
        assertTrue(result.detail().startsWith("MSVC x86_64 runtime in " + bin), result.detail());
    }
}
