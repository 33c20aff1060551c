package io.dualstream.grabber;

import io.dualstream.internal.natives.GStreamerSupport;

/**
 * Makes OpenCV's GStreamer backend ({@code CAP_GSTREAMER}) work in this process: on Windows it puts
 * GStreamer's {@code bin} folder within the DLL loader's reach, it places the GStreamer plugin this
 * library carries next to OpenCV's libraries, and it proves the result by running a one-frame test
 * pipeline.
 *
 * <p>{@link MainStreamGrabber} and {@link SubStreamReader} call it by themselves before their first
 * open. Call it yourself to control when the work (about 0.2 s) happens, or before opening your own
 * {@code VideoCapture} with the official OpenCV Java API:
 *
 * <pre>{@code
 * GStreamer.ensureAvailable();
 * org.opencv.videoio.VideoCapture capture = new org.opencv.videoio.VideoCapture(
 *         "rtspsrc location=rtsp://host/main ! decodebin ! videoconvert ! appsink", Videoio.CAP_GSTREAMER);
 * }</pre>
 *
 * <p>Logs through {@link System.Logger}: one INFO line saying which plugin OpenCV uses.
 */
public final class GStreamer {
    private GStreamer() {
    }

    /**
     * Does the work on the first call; later calls return at once. Thread-safe.
     *
     * @return one line for logs: the OpenCV version and the plugin file it uses (or "built in")
     * @throws GStreamerUnavailableException naming what is missing (GStreamer's runtime, the plugin,
     *                                       a folder) and the command that fixes it
     */
    public static String ensureAvailable() {
        return GStreamerSupport.ensureAvailable().describe();
    }

    /**
     * Loads OpenCV's official Java bindings ({@code org.opencv.*}, the {@code opencv_java} library
     * bytedeco's OpenCV ships) once; their classes need it before first use.
     */
    public static void loadOpenCvJava() {
        OpenCvJava.load();
    }
}
