package io.dualstream.internal.natives;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * OpenCV's GStreamer videoio plugin as built by {@code opencv-build/} and packed into the JAR under
 * {@code io/dualstream/natives/<platform>/}, and its installation next to OpenCV's library.
 */
final class BundledPlugin {
    static final String RESOURCE_ROOT = "io/dualstream/natives/";

    private final String fileName;
    private final byte[] content;

    private BundledPlugin(String fileName, byte[] content) {
        this.fileName = fileName;
        this.content = content;
    }

    /**
     * File names OpenCV's plugin loader accepts for a GStreamer plugin: on Windows the versioned
     * name it tries first (e.g. {@code opencv_videoio_gstreamer4100_64.dll}), on Linux the plain one.
     */
    static List<String> candidateNames(String platform, String openCvVersion) {
        if (platform.startsWith("windows")) {
            String digits = openCvVersion.replaceAll("[^0-9]", "");
            String bits = platform.endsWith("x86_64") ? "_64" : "";
            return List.of("opencv_videoio_gstreamer" + digits + bits + ".dll", "opencv_videoio_gstreamer.dll");
        }
        if (platform.startsWith("macosx")) {
            return List.of("libopencv_videoio_gstreamer.dylib");
        }
        return List.of("libopencv_videoio_gstreamer.so");
    }

    /**
     * The OpenCV library whose folder OpenCV searches for plugins on Windows ({@code getBinLocation}):
     * e.g. {@code opencv_videoio4100.dll}. The plugin must sit next to it.
     */
    static String windowsVideoioLibrary(String openCvVersion) {
        return "opencv_videoio" + openCvVersion.replaceAll("[^0-9]", "") + ".dll";
    }

    /** The plugin bundled for {@code platform}, or empty when this build has none for it. */
    static Optional<BundledPlugin> find(String platform, String openCvVersion) throws IOException {
        ClassLoader loader = BundledPlugin.class.getClassLoader();
        for (String name : candidateNames(platform, openCvVersion)) {
            try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + platform + "/" + name)) {
                if (in != null) {
                    return Optional.of(new BundledPlugin(name, in.readAllBytes()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Writes the plugin into {@code folder} unless an identical copy is there already. Writes to a
     * temporary name and renames, so a concurrent process never loads half a library.
     */
    Path installInto(Path folder) throws IOException {
        Path target = folder.resolve(fileName);
        if (Files.isRegularFile(target) && sha256(Files.readAllBytes(target)).equals(sha256(content))) {
            return target;
        }
        Path temporary = Files.createTempFile(folder, fileName, ".part");
        try {
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
