package io.dualstream.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files under {@code src/test/fixtures}, found through the property surefire sets. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path file(String name) {
        Path folder = Path.of(System.getProperty("dualstream.test.fixtures", "src/test/fixtures"));
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("test fixture " + file.toAbsolutePath() + " is missing");
        }
        return file;
    }
}
