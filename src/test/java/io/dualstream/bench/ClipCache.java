package io.dualstream.bench;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * The pre-encoded 4000x3000 H.265 clip the server loops: encoded once with {@code x265enc
 * speed-preset=ultrafast} (a live 12 MP encode does not fit 2 cores), QR-stamped before encoding, one
 * access unit per file, kept in {@code ${XDG_CACHE_HOME:-~/.cache}/dualstream/bench/} outside the
 * repository. Written to a temporary folder and renamed, so a cut-off run leaves no half clip.
 */
final class ClipCache {
    static final int WIDTH = 4000;
    static final int HEIGHT = 3000;
    static final int FPS = 25;

    private ClipCache() {
    }

    /** A ready clip folder with {@code frames} frames; {@code first-count} holds the first frame's QR count. */
    static Path ensure(int frames) throws IOException, InterruptedException {
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path base = (cacheHome == null || cacheHome.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cacheHome)).resolve("dualstream/bench");
        Path clip = base.resolve("clip-" + WIDTH + "x" + HEIGHT + "-h265-" + FPS + "fps-" + frames + "f-v1");
        if (Files.isRegularFile(clip.resolve("first-count"))) {
            System.out.println("bench: clip cached in " + clip);
            return clip;
        }
        Files.createDirectories(base);
        Path tmp = Files.createTempDirectory(base, ".clip-");
        long t0 = System.nanoTime();
        List<String> command = List.of("gst-launch-1.0", "-q", "-e", "videotestsrc", "num-buffers=" + frames,
                "pattern=ball", "!", "video/x-raw,width=" + WIDTH + ",height=" + HEIGHT + ",framerate=" + FPS + "/1",
                "!", "debugqroverlay", "pixel-size=8", "x=2", "y=62",
                "!", "x265enc", "speed-preset=ultrafast", "tune=zerolatency", "key-int-max=" + FPS,
                "!", "h265parse", "!", "video/x-h265,stream-format=byte-stream,alignment=au",
                "!", "multifilesink", "location=" + tmp.resolve("au-%05d.h265"));
        System.out.println("bench: encoding the " + WIDTH + "x" + HEIGHT + " H.265 clip once (" + frames
                + " frames) into " + clip);
        Process encoder = new ProcessBuilder(command).inheritIO().start();
        if (!encoder.waitFor(10, TimeUnit.MINUTES) || encoder.exitValue() != 0) {
            encoder.destroyForcibly();
            throw new IOException("clip encoding failed (gst-launch-1.0 x265enc; install gstreamer1.0-plugins-bad "
                    + "and gstreamer1.0-plugins-good, or run opencv-build/setup-debian.sh)");
        }
        long firstCount = firstCount(tmp.resolve("au-00000.h265"));
        Files.writeString(tmp.resolve("first-count"), firstCount + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, clip, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("bench: clip encoded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return clip;
    }

    static long firstCountOf(Path clip) throws IOException {
        return Long.parseLong(Files.readString(clip.resolve("first-count")).trim());
    }

    /** Decodes the first access unit and reads its QR stamp: proves the stamp survives 12 MP encoding. */
    private static long firstCount(Path unit) throws IOException {
        String pipeline = "filesrc location=\"" + unit + "\" ! h265parse ! avdec_h265 ! videoconvert "
                + "! video/x-raw,format=BGR ! appsink";
        VideoCapture capture = new VideoCapture(pipeline, CAP_GSTREAMER);
        try (Mat frame = new Mat(); QrStamp qr = new QrStamp()) {
            if (!capture.isOpened() || !capture.read(frame)) {
                throw new IOException("cannot decode the clip's first frame " + unit);
            }
            QrStamp.Stamp stamp = qr.read(frame);
            if (stamp == null) {
                throw new IOException("the clip's first frame has no readable QR stamp: " + unit);
            }
            return stamp.count();
        } finally {
            capture.release();
            capture.close();
        }
    }

    static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
