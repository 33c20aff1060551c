package io.dualstream.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real gst-inspect-1.0 of this machine, and against small stand-in scripts. */
class GstInspectRegistryTest {

    private final GstInspectRegistry registry = new GstInspectRegistry();

    @Test
    void softwareDecodersAndRtspsrcArePresentHere() {
        RealGStreamer.assumeGstInspect();
        assertTrue(registry.has("avdec_h264"));
        assertTrue(registry.has("avdec_h265"));
        assertTrue(registry.has("rtspsrc"));
        assertTrue(registry.has("appsink"));
    }

    @Test
    void nvdecIsAbsentOnAMachineWithoutNvidiaDriver() {
        RealGStreamer.assumeGstInspect();
        boolean nvh264 = registry.has("nvh264dec");
        if (RealGStreamer.hasNvidiaDriver()) {
            System.out.println("nvidia-smi present; nvh264dec present: " + nvh264);
        } else {
            assertFalse(nvh264, "nvh264dec cannot work without an NVIDIA driver");
        }
    }

    @Test
    void madeUpElementIsAbsent() {
        RealGStreamer.assumeGstInspect();
        assertFalse(registry.has("dualstreamnosuchelement"));
    }

    @Test
    void realSelectorPicksTheSoftwareH265DecoderHere() {
        RealGStreamer.assumeGstInspect();
        assumeFalse(RealGStreamer.hasNvidiaDriver(), "an NVIDIA driver is here: NVDEC may win");
        DecoderSelector selector = new DecoderSelector(registry);
        assertEquals("avdec_h265", selector.select(Codec.H265, DecoderPreference.AUTO).element());
        assertEquals("avdec_h264", selector.select(Codec.H264, DecoderPreference.AUTO).element());
    }

    @Test
    void realRendererProducesAPipelineWhoseElementsAllExist() {
        RealGStreamer.assumeGstInspect();
        StreamPipeline p = PipelineRenderer.forThisMachine().render(StreamSpec.builder()
                .url("rtsp://192.0.2.10/main").codec(Codec.H265).build());
        p.requireAll(registry);
    }

    @Test
    void missingExecutableSaysGStreamerIsNotInstalled() {
        GstInspectRegistry none = new GstInspectRegistry("/nonexistent/gst-inspect-1.0");
        GStreamerNotFoundException e = assertThrows(GStreamerNotFoundException.class,
                () -> none.has("avdec_h264"));
        assertTrue(e.getMessage().contains("GStreamer is not installed"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install gstreamer1.0-tools"), e.getMessage());
        assertTrue(e.getMessage().contains(GstInspectRegistry.EXECUTABLE_PROPERTY),
                e.getMessage());
    }

    @Test
    void answersAreCachedPerElement(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("calls");
        Path tool = script(dir, "echo \"$2\" >> '" + log + "'\n[ \"$2\" = yes ]");
        GstInspectRegistry r = new GstInspectRegistry(tool.toString());
        assertTrue(r.has("yes"));
        assertTrue(r.has("yes"));
        assertFalse(r.has("no"));
        assertFalse(r.has("no"));
        assertEquals("yes\nno\n", Files.readString(log));
    }

    @Test
    void unexpectedExitStatusIsAnErrorNotAnAnswer(@TempDir Path dir) throws IOException {
        GstInspectRegistry r = new GstInspectRegistry(script(dir, "exit 3").toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.has("x"));
        assertTrue(e.getMessage().contains("exit status 3"), e.getMessage());
    }

    @Test
    void aHangingToolIsStoppedAfterTheTimeout(@TempDir Path dir) throws IOException {
        GstInspectRegistry r = new GstInspectRegistry(script(dir, "exec sleep 30").toString(),
                Duration.ofMillis(300));
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.has("x"));
        assertTrue(e.getMessage().contains("did not finish within 300 ms"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void interruptIsKeptAndReported(@TempDir Path dir) throws IOException {
        GstInspectRegistry r = new GstInspectRegistry(script(dir, "exec sleep 30").toString());
        Thread.currentThread().interrupt();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> r.has("x"));
            assertTrue(e.getMessage().startsWith("interrupted"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void optionLikeOrEmptyNamesAreRefusedBeforeAnyProcessRuns() {
        GstInspectRegistry r = new GstInspectRegistry("/nonexistent/gst-inspect-1.0");
        assertThrows(IllegalArgumentException.class, () -> r.has("--help"));
        assertThrows(IllegalArgumentException.class, () -> r.has(""));
        assertThrows(IllegalArgumentException.class, () -> r.has("a b"));
    }

    @Test
    void constructorValidates() {
        assertThrows(IllegalArgumentException.class, () -> new GstInspectRegistry(" "));
        assertThrows(IllegalArgumentException.class,
                () -> new GstInspectRegistry("gst-inspect-1.0", Duration.ZERO));
    }

    private static Path script(Path dir, String body) throws IOException {
        assumeFalse(Platform.isWindows(), "shell stand-in scripts need a POSIX shell");
        Path tool = dir.resolve("fake-gst-inspect");
        Files.writeString(tool, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        return tool;
    }
}
