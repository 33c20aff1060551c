package io.dualstream.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import io.dualstream.testing.RtspTestServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example project {@code src/examples/embed} as an embedder has it: a Maven project of its own
 * whose one dependency is {@code io.dualstream:dualstream} by its coordinates, resolved from the local
 * repository. Built with the Maven that runs this build; its dependency list must hold none of the
 * app's libraries; its two programs run against the real RTSP test server.
 */
class EmbeddingExampleTest {
    private static final Path EXAMPLE = Path.of("src/examples/embed").toAbsolutePath();
    /** group:artifact prefixes the library must never bring to an embedder. */
    private static final List<String> CLI_ONLY = List.of("org.apache.logging.log4j:", "info.picocli:", "org.yaml:",
            "net.java.dev.jna:", "org.bytedeco:cuda:", "org.bytedeco:nvcodec:", "com.fasterxml.jackson.",
            "org.eclipse.paho:", "io.prometheus:");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;

    private static RtspTestServer server;
    private static String classpath;
    private static List<String> dependencies;

    @TempDir
    Path work;

    @BeforeAll
    static void buildTheExample() throws Exception {
        LocalRepository.ensureLibraryInstalled();
        Path deps = EXAMPLE.resolve("target/dependencies.txt");
        Path cp = EXAMPLE.resolve("target/classpath.txt");
        String dependencyPlugin = "org.apache.maven.plugins:maven-dependency-plugin:"
                + System.getProperty("dualstream.dependency.plugin", "3.8.1");
        Maven.run(EXAMPLE, "-f", EXAMPLE.resolve("pom.xml").toString(),
                "-Ddualstream.version=" + LocalRepository.version(),
                "compile", dependencyPlugin + ":list", "-DoutputFile=" + deps,
                dependencyPlugin + ":build-classpath", "-Dmdep.outputFile=" + cp);
        dependencies = Files.readAllLines(deps).stream().map(String::trim).filter(l -> l.contains(":jar:")).toList();
        classpath = EXAMPLE.resolve("target/classes") + File.pathSeparator + Files.readString(cp).trim();
        server = RtspTestServer.start("/h264=h264:" + WIDTH + "x" + HEIGHT + "@25");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void resolvesTheLibraryAndOpenCvOnly() {
        assertTrue(dependencies.stream().anyMatch(d -> d.startsWith("io.dualstream:dualstream:jar:"
                + LocalRepository.version())), String.join("\n", dependencies));
        assertTrue(dependencies.stream().anyMatch(d -> d.startsWith("org.bytedeco:opencv:jar:")),
                String.join("\n", dependencies));
        List<String> cliOnly = dependencies.stream().filter(d -> CLI_ONLY.stream().anyMatch(d::startsWith)).toList();
        assertEquals(List.of(), cliOnly, "the library brings the app's libraries along");
        System.out.println("example's resolved dependencies (" + dependencies.size() + "):\n  "
                + String.join("\n  ", dependencies));
    }

    @Test
    @Timeout(90)
    void theThreeLinesSaveAFullFrame() throws Exception {
        Path frame = work.resolve("frame.jpg");
        String output = runExample("io.dualstream.examples.SaveFrame", server.url("/h264"), frame.toString());
        assertTrue(output.contains("saved " + frame), output);
        assertImage(frame);
    }

    @Test
    @Timeout(90)
    void ownOfficialVideoCaptureReadsThroughTheLibrarysGStreamer() throws Exception {
        Path frame = work.resolve("own.jpg");
        String pipeline = "rtspsrc location=" + server.url("/h264") + " protocols=tcp latency=0 ! rtph264depay "
                + "! h264parse ! avdec_h264 ! videoconvert ! video/x-raw,format=BGR ! appsink";
        String output = runExample("io.dualstream.examples.OwnVideoCapture", pipeline, frame.toString());
        assertTrue(output.contains("saved " + frame + " " + WIDTH + "x" + HEIGHT), output);
        assertImage(frame);
    }

    private static void assertImage(Path file) {
        try (Mat image = imread(file.toString())) {
            assertFalse(image.empty(), file + " is not an image");
            assertEquals(WIDTH, image.cols());
            assertEquals(HEIGHT, image.rows());
        }
    }

    private String runExample(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dorg.bytedeco.javacpp.cachedir=" + work.resolve("javacpp-cache"), "-cp", classpath,
                mainClass));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
