package io.dualstream.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code src/test/fixtures/gst_parse_probe.py} with Debian's {@code /usr/bin/python3} (which
 * has python3-gi): real {@code Gst.parse_launch}, the same parser OpenCV uses. The pipeline goes in
 * on stdin, so no shell or argv quoting sits between the rendered string and GStreamer.
 */
final class GstParseProbe {

    /** Override with -Ddualstream.test.python=... where python3-gi lives elsewhere. */
    static final String PYTHON = System.getProperty("dualstream.test.python", "/usr/bin/python3");

    private GstParseProbe() {
    }

    /** Skips the calling test unless python3 with GStreamer's introspection data is here. */
    static void assumeAvailable() {
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c",
                    "import gi; gi.require_version('Gst', '1.0'); from gi.repository import Gst")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        Assumptions.assumeTrue(ok, "needs " + PYTHON + " with python3-gi and"
                + " gir1.2-gstreamer-1.0 (apt-get install python3-gi gir1.2-gstreamer-1.0)");
    }

    static Path script() {
        String dir = System.getProperty("dualstream.test.fixtures", "src/test/fixtures");
        Path script = Paths.get(dir, "gst_parse_probe.py");
        assertTrue(Files.isRegularFile(script), "probe script not found at " + script.toAbsolutePath());
        return script;
    }

    /** Parses the pipeline and returns the probe's report. */
    static Report parse(String pipeline) {
        return run(pipeline, List.of());
    }

    /** Parses and plays the pipeline (finite sources only) and returns the probe's report. */
    static Report play(String pipeline, int timeoutSeconds) {
        return run(pipeline, List.of("--play", Integer.toString(timeoutSeconds)));
    }

    @SuppressWarnings("unchecked")
    private static Report run(String pipeline, List<String> options) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of(PYTHON, script().toString()));
            command.addAll(options);
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(pipeline.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("gst_parse_probe.py did not finish within 60 s");
            }
            String json = new String(out, StandardCharsets.UTF_8).strip();
            assertTrue(p.exitValue() == 0 || p.exitValue() == 2,
                    "gst_parse_probe.py exit status " + p.exitValue() + ": " + json);
            // integers as Long, as the assertions compare them
            return new Report((Map<String, Object>) new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS)
                    .readValue(json, Map.class));
        } catch (IOException e) {
            throw new AssertionError("could not run " + PYTHON, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The probe's JSON report. */
    static final class Report {
        private final Map<String, Object> json;

        Report(Map<String, Object> json) {
            this.json = json;
        }

        /** gst_parse's error message, or null if it parsed. */
        String error() {
            return (String) json.get("error");
        }

        @SuppressWarnings("unchecked")
        List<String> elements() {
            assertParsed();
            return (List<String>) json.get("elements");
        }

        @SuppressWarnings("unchecked")
        List<String> names() {
            assertParsed();
            return (List<String>) json.get("names");
        }

        /** A property of the first element of that factory, as the probe read it back. */
        @SuppressWarnings("unchecked")
        Object property(String factory, String property) {
            assertParsed();
            Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) json
                    .get("properties")).get(factory);
            assertTrue(props != null, "no " + factory + " in " + json);
            assertTrue(props.containsKey(property), "no " + property + " in " + props);
            return props.get(property);
        }

        /** A property of the element with this name (e.g. "rtspsrc3"), as read back. */
        @SuppressWarnings("unchecked")
        Object propertyOf(String elementName, String property) {
            assertParsed();
            Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) json
                    .get("by_name")).get(elementName);
            assertTrue(props != null, "no element " + elementName);
            assertTrue(props.containsKey(property), "no " + property + " in " + props);
            return props.get(property);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> played() {
            assertParsed();
            return (Map<String, Object>) json.get("played");
        }

        private void assertParsed() {
            assertEquals(null, error(), "gst_parse refused the pipeline");
        }

        @Override
        public String toString() {
            return json.toString();
        }
    }
}
