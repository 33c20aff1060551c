package io.dualstream.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ElementCatalogTest {

    private static final Pattern PLUGIN_NAME = Pattern.compile(
            "Plugin Details:\\s*\\n\\s*Name\\s+(\\S+)");
    private static final Pattern PLUGIN_FILE = Pattern.compile("\\n\\s*Filename\\s+(\\S+)");

    @Test
    void coversEveryElementThePipelinesAndTestCamerasUse() {
        Set<String> expected = new TreeSet<>(List.of("rtspsrc", "rtph264depay", "rtph265depay",
                "h264parse", "h265parse", "avdec_h264", "avdec_h265", "nvh264dec", "nvh265dec",
                "d3d11h264dec", "d3d11h265dec", "queue", "capsfilter", "videoconvert", "appsink",
                "x264enc", "x265enc", "videotestsrc"));
        Set<String> actual = new TreeSet<>();
        ElementCatalog.all().forEach(i -> actual.add(i.element()));
        assertEquals(expected, actual);
    }

    @Test
    void packagesAreTheOnesTheBriefRecorded() {
        assertEquals("gstreamer1.0-plugins-good", pkg("rtspsrc"));
        assertEquals("gstreamer1.0-plugins-good", pkg("rtph265depay"));
        assertEquals("gstreamer1.0-plugins-bad", pkg("h264parse"));
        assertEquals("gstreamer1.0-plugins-bad", pkg("nvh265dec"));
        assertEquals("gstreamer1.0-plugins-bad", pkg("d3d11h264dec"));
        assertEquals("gstreamer1.0-libav", pkg("avdec_h265"));
        assertEquals("gstreamer1.0-plugins-base", pkg("videoconvert"));
        assertEquals("gstreamer1.0-plugins-base", pkg("appsink"));
        assertEquals("gstreamer1.0-plugins-base", pkg("videotestsrc"));
        assertEquals("libgstreamer1.0-0", pkg("queue"));
        assertEquals("gstreamer1.0-plugins-ugly", pkg("x264enc"));
        assertEquals("gstreamer1.0-plugins-bad", pkg("x265enc"));
    }

    /**
     * For every catalogued element this machine has: the plugin gst-inspect-1.0 names is the one
     * recorded, and (where dpkg is) the plugin's file belongs to the recorded package.
     */
    @Test
    void pluginsAndPackagesMatchTheRealInstallation() {
        RealGStreamer.assumeGstInspect();
        GstInspectRegistry registry = new GstInspectRegistry();
        boolean dpkg = RealGStreamer.runs("dpkg-query", "--version");
        List<String> checked = new ArrayList<>();
        for (ElementInfo info : ElementCatalog.all()) {
            if (!registry.has(info.element())) {
                continue;
            }
            String inspect = output("gst-inspect-1.0", info.element());
            Matcher name = PLUGIN_NAME.matcher(inspect);
            assertTrue(name.find(), "no plugin name for " + info.element());
            assertEquals(info.plugin(), name.group(1), "plugin of " + info.element());
            if (dpkg) {
                Matcher file = PLUGIN_FILE.matcher(inspect.substring(name.end()));
                assertTrue(file.find(), "no plugin file for " + info.element());
                assertEquals(info.debianPackage(), owningPackage(file.group(1)),
                        "package of " + info.element());
            }
            checked.add(info.element());
        }
        System.out.println("catalog checked against this machine: " + checked);
        assertTrue(checked.containsAll(List.of("rtspsrc", "avdec_h265", "appsink", "queue")),
                checked.toString());
    }

    private static String pkg(String element) {
        return ElementCatalog.find(element).orElseThrow().debianPackage();
    }

    private static String owningPackage(String file) {
        String out = output("dpkg-query", "-S", file);
        if (out.isBlank() && file.startsWith("/lib/")) {
            out = output("dpkg-query", "-S", "/usr" + file); // merged /usr
        }
        String first = out.lines().findFirst().orElse("");
        return first.contains(":") ? first.substring(0, first.indexOf(':')) : first;
    }

    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
