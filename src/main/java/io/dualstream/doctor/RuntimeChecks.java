package io.dualstream.doctor;

import io.dualstream.grabber.GStreamerUnavailableException;
import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.internal.pipeline.GstInspectRegistry;
import io.dualstream.internal.pipeline.InProcessElements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.global.opencv_core;

/** The machine-wide checks of {@code doctor}: Java, OpenCV and its video backends, GStreamer, our plugin. */
public final class RuntimeChecks {
    private static final long TOOL_TIMEOUT_SECONDS = 15;

    private RuntimeChecks() {
    }

    public static Check java() {
        Runtime.Version version = Runtime.version();
        String detail = version + " (" + System.getProperty("java.vendor", "?") + ") at "
                + System.getProperty("java.home", "?");
        return version.feature() >= 17 ? Check.ok("java", detail)
                : Check.missing("java", detail + ": Java 17 or newer is needed", "install a JDK/JRE 17, e.g. "
                + "`sudo apt-get install openjdk-17-jre-headless`");
    }

    /** OpenCV's version and the video I/O backends its build lists (ours comes as a plugin, checked apart). */
    public static Check openCv() {
        try {
            String version = opencv_core.CV_VERSION();
            String videoIo = videoIoSection(opencv_core.getBuildInformation().getString());
            return Check.ok("opencv", version + "; built-in video I/O: " + videoIo);
        } catch (LinkageError | RuntimeException e) {
            return Check.missing("opencv", "OpenCV's natives did not load (" + e.getMessage() + ")",
                    "use the fat jar `target/dualstream.jar`, built for linux-x86_64 or windows-x86_64");
        }
    }

    /** The "Video I/O:" block of getBuildInformation(), as "name: value" pairs on one line. */
    static String videoIoSection(String buildInformation) {
        List<String> items = new ArrayList<>();
        boolean inside = false;
        for (String line : buildInformation.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.equals("Video I/O:")) {
                inside = true;
            } else if (inside) {
                if (trimmed.isEmpty() || !line.startsWith("    ")) {
                    break;
                }
                items.add(trimmed.replaceAll("\\s{2,}", " "));
            }
        }
        return items.isEmpty() ? "(none listed)" : String.join(", ", items);
    }

    /**
     * GStreamer's version and where its plugins are, through gst-inspect-1.0. On Windows: the MSVC
     * runtime's folder as the loader finds it, its version and hardware decoders
     * ({@link WindowsGStreamerCheck}); that folder's gst-inspect-1.0.exe then also answers the
     * element checks of {@code doctor} (property {@value GstInspectRegistry#EXECUTABLE_PROPERTY},
     * unless already set).
     */
    public static Check gstreamer() {
        if (OperatingSystem.isWindows()) {
            WindowsGStreamerCheck windows = WindowsGStreamerCheck.forThisProcess(RuntimeChecks::gstreamerVersion);
            if (System.getProperty(GstInspectRegistry.EXECUTABLE_PROPERTY) == null) {
                windows.inspectTool().ifPresent(tool -> System.setProperty(GstInspectRegistry.EXECUTABLE_PROPERTY,
                        tool.toString()));
            }
            return windows.check();
        }
        String tool = System.getProperty(GstInspectRegistry.EXECUTABLE_PROPERTY, GstInspectRegistry.DEFAULT_EXECUTABLE);
        Optional<String> version;
        try {
            version = run(tool, "--version").lines().filter(l -> l.startsWith("GStreamer ")).findFirst();
        } catch (IOException e) {
            return Check.missing("gstreamer", "could not run " + tool + " (" + e.getMessage() + ")",
                    OperatingSystem.isWindows() ? "install the GStreamer 1.x MSVC runtime (Complete) and put its bin "
                            + "folder on PATH" : "sudo apt-get install gstreamer1.0-tools gstreamer1.0-plugins-base "
                            + "gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav");
        }
        String location = "";
        try {
            location = run(tool, "coreelements").lines().map(String::strip).filter(l -> l.startsWith("Filename"))
                    .map(l -> l.substring("Filename".length()).strip()).map(f -> Path.of(f).getParent())
                    .map(p -> ", plugins in " + p).findFirst().orElse("");
        } catch (IOException e) {
            // the version line is what matters; the location is a courtesy
        }
        return Check.ok("gstreamer", version.orElse("version unknown") + location + " (" + tool + ")");
    }

    /** "GStreamer 1.x.y" from {@code tool --version}, empty when the tool does not answer. */
    private static Optional<String> gstreamerVersion(Path tool) {
        try {
            return run(tool.toString(), "--version").lines().filter(l -> l.startsWith("GStreamer ")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Places our plugin and opens a tiny pipeline through CAP_GSTREAMER: the real proof. */
    public static Check plugin() {
        try {
            GStreamerSupport.Status status = GStreamerSupport.ensureAvailable();
            return Check.ok("opencv gstreamer plugin", status.pluginFile().map(Object::toString)
                    .orElse("GStreamer built into OpenCV (no plugin)") + " for OpenCV " + status.openCvVersion()
                    + " on " + status.platform() + "; CAP_GSTREAMER opens a test pipeline (backend "
                    + status.backendName() + "); H.265 keyframe gate: "
                    + (InProcessElements.contains(InProcessElements.KEYFRAME_GATE) ? "yes"
                    : "no (an H.265 stream whose decoding falls behind lags instead of skipping to the next "
                    + "keyframe; the plugin opencv-build/build-plugin.sh builds has it)"));
        } catch (GStreamerUnavailableException e) {
            return Check.missing("opencv gstreamer plugin", "not usable", e.getMessage());
        }
    }

    /** Output goes to a file, not a pipe, so a hanging tool cannot block the read past the timeout. */
    private static String run(String tool, String argument) throws IOException {
        Path output = Files.createTempFile("dualstream-doctor", ".txt");
        try {
            Process process = new ProcessBuilder(tool, argument).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            try {
                if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(tool + " " + argument + " did not finish in " + TOOL_TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
