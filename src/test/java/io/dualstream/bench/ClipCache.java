package io.dualstream.bench;

import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * The pre-encoded 4000x3000 clips the server loops: encoded once with {@code x265enc} or
 * {@code x264enc speed-preset=ultrafast} (a live 12 MP encode does not fit 2 cores), QR-stamped before
 * encoding, one access unit per file, kept in {@code ${XDG_CACHE_HOME:-~/.cache}/dualstream/bench/}
 * outside the repository. Written to a temporary folder and renamed, so a cut-off run leaves no half clip.
 *
 * <p>What a 12 MP camera sends, not what compresses best: 8-bit 4:2:0 (left open, x265enc negotiates
 * Y444_12LE from videotestsrc, which decodes about 2.5 times slower than a camera's Main profile), a
 * moving ball under 15 % sensor-like noise (the plain ball pattern compresses to 1.7 Mbit/s and decodes
 * in half the time of a real scene), 12 Mbit/s, one keyframe per second, no B-frames.
 */
final class ClipCache {
    static final int WIDTH = 4000;
    static final int HEIGHT = 3000;
    static final int FPS = 25;
    static final int BITRATE_KBITS = 12_000;

    private ClipCache() {
    }

    /**
     * A ready clip folder with {@code frames} frames of this codec ({@code h264} or {@code h265});
     * {@code first-count} holds the first frame's QR count.
     */
    static Path ensure(String codec, int frames) throws IOException, InterruptedException {
        return ensure(codec, WIDTH, HEIGHT, BITRATE_KBITS, frames);
    }

    /** The same at another size and bitrate (the scaling run's 1080p main and 640x360 sub streams). */
    static Path ensure(String codec, int width, int height, int kbits, int frames)
            throws IOException, InterruptedException {
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path base = (cacheHome == null || cacheHome.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cacheHome)).resolve("dualstream/bench");
        Path clip = base.resolve("clip-" + width + "x" + height + "-" + codec + "-" + FPS + "fps-" + frames + "f-v2"
                + (kbits == BITRATE_KBITS ? "" : "-" + kbits + "k"));
        if (Files.isRegularFile(clip.resolve("first-count"))) {
            System.out.println("bench: clip cached in " + clip);
            return clip;
        }
        Files.createDirectories(base);
        Path tmp = Files.createTempDirectory(base, ".clip-");
        long t0 = System.nanoTime();
        String size = "width=" + width + ",height=" + height + ",framerate=" + FPS + "/1";
        // about 4 pixels per QR module at 1920 wide, 8 at 4000 (what QrStamp reads)
        String pixelSize = String.valueOf(Math.max(2, Math.round(width / 500f)));
        List<String> command = new ArrayList<>(List.of("gst-launch-1.0", "-q", "-e",
                "compositor", "name=mix", "sink_1::alpha=0.15", "!", "video/x-raw,format=I420," + size,
                "!", "debugqroverlay", "pixel-size=" + pixelSize, "x=2", "y=62", "!", "video/x-raw,format=I420", "!"));
        command.addAll(encoder(codec, kbits));
        command.addAll(List.of("!", codec + "parse", "!", "video/x-" + codec + ",stream-format=byte-stream,alignment=au",
                "!", "multifilesink", "location=" + tmp.resolve("au-%05d." + codec),
                "videotestsrc", "num-buffers=" + frames, "pattern=ball", "!", "video/x-raw," + size, "!", "mix.sink_0",
                "videotestsrc", "num-buffers=" + frames, "pattern=snow", "!", "video/x-raw," + size, "!", "mix.sink_1"));
        System.out.println("bench: encoding the " + width + "x" + height + " " + codec + " clip once (" + frames
                + " frames) into " + clip);
        Process encoder = new ProcessBuilder(command).inheritIO().start();
        if (!encoder.waitFor(10, TimeUnit.MINUTES) || encoder.exitValue() != 0) {
            encoder.destroyForcibly();
            deleteQuietly(tmp);
            throw new IOException("clip encoding failed (gst-launch-1.0 " + codec.replace("h", "x") + "enc; install "
                    + "gstreamer1.0-plugins-bad and gstreamer1.0-plugins-ugly, or run opencv-build/setup-debian.sh)");
        }
        long firstCount = firstCount(codec, tmp.resolve("au-00000." + codec));
        Files.writeString(tmp.resolve("first-count"), firstCount + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, clip, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("bench: clip encoded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return clip;
    }

    private static List<String> encoder(String codec, int kbits) {
        String gop = "key-int-max=" + FPS;
        return codec.equals("h265")
                ? List.of("x265enc", "speed-preset=ultrafast", "tune=zerolatency", gop, "bitrate=" + kbits)
                : List.of("x264enc", "speed-preset=ultrafast", "tune=zerolatency", gop, "bitrate=" + kbits);
    }

    static long firstCountOf(Path clip) throws IOException {
        return Long.parseLong(Files.readString(clip.resolve("first-count")).trim());
    }

    /** Decodes the first access unit and reads its QR stamp: proves the stamp survives 12 MP encoding. */
    private static long firstCount(String codec, Path unit) throws IOException {
        String pipeline = "filesrc location=\"" + unit + "\" ! " + codec + "parse ! avdec_" + codec + " ! videoconvert "
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
