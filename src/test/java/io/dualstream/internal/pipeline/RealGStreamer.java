package io.dualstream.internal.pipeline;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Facts about this machine's GStreamer and GPU, for tests that use the real thing. */
final class RealGStreamer {

    private RealGStreamer() {
    }

    /** Skips the calling test unless {@code gst-inspect-1.0} runs here. */
    static void assumeGstInspect() {
        Assumptions.assumeTrue(runs(GstInspectRegistry.DEFAULT_EXECUTABLE, "--version"),
                "needs gst-inspect-1.0 (apt-get install gstreamer1.0-tools)");
    }

    /** Whether {@code nvidia-smi} runs, i.e. an NVIDIA driver is installed. */
    static boolean hasNvidiaDriver() {
        return runs("nvidia-smi", "-L");
    }

    static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
