package io.dualstream.internal.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows DLL search logic, run on Linux: folder trees that look like a GStreamer MSVC install
 * and a custom OpenCV build in a temp folder, and a fake process environment instead of kernel32.
 */
class WindowsDllFoldersTest {
    @TempDir
    Path root;

    private Path gstreamerInstall(Path base) throws IOException {
        Path bin = Files.createDirectories(base.resolve("bin"));
        Files.createFile(bin.resolve("gstreamer-1.0-0.dll"));
        Files.createFile(bin.resolve("glib-2.0-0.dll"));
        return base;
    }

    private Path openCvBin(String dll) throws IOException {
        Path bin = Files.createDirectories(root.resolve("opencv/install/x64/vc17/bin"));
        Files.createFile(bin.resolve(dll));
        return bin;
    }

    private static WindowsDllFolders folders(Map<String, String> env) {
        return new WindowsDllFolders(env, Optional.empty(), List.of());
    }

    @Test
    void theInstallersVariableWins() throws IOException {
        Path custom = gstreamerInstall(root.resolve("D/gst/1.0/msvc_x86_64"));
        gstreamerInstall(root.resolve("Program Files/gstreamer/1.0/msvc_x86_64"));
        DllSearchPlan plan = folders(Map.of("GSTREAMER_1_0_ROOT_MSVC_X86_64", custom.toString(),
                "ProgramFiles", root.resolve("Program Files").toString())).plan();
        assertEquals(List.of(custom.resolve("bin")), plan.folders());
        assertEquals(1, plan.searched().size(), plan.searched().toString());
    }

    @Test
    void fallsBackToTheDefaultInstallFolder() throws IOException {
        Path programFiles = root.resolve("Program Files");
        Path install = gstreamerInstall(programFiles.resolve("gstreamer/1.0/msvc_x86_64"));
        DllSearchPlan plan = folders(Map.of("GSTREAMER_1_0_ROOT_MSVC_X86_64", root.resolve("gone").toString(),
                "ProgramFiles", programFiles.toString())).plan();
        assertEquals(List.of(install.resolve("bin")), plan.folders());
        assertTrue(plan.searched().get(0).contains("NOT FOUND"), plan.searched().toString());
    }

