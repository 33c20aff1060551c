package io.dualstream.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderSelectorTest {

    private static final boolean LINUX = false;
    private static final boolean WINDOWS = true;

    @Test
    void autoPrefersNvdecWhenPresent() {
        DecoderSelector s = new DecoderSelector(
                FakeElementRegistry.of("nvh264dec", "nvh265dec", "avdec_h264", "avdec_h265"),
                LINUX);
        assertEquals("nvh264dec", s.select(Codec.H264, DecoderPreference.AUTO).element());
        assertEquals("nvh265dec", s.select(Codec.H265, DecoderPreference.AUTO).element());
    }

    @Test
    void autoPrefersNvdecOverD3d11OnWindows() {
        DecoderSelector s = new DecoderSelector(
                FakeElementRegistry.of("nvh265dec", "d3d11h265dec", "avdec_h265"), WINDOWS);
        assertEquals(new Decoder(Codec.H265, DecoderBackend.NVDEC),
                s.select(Codec.H265, DecoderPreference.AUTO));
    }

    @Test
    void autoTakesD3d11OnWindowsWithoutNvdec() {
        DecoderSelector s = new DecoderSelector(
                FakeElementRegistry.of("d3d11h264dec", "d3d11h265dec"), WINDOWS);
        assertEquals("d3d11h264dec", s.select(Codec.H264, DecoderPreference.AUTO).element());
        assertEquals("d3d11h265dec", s.select(Codec.H265, DecoderPreference.AUTO).element());
    }

    @Test
    void autoIgnoresD3d11OffWindowsEvenIfARegistryClaimsIt() {
        FakeElementRegistry registry = FakeElementRegistry.of("d3d11h265dec", "avdec_h265");
        DecoderSelector s = new DecoderSelector(registry, LINUX);
        assertEquals("avdec_h265", s.select(Codec.H265, DecoderPreference.AUTO).element());
        assertEquals(List.of("nvh265dec", "avdec_h265"), registry.asked());
        assertEquals(List.of(DecoderBackend.NVDEC, DecoderBackend.SOFTWARE), s.autoOrder());
    }

    @Test
    void autoFallsBackToSoftware() {
        DecoderSelector s = new DecoderSelector(FakeElementRegistry.of("avdec_h264"), WINDOWS);
        assertEquals(new Decoder(Codec.H264, DecoderBackend.SOFTWARE),
                s.select(Codec.H264, DecoderPreference.AUTO));
    }

    @Test
    void explicitNvdecAbsentThrowsNamingElementAndPackage() {
        DecoderSelector s = new DecoderSelector(FakeElementRegistry.of("avdec_h265"), LINUX);
        MissingElementException e = assertThrows(MissingElementException.class,
                () -> s.select(Codec.H265, DecoderPreference.NVDEC));
        assertEquals("nvh265dec", e.element());
        assertTrue(e.getMessage().startsWith("GStreamer element 'nvh265dec' (NVDEC H.265 decoder)"
                + " is missing: install it with `sudo apt-get install gstreamer1.0-plugins-bad`"),
                e.getMessage());
        assertTrue(e.getMessage().contains("NVIDIA"), e.getMessage());
    }

    @Test
    void explicitPreferencesGetExactlyThatBackend() {
        DecoderSelector s = new DecoderSelector(
                FakeElementRegistry.of("nvh264dec", "d3d11h264dec", "avdec_h264"), LINUX);
        assertEquals("avdec_h264", s.select(Codec.H264, DecoderPreference.SOFTWARE).element());
        assertEquals("d3d11h264dec", s.select(Codec.H264, DecoderPreference.D3D11).element());
        assertEquals("nvh264dec", s.select(Codec.H264, DecoderPreference.NVDEC).element());
    }

    @Test
    void explicitSoftwareAbsentThrowsEvenWithNvdecPresent() {
        DecoderSelector s = new DecoderSelector(FakeElementRegistry.of("nvh264dec"), LINUX);
        MissingElementException e = assertThrows(MissingElementException.class,
                () -> s.select(Codec.H264, DecoderPreference.SOFTWARE));
        assertEquals("avdec_h264", e.element());
    }

    @Test
    void nothingAvailableNamesTheSoftwareDecoderAndLibav() {
        DecoderSelector s = new DecoderSelector(FakeElementRegistry.of(), LINUX);
        MissingElementException e = assertThrows(MissingElementException.class,
                () -> s.select(Codec.H265, DecoderPreference.AUTO));
        assertEquals("avdec_h265", e.element());
        assertEquals("GStreamer element 'avdec_h265' (software H.265 decoder) is missing:"
                + " install it with `sudo apt-get install gstreamer1.0-libav`", e.getMessage());
    }

    @Test
    void nothingAvailableOnWindowsPointsToTheMsvcRuntime() {
        DecoderSelector s = new DecoderSelector(FakeElementRegistry.of(), WINDOWS);
        MissingElementException e = assertThrows(MissingElementException.class,
                () -> s.select(Codec.H264, DecoderPreference.AUTO));
        assertEquals("avdec_h264", e.element());
        assertTrue(e.getMessage().contains("MSVC runtime"), e.getMessage());
        assertTrue(e.getMessage().contains("\"Complete\""), e.getMessage());
        assertTrue(e.getMessage().contains("'libav' plugin"), e.getMessage());
    }

    @Test
    void selectFromSpec() {
        DecoderSelector s = new DecoderSelector(FakeElementRegistry.of("avdec_h264"), LINUX);
        StreamSpec spec = StreamSpec.builder().url("rtsp://cam/").codec(Codec.H264).build();
        assertEquals("avdec_h264", s.select(spec).element());
    }
}
