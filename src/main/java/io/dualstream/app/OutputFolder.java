package io.dualstream.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an output folder before any camera is opened, so a typo costs no stream time. */
final class OutputFolder {
    private OutputFolder() {
    }

    static Path prepare(String command, String folder) throws UsageException {
        Path path = Path.of(folder).toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UsageException(command + ": cannot create output folder " + path + " (" + e.getMessage()
                    + "): choose another with --out");
        }
        if (!Files.isWritable(path)) {
            throw new UsageException(command + ": output folder " + path + " is not writable: choose another with "
                    + "--out or fix its permissions");
        }
        return path;
    }
}
