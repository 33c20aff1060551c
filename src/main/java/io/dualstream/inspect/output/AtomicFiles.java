package io.dualstream.inspect.output;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Writes files so that no reader ever sees half of one: the bytes go to a hidden temporary file in
 * the same folder, which is then renamed over the final name in one step (same file system, so the
 * rename is atomic).
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    static void writeJpeg(Mat image, Path file, int quality) throws IOException {
        byte[] bytes;
        try (BytePointer encoded = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
            if (!imencode(".jpg", image, encoded, params)) {
                throw new IOException("OpenCV could not encode a " + image.cols() + "x" + image.rows()
                        + " image as JPEG");
            }
            bytes = new byte[(int) encoded.limit()];
            encoded.get(bytes);
        }
        write(bytes, file);
    }

    static void writeText(String text, Path file) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8), file);
    }

    static void write(byte[] bytes, Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
