package io.dualstream.embed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The library as {@code mvn install} leaves it in the local repository. {@code mvn install} puts it
 * there before the app's tests run (the reactor builds the parent and the library first); under
 * {@code mvn verify} this installs the jar the reactor just built, the same way, so the example never
 * builds against a stale copy.
 */
final class LocalRepository {
    private static final Path ROOT_POM = Path.of("pom.xml").toAbsolutePath();
    private static final Path LIBRARY_POM = Path.of("src/library/pom.xml").toAbsolutePath();

    private LocalRepository() {
    }

    static String version() {
        return System.getProperty("dualstream.version", "0.1.0-SNAPSHOT");
    }

    static void ensureLibraryInstalled() throws IOException, InterruptedException {
        Path built = Path.of("src/library/target/dualstream-" + version() + ".jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(built), built + " is missing: run `mvn verify` or `mvn install` (the "
                + "example needs the packaged library), not `mvn test`");
        Path repository = Path.of(System.getProperty("dualstream.maven.repo",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Path group = repository.resolve("io/dualstream");
        Path installedJar = group.resolve("dualstream/" + version() + "/dualstream-" + version() + ".jar");
        Path installedParent = group.resolve("dualstream-parent/" + version() + "/dualstream-parent-" + version()
                + ".pom");
        String install = "org.apache.maven.plugins:maven-install-plugin:"
                + System.getProperty("dualstream.install.plugin", "3.1.4") + ":install-file";
        if (!sameBytes(ROOT_POM, installedParent)) {
            Maven.run(ROOT_POM.getParent(), "-N", install, "-Dfile=" + ROOT_POM, "-DpomFile=" + ROOT_POM);
        }
        if (!sameBytes(built, installedJar)) {
            Maven.run(ROOT_POM.getParent(), "-N", install, "-Dfile=" + built, "-DpomFile=" + LIBRARY_POM);
        }
        assertTrue(sameBytes(built, installedJar), "installing " + built + " did not reach " + installedJar);
    }

    private static boolean sameBytes(Path a, Path b) throws IOException {
        return Files.isRegularFile(b) && Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
