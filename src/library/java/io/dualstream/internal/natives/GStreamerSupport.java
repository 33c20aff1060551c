package io.dualstream.internal.natives;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;

import io.dualstream.grabber.GStreamerUnavailableException;
import io.dualstream.internal.pipeline.InProcessElements;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * Makes OpenCV's {@code CAP_GSTREAMER} work in this process, or says in one sentence what is
 * missing and how to fix it.
 *
 * <p>Steps: on Windows, make GStreamer's (and a custom OpenCV build's) {@code bin} folder reachable
 * for the DLL loader ({@link WindowsDllFolders}); load OpenCV's natives (JavaCPP); unless this OpenCV
 * has GStreamer built in (a custom build loaded with JavaCPP's {@code pathsFirst}), place the
 * bundled GStreamer plugin where videoio looks for it; then open a tiny {@code videotestsrc}
 * pipeline through {@code CAP_GSTREAMER} — the only check that proves the plugin, GStreamer's
 * libraries and OpenCV's version match all line up.
 */
public final class GStreamerSupport {
    private static final System.Logger LOG = System.getLogger(GStreamerSupport.class.getName());
    private static final String PROBE_PIPELINE = "videotestsrc num-buffers=1 ! appsink";
    /** The same through the keyframe gate, which only the plugin built by opencv-build/ registers. */
    private static final String GATE_PROBE_PIPELINE = "videotestsrc num-buffers=1 ! "
            + InProcessElements.KEYFRAME_GATE + " ! appsink";
    private static final String BUILD_FIX = "build it with `opencv-build/build-plugin.sh` and rebuild the jar "
            + "with `mvn -DskipTests package`";
    private static final String DEBIAN_GSTREAMER_PACKAGES = "gstreamer1.0-plugins-base gstreamer1.0-plugins-good "
            + "gstreamer1.0-plugins-bad gstreamer1.0-libav";

    private static Status status;

    private GStreamerSupport() {
    }

    /**
     * What was found; returned by {@link #ensureAvailable()}.
     *
     * @param pluginFile the plugin OpenCV uses; empty when GStreamer is built into this OpenCV
     */
    public record Status(String platform, String openCvVersion, Optional<Path> pluginFile, String backendName) {
        /** True when OpenCV has GStreamer compiled in and no plugin is involved. */
        public boolean builtIn() {
            return pluginFile.isEmpty();
        }

        /** One line for logs: the OpenCV version and the plugin file it uses, or "built in". */
        public String describe() {
            return "OpenCV " + openCvVersion + " uses GStreamer "
                    + pluginFile.map(p -> "through " + p).orElse("built in (no plugin)");
        }
    }

    /**
     * Idempotent and thread-safe; the first call does the work (about 0.2 s), later calls return the
     * same status.
     *
     * @throws GStreamerUnavailableException naming what is missing and the command that fixes it
     */
    public static synchronized Status ensureAvailable() {
        if (status == null) {
            status = prepare();
            LOG.log(Level.INFO, status.describe());
        }
        return status;
    }

    private static Status prepare() {
        if (PluginLocation.isWindows()) {
            reachWindowsDllFolders();
        }
        Path libraryFolder = PluginLocation.openCvLibraryFolder();
        String platform = Loader.getPlatform();
        String version = opencv_core.CV_VERSION();
        Optional<Path> pluginFile = builtInGStreamer() ? Optional.empty()
                : Optional.of(placePlugin(platform, version, libraryFolder));
        try (VideoCapture probe = new VideoCapture(PROBE_PIPELINE, CAP_GSTREAMER)) {
            boolean opened = probe.isOpened();
            String backend = opened ? backendName(probe) : "";
            probe.release();
            if (opened) {
                recordKeyframeGate();
                return new Status(platform, version, pluginFile, backend);
            }
        }
        throw new GStreamerUnavailableException(pluginFile.map(p -> diagnose(p, version)).orElse(
                "OpenCV " + version + " in " + libraryFolder + " has GStreamer built in but could not run `"
                + PROBE_PIPELINE + "`: install GStreamer's base elements with `sudo apt-get install "
                + DEBIAN_GSTREAMER_PACKAGES + "`, or run with GST_DEBUG=3 to see GStreamer's reason"));
    }

    /**
     * The keyframe gate is compiled into OpenCV's GStreamer backend by opencv-build/ (the bundled plugin,
     * and full builds from the same source tree), not into stock OpenCV builds: only opening a pipeline
     * with it tells. Without it, H.265 streams have no decode backlog bound (the renderer says so).
     */
    private static void recordKeyframeGate() {
        try (VideoCapture gate = new VideoCapture(GATE_PROBE_PIPELINE, CAP_GSTREAMER)) {
            if (gate.isOpened()) {
                InProcessElements.add(InProcessElements.KEYFRAME_GATE);
            }
            LOG.log(Level.DEBUG, "keyframe gate {0} in this OpenCV''s GStreamer backend: {1}",
                    InProcessElements.KEYFRAME_GATE, gate.isOpened());
            gate.release();
        }
    }

    /** Must run before OpenCV's DLLs load: they and the plugin resolve GStreamer's DLLs through PATH. */
    private static void reachWindowsDllFolders() {
        try {
            DllSearchPlan plan = WindowsDllFolders.forThisProcess().plan();
            List<Path> added = WindowsDllFolders.apply(plan, WindowsDllFolders.kernel32());
            LOG.log(Level.DEBUG, "DLL folders for OpenCV and GStreamer: {0} (added to this process''s PATH: {1}); searched: {2}",
                    plan.folders(), added, plan.searched());
        } catch (MissingDllFolderException | IllegalStateException e) {
            throw new GStreamerUnavailableException(e.getMessage(), e);
        }
    }

    /** A custom OpenCV build (profiles javacpp/world) has GStreamer compiled in: no plugin then. */
    private static boolean builtInGStreamer() {
        try (org.bytedeco.javacpp.BytePointer info = opencv_core.getBuildInformation()) {
            return BuildInformation.hasBuiltInGStreamer(info.getString());
        }
    }

    /** JavaCPP's std::string adapter counts the terminating NUL in the pointer's limit: drop it. */
    private static String backendName(VideoCapture capture) {
        try (org.bytedeco.javacpp.BytePointer name = capture.getBackendName()) {
            return name.getString().replace("\0", "");
        }
    }

    private static Path placePlugin(String platform, String version, Path libraryFolder) {
        List<Path> configured = PluginLocation.configuredPluginFolders();
        Optional<BundledPlugin> bundled;
        try {
            bundled = BundledPlugin.find(platform, version);
        } catch (IOException e) {
            throw new GStreamerUnavailableException("OpenCV's GStreamer plugin could not be read from the jar ("
                    + e.getMessage() + "): rebuild the jar with `mvn -DskipTests package`", e);
        }
        if (!configured.isEmpty()) {
            // The user points OpenCV elsewhere on purpose; OpenCV will not look next to itself then.
            Path found = configured.stream().flatMap(folder -> BundledPlugin.candidateNames(platform, version)
                    .stream().map(folder::resolve)).filter(Files::isRegularFile).findFirst().orElse(null);
            if (found == null) {
                throw new GStreamerUnavailableException(PluginLocation.PLUGIN_PATH_VARIABLE + " is set to "
                        + configured + " but holds no " + BundledPlugin.candidateNames(platform, version).get(0)
                        + ": unset the variable to use the plugin bundled in the jar, or " + BUILD_FIX);
            }
            return found;
        }
        if (bundled.isEmpty()) {
            throw new GStreamerUnavailableException("OpenCV's GStreamer plugin for OpenCV " + version + " on "
                    + platform + " is not in this jar: " + (platform.startsWith("windows")
                    ? "build it with `opencv-build/build-windows-plugin.sh` (Debian, mingw-w64) and rebuild the jar "
                    + "with `mvn -DskipTests package`" : BUILD_FIX));
        }
        if (platform.startsWith("windows")
                && !Files.isRegularFile(libraryFolder.resolve(BundledPlugin.windowsVideoioLibrary(version)))) {
            // OpenCV looks next to its videoio DLL only: placing the plugin anywhere else would go unseen
            throw new GStreamerUnavailableException("OpenCV's " + BundledPlugin.windowsVideoioLibrary(version)
                    + " is not in " + libraryFolder + ", where its GStreamer plugin would be placed: clear JavaCPP's "
                    + "cache (%USERPROFILE%\\.javacpp\\cache) and start again");
        }
        try {
            return bundled.get().installInto(libraryFolder);
        } catch (IOException e) {
            throw new GStreamerUnavailableException("could not place OpenCV's GStreamer plugin in " + libraryFolder
                    + " (" + e.getMessage() + "): make that folder writable, or point the JavaCPP cache elsewhere "
                    + "with -Dorg.bytedeco.javacpp.cachedir=<writable folder>", e);
        }
    }

    /** Finds out why the probe failed: the plugin's own dependencies first, then GStreamer's elements. */
    private static String diagnose(Path pluginFile, String version) {
        try {
            // Loading it ourselves surfaces the dynamic loader's reason, which OpenCV only logs.
            System.load(pluginFile.toString());
        } catch (UnsatisfiedLinkError e) {
            String reason = String.valueOf(e.getMessage());
            // Windows names no DLL in "Can't find dependent libraries": GStreamer's are the plugin's only ones
            if (reason.contains("libgst") || PluginLocation.isWindows() && reason.contains("dependent librar")) {
                return "GStreamer's runtime libraries are missing (" + missingLibrary(reason) + "): install them with "
                        + (PluginLocation.isWindows() ? "the GStreamer MSVC x86_64 runtime installer"
                        : "`sudo apt-get install " + DEBIAN_GSTREAMER_PACKAGES + "`");
            }
            return "OpenCV's GStreamer plugin " + pluginFile + " cannot be loaded (" + reason + "): " + BUILD_FIX;
        }
        return "OpenCV " + version + " did not accept its GStreamer plugin " + pluginFile + " or GStreamer could not "
                + "run `" + PROBE_PIPELINE + "`: install the base elements with `sudo apt-get install "
                + DEBIAN_GSTREAMER_PACKAGES + "`, or if they are there, run with OPENCV_LOG_LEVEL=INFO to see "
                + "OpenCV's reason (a plugin built for another OpenCV version is refused: " + BUILD_FIX + ")";
    }

    private static String missingLibrary(String linkerMessage) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(libgst[\\w.+-]*)").matcher(linkerMessage);
        return m.find() ? m.group(1) : linkerMessage;
    }
}