    @Test
    void missingGStreamerListsEveryFolderSearchedAndTheFix() {
        Map<String, String> env = Map.of("GSTREAMER_1_0_ROOT_MSVC_X86_64", root.resolve("a").toString(),
                "ProgramFiles", root.resolve("pf").toString(), "ProgramW6432", root.resolve("pf64").toString(),
                "SystemDrive", root.resolve("drive").toString());
        MissingDllFolderException e = assertThrows(MissingDllFolderException.class, () -> folders(env).plan());
        for (String expected : List.of("a", "pf", "pf64", "drive")) {
            assertTrue(e.getMessage().contains(root.resolve(expected).toString()), e.getMessage());
        }
        assertEquals(4, e.searched().size());
        assertTrue(e.getMessage().contains("gstreamer-1.0-msvc-x86_64"), "names the installer: " + e.getMessage());
        assertTrue(e.getMessage().contains("GSTREAMER_1_0_ROOT_MSVC_X86_64"), e.getMessage());
        assertTrue(!e.getMessage().contains("edit PATH"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void sayWhenTheVariableIsNotSet() {
        MissingDllFolderException e = assertThrows(MissingDllFolderException.class,
                () -> folders(Map.of("SystemDrive", root.toString())).plan());
        assertTrue(e.getMessage().contains("is not set"), e.getMessage());
    }

    @Test
    void customOpenCvBinComesFirstThenGStreamer() throws IOException {
        Path gst = gstreamerInstall(root.resolve("gst"));
        Path bin = openCvBin("opencv_world4100.dll");
        DllSearchPlan plan = new WindowsDllFolders(Map.of("GSTREAMER_1_0_ROOT_MSVC_X86_64", gst.toString()),
                Optional.of(bin.toString()), List.of()).plan();
        assertEquals(List.of(bin, gst.resolve("bin")), plan.folders());
    }

    @Test
    void theEnvironmentVariableNamesTheOpenCvBinWhenThePropertyIsUnset() throws IOException {
        Path gst = gstreamerInstall(root.resolve("gst"));
        Path bin = openCvBin("opencv_core4100.dll");
        DllSearchPlan plan = folders(Map.of("GSTREAMER_1_0_ROOT_MSVC_X86_64", gst.toString(),
                "DUALSTREAM_OPENCV_BIN", bin.toString())).plan();
        assertEquals(bin, plan.folders().get(0));
    }

    @Test
    void openCvDllsOnTheLibraryPathAreReachedToo() throws IOException {
        Path gst = gstreamerInstall(root.resolve("gst"));
        Path bin = openCvBin("opencv_core4100.dll");
        Path other = Files.createDirectories(root.resolve("other"));
        DllSearchPlan plan = new WindowsDllFolders(Map.of("GSTREAMER_1_0_ROOT_MSVC_X86_64", gst.toString()),
                Optional.empty(), List.of(other, bin)).plan();
        assertEquals(List.of(bin, gst.resolve("bin")), plan.folders(), "a folder without OpenCV DLLs is left out");
    }

    @Test
    void aCustomBinWithoutOpenCvIsAnErrorNotASilentFallback() throws IOException {
        Path gst = gstreamerInstall(root.resolve("gst"));
        Path empty = Files.createDirectories(root.resolve("empty"));
        MissingDllFolderException e = assertThrows(MissingDllFolderException.class,
                () -> new WindowsDllFolders(Map.of("GSTREAMER_1_0_ROOT_MSVC_X86_64", gst.toString()),
                        Optional.of(empty.toString()), List.of()).plan());
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("dualstream.opencv.bin"),
                e.getMessage());
    }

    @Test
    void applyPrependsOnceAndKeepsThePath() throws IOException {
        Path gst = gstreamerInstall(root.resolve("gst"));
        Path bin = openCvBin("opencv_world4100.dll");
        DllSearchPlan plan = new DllSearchPlan(List.of(bin, gst.resolve("bin")), List.of());
        FakeProcessEnvironment process = new FakeProcessEnvironment("C:\\Windows\\system32;C:\\Windows");
        assertEquals(plan.folders(), WindowsDllFolders.apply(plan, process));
        assertEquals(bin + ";" + gst.resolve("bin") + ";C:\\Windows\\system32;C:\\Windows", process.path());

        assertEquals(List.of(), WindowsDllFolders.apply(plan, process), "a second call adds nothing");
        assertEquals(1, process.writes.size(), "and does not write PATH again");
    }

    @Test
    void applySkipsFoldersAlreadyOnPathWhateverTheirCaseOrTrailingSlash() throws IOException {
        Path gst = gstreamerInstall(root.resolve("gst"));
        String already = gst.resolve("bin").toString().toUpperCase() + "\\";
        FakeProcessEnvironment process = new FakeProcessEnvironment(already);
        Path bin = openCvBin("opencv_core4100.dll");
        WindowsDllFolders.apply(new DllSearchPlan(List.of(bin, gst.resolve("bin")), List.of()), process);
        assertEquals(bin + ";" + already, process.path());
    }

    @Test
    void applyOnAnEmptyPathLeavesNoDanglingSeparator() throws IOException {
        Path gst = gstreamerInstall(root.resolve("gst"));
        FakeProcessEnvironment process = new FakeProcessEnvironment("");
        WindowsDllFolders.apply(new DllSearchPlan(List.of(gst.resolve("bin")), List.of()), process);
        assertEquals(gst.resolve("bin").toString(), process.path());
    }

    @Test
    void inputsAreCopied() throws IOException {
        Path gst = gstreamerInstall(root.resolve("gst"));
        Map<String, String> env = new HashMap<>(Map.of("GSTREAMER_1_0_ROOT_MSVC_X86_64", gst.toString()));
        WindowsDllFolders folders = folders(env);
        env.clear();
        assertEquals(List.of(gst.resolve("bin")), folders.plan().folders());
    }
}
