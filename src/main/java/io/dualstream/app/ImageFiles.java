package io.dualstream.app;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.haveImageWriter;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Writes images with OpenCV's encoders, format chosen by the file's extension. Each file is written
 * under a temporary name in the same folder and renamed, so no reader ever sees half an image.
 */
final class ImageFiles {
    static final int DEFAULT_JPEG_QUALITY = 95;

    private ImageFiles() {
    }

    /** Fails early, before any camera is opened, when OpenCV has no encoder for the extension. */
    static void checkWritable(Path file) {
        String extension = extension(file);
        if (extension.isEmpty() || !haveImageWriter("x." + extension)) {
            throw new IllegalArgumentException("cannot write images as '" + file.getFileName() + "': use an "
                    + "extension OpenCV can encode, e.g. .jpg, .png, .bmp or .tiff");
        }
    }

    static void write(Mat image, Path file, int jpegQuality) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        String extension = extension(file);
        Path temporary = Files.createTempFile(folder, "." + file.getFileName() + ".", "." + extension);
        try {
            boolean written;
            try (IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, jpegQuality)) {
                written = imwrite(temporary.toString(), image, params);
            }
            if (!written || Files.size(temporary) == 0) {
                throw new IOException("OpenCV could not encode " + image.cols() + "x" + image.rows() + " image as "
                        + file.getFileName() + " (disk full or unsupported format)");
            }
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
