package io.dualstream.doctor;

import io.dualstream.internal.natives.DllSearchPlan;
import io.dualstream.internal.natives.MissingDllFolderException;
import io.dualstream.internal.natives.WindowsDllFolders;
import io.dualstream.internal.pipeline.ElementRegistry;
import io.dualstream.internal.pipeline.GstInspectRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code doctor}'s GStreamer line on Windows: the MSVC runtime's {@code bin} folder, found exactly as
 * the loader finds it before OpenCV's first capture ({@link WindowsDllFolders}), its version, and which
 * hardware decoders it has (Direct3D11: any GPU; NVDEC: NVIDIA). A missing runtime gives one line
 * naming the official installer and every folder searched.
 *
 * <p>The element lookups go through that folder's {@code gst-inspect-1.0.exe}, which the official
 * installer does not put on PATH; {@link #inspectTool} is also what the rest of {@code doctor} should
 * use (see {@link RuntimeChecks#gstreamer()}).
 */
final class WindowsGStreamerCheck {
    static final String SUBJECT = "gstreamer";
    static final String INSPECT_EXE = "gst-inspect-1.0.exe";
    /** Decoder elements by hardware path, in the order the decoder selector prefers them. */
    static final List<String> NVDEC = List.of("nvh264dec", "nvh265dec");
    static final List<String> D3D11 = List.of("d3d11h264dec", "d3d11h265dec");

    private final WindowsDllFolders folders;
    private final Function<Path, Optional<String>> versionOfInspectTool;
    private final Function<Path, ElementRegistry> registryOfInspectTool;

    /**
     * @param folders               where the loader looks for GStreamer (environment passed in)
     * @param versionOfInspectTool  "GStreamer 1.x.y" as printed by {@code gst-inspect-1.0.exe --version}
     * @param registryOfInspectTool the elements that tool lists
     */
    WindowsGStreamerCheck(WindowsDllFolders folders, Function<Path, Optional<String>> versionOfInspectTool,
            Function<Path, ElementRegistry> registryOfInspectTool) {
        this.folders = folders;
        this.versionOfInspectTool = versionOfInspectTool;
        this.registryOfInspectTool = registryOfInspectTool;
    }

    /** This process's environment, the real {@code gst-inspect-1.0.exe}. */
    static WindowsGStreamerCheck forThisProcess(Function<Path, Optional<String>> versionOfInspectTool) {
        return new WindowsGStreamerCheck(WindowsDllFolders.forThisProcess(), versionOfInspectTool,
                tool -> new GstInspectRegistry(tool.toString()));
    }

    /** The {@code bin} folder's inspect tool, when the runtime is there and has one. */
    Optional<Path> inspectTool() {
        try {
            Path bin = gstreamerBin(folders.plan());
            Path tool = bin.resolve(INSPECT_EXE);
            return Files.isRegularFile(tool) ? Optional.of(tool) : Optional.empty();
        } catch (MissingDllFolderException e) {
            return Optional.empty();
        }
    }

    Check check() {
        DllSearchPlan plan;
        try {
            plan = folders.plan();
        } catch (MissingDllFolderException e) {
            // the message holds the installer to use and every folder searched: one line
            return Check.missing(SUBJECT, e.getMessage(), "");
        }
        Path bin = gstreamerBin(plan);
        Path tool = bin.resolve(INSPECT_EXE);
        if (!Files.isRegularFile(tool)) {
            return Check.warn(SUBJECT, "MSVC x86_64 runtime in " + bin + ", but without " + INSPECT_EXE
                    + ": version and decoders unknown", "reinstall GStreamer's MSVC x86_64 runtime with the "
                    + "\"Complete\" installation type");
        }
        String version = versionOfInspectTool.apply(tool).orElse("version unknown");
        ElementRegistry registry = registryOfInspectTool.apply(tool);
        String detail = version + ", MSVC x86_64 runtime in " + bin + "; hardware decoders: Direct3D11 "
                + present(registry, D3D11) + ", NVDEC " + present(registry, NVDEC);
        boolean anyHardware = D3D11.stream().anyMatch(registry::has) || NVDEC.stream().anyMatch(registry::has);
        return anyHardware ? Check.ok(SUBJECT, detail) : Check.warn(SUBJECT, detail + " (streams decode in software)",
                "install GStreamer's MSVC x86_64 runtime with the \"Complete\" installation type (d3d11 and nvcodec "
                + "plugins), and a current GPU driver");
    }

    /** The plan's last folder is GStreamer's (custom OpenCV folders come first). */
    private static Path gstreamerBin(DllSearchPlan plan) {
        return plan.folders().get(plan.folders().size() - 1);
    }

    private static String present(ElementRegistry registry, List<String> elements) {
        List<String> found = new ArrayList<>();
        for (String element : elements) {
            if (registry.has(element)) {
                found.add(element);
            }
        }
        return found.isEmpty() ? "none (" + String.join(", ", elements) + " absent)" : String.join(", ", found);
    }
}
