package io.dualstream.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.config.Resolution;
import io.dualstream.doctor.GpuProbe.DecoderCaps;
import io.dualstream.doctor.GpuProbe.GpuReport;
import io.dualstream.doctor.GpuProbe.State;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.ElementRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The doctor's decisions, with a fake element registry and a fake GPU probe standing in for an NVIDIA
 * machine (CI has none). The real registry and the real no-driver path are in DoctorCommandTest.
 */
class DoctorTest {
    private static final Set<String> BASE = Set.of("rtspsrc", "rtph264depay", "rtph265depay", "h264parse", "h265parse",
            "queue", "videoconvert", "appsink");

    /** A GStreamer registry with the base elements plus these: fake, for machines CI does not have. */
    private static ElementRegistry fakeRegistry(String... more) {
        Set<String> present = new HashSet<>(BASE);
        present.addAll(List.of(more));
        return present::contains;
    }

    private static final PlannedStream MAIN_12MP_HEVC = new PlannedStream("cam1 main", List.of(Codec.H265),
            new Resolution(4000, 3000), false);
    private static final PlannedStream SUB_H264 = new PlannedStream("cam1 sub", List.of(Codec.H264),
            new Resolution(1280, 720), false);

    private static GpuReport gpuWith(DecoderCaps... caps) {
        return new GpuReport(State.READY, "1 CUDA device(s), driver API 12.4", "Fake RTX", List.of(caps));
    }

    @Test
    void softwareOnlyMachineWithoutDriverCanRun() {
        List<Check> checks = new Doctor(fakeRegistry("avdec_h264", "avdec_h265"), false, FakeGpuProbe.noDriver())
                .check(List.of(MAIN_12MP_HEVC, SUB_H264));
        assertEquals(0, Doctor.exitCode(checks), checks.toString());
        assertTrue(checks.stream().anyMatch(c -> c.outcome() == Check.Outcome.INFO
                && c.line().contains("no NVIDIA driver") && c.line().contains("decode in software")), checks.toString());
        assertTrue(checks.stream().anyMatch(c -> c.line().contains("decoder avdec_h265 (software)")), checks.toString());
    }

    @Test
    void aMissingDecoderIsExit3WithTheInstallCommand() {
        List<Check> checks = new Doctor(fakeRegistry("avdec_h264"), false, FakeGpuProbe.noDriver())
                .check(List.of(MAIN_12MP_HEVC, SUB_H264));
        assertEquals(3, Doctor.exitCode(checks));
        Check missing = checks.stream().filter(c -> c.subject().equals("element avdec_h265")).findFirst().orElseThrow();
        assertTrue(missing.fix().contains("gstreamer1.0-libav"), missing.line());
    }

    @Test
    void aMissingDepayloaderIsReportedOnce() {
        Set<String> present = new HashSet<>(BASE);
        present.remove("rtph265depay");
        present.add("avdec_h265");
        PlannedStream second = new PlannedStream("cam2 main", List.of(Codec.H265), new Resolution(4000, 3000), false);
        List<Check> checks = new Doctor(present::contains, false, FakeGpuProbe.noDriver())
                .check(List.of(MAIN_12MP_HEVC, second));
        assertEquals(3, Doctor.exitCode(checks));
        assertEquals(1, checks.stream().filter(c -> c.subject().equals("element rtph265depay")).count(), checks.toString());
        assertEquals(2, checks.stream().filter(c -> c.line().contains("cannot run: missing rtph265depay")).count());
    }

    @Test
    void nvdecWithinLimitsRuns() {
        FakeGpuProbe gpu = new FakeGpuProbe(gpuWith(new DecoderCaps(Codec.H265, true, 8192, 8192, 262144, 7),
                new DecoderCaps(Codec.H264, true, 4096, 4096, 65536, 7)));
        List<Check> checks = new Doctor(fakeRegistry("nvh264dec", "nvh265dec", "avdec_h264", "avdec_h265"), false, gpu)
                .check(List.of(MAIN_12MP_HEVC, SUB_H264));
        assertEquals(0, Doctor.exitCode(checks), checks.toString());
        assertTrue(checks.stream().anyMatch(c -> c.line().contains("nvdec cam1 main: H.265 4000x3000 fits")),
                checks.toString());
        assertTrue(checks.stream().anyMatch(c -> c.line().contains("decoder nvh265dec")), checks.toString());
        assertTrue(gpu.asked.stream().anyMatch(n -> n.width() == 4000 && n.height() == 3000 && n.codec() == Codec.H265));
    }

    @Test
    void aStreamBeyondNvdecLimitsFailsWithExit1() {
        FakeGpuProbe gpu = new FakeGpuProbe(gpuWith(new DecoderCaps(Codec.H265, true, 4096, 2304, 36864, 1),
                new DecoderCaps(Codec.H264, true, 4096, 4096, 65536, 1)));
        List<Check> checks = new Doctor(fakeRegistry("nvh264dec", "nvh265dec"), false, gpu)
                .check(List.of(MAIN_12MP_HEVC, SUB_H264));
        assertEquals(1, Doctor.exitCode(checks), checks.toString());
        Check fail = checks.stream().filter(c -> c.outcome() == Check.Outcome.FAIL).findFirst().orElseThrow();
        assertTrue(fail.line().contains("beyond NVDEC on Fake RTX (max 4096x2304)"), fail.line());
    }

    @Test
    void aGpuWithoutGStreamerNvdecWarnsButRuns() {
        FakeGpuProbe gpu = new FakeGpuProbe(gpuWith(new DecoderCaps(Codec.H265, true, 8192, 8192, 262144, 1)));
        List<Check> checks = new Doctor(fakeRegistry("avdec_h264", "avdec_h265"), false, gpu)
                .check(List.of(MAIN_12MP_HEVC));
        assertEquals(0, Doctor.exitCode(checks));
        assertTrue(checks.stream().anyMatch(c -> c.outcome() == Check.Outcome.WARN
                && c.fix().contains("gstreamer1.0-plugins-bad")), checks.toString());
    }

    @Test
    void windowsPrefersDirect3D11() {
        List<Check> checks = new Doctor(fakeRegistry("d3d11h265dec", "avdec_h265"), true, FakeGpuProbe.noDriver())
                .check(List.of(MAIN_12MP_HEVC));
        assertEquals(0, Doctor.exitCode(checks));
        assertTrue(checks.stream().anyMatch(c -> c.line().contains("decoder d3d11h265dec")), checks.toString());
        assertTrue(checks.stream().anyMatch(c -> c.line().contains("Direct3D11")), checks.toString());
    }
}
