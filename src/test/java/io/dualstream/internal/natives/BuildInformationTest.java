package io.dualstream.internal.natives;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Test;

/** Recognising an OpenCV with GStreamer compiled in, from getBuildInformation(). */
class BuildInformationTest {
    private static final String BUILT_IN = """
              Video I/O:
                GStreamer:                   YES (1.22.0)
                v4l/v4l2:                    YES (linux/videodev2.h)

              Parallel framework:            pthreads
            """;
    private static final String STOCK = """
              Video I/O:
                v4l/v4l2:                    YES (linux/videodev2.h)
                Orbbec:                      YES

              Other third-party libraries:
                GStreamer:                   YES (this line is not under Video I/O)
            """;

    @Test
    void gstreamerYesUnderVideoIoIsBuiltIn() {
        assertTrue(BuildInformation.hasBuiltInGStreamer(BUILT_IN));
    }

    @Test
    void aGStreamerLineOutsideVideoIoDoesNotCount() {
        assertFalse(BuildInformation.hasBuiltInGStreamer(STOCK));
        assertFalse(BuildInformation.hasBuiltInGStreamer(""));
        assertFalse(BuildInformation.hasBuiltInGStreamer(BUILT_IN.replace("YES (1.22.0)", "NO")));
    }

    @Test
    void theLoadedOpenCvIsRecognisedForWhatItIs() {
        String info = opencv_core.getBuildInformation().getString();
        String lib = System.getProperty("dualstream.opencv.custom.lib", "");
        boolean custom = !lib.isBlank() && !lib.startsWith("${");
        // The jar's build has no GStreamer; the opencv-custom profile loads our build, which has it.
        assertTrue(BuildInformation.hasBuiltInGStreamer(info) == custom, info);
    }
}
