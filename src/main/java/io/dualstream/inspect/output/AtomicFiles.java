package io.dualstream.inspect.output;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.haveImageWriter;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The one writer of images and files: no reader ever sees half of one. The bytes go to a hidden
 * temporary file in the same folder, which is then renamed over the final name in one step (same
 * file system, so the rename is atomic). Images are encoded by OpenCV, in the format the file's
 * extension names.
 */
public final class AtomicFiles {
    /** JPEG quality when nobody says otherwise. */
    public static final int DEFAULT_JPEG_QUALITY = 95;

    private AtomicFiles() {
    }

    /**
     * Fails early, before any camera is opened, when OpenCV has no encoder for the file's extension.
     *
     * @throws IllegalArgumentException naming the file and the extensions to use
     */
    public static void checkImageFile(Path file) {
        String extension = extension(file);
        if (extension.isEmpty() || !haveImageWriter("x." + extension)) {
            throw new IllegalArgumentException("cannot write images as '" + file.getFileName() + "': use an "
                    + "extension OpenCV can encode, e.g. .jpg, .png, .bmp or .tiff");
        }
    }

    /** Writes {@code image} in the format of {@code file}'s extension (.jpg, .png, .bmp, .tiff...). */
    public static void writeImage(Mat image, Path file, int jpegQuality) throws IOException {
        byte[] bytes;
        String extension = extension(file);
        try (BytePointer encoded = new BytePointer();
             IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, jpegQuality)) {
            if (!imencode("." + extension, image, encoded, params)) {
                throw new IOException("OpenCV could not encode a " + image.cols() + "x" + image.rows()
                        + " image as " + file.getFileName());
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

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
