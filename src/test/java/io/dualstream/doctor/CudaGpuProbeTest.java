package io.dualstream.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.doctor.GpuProbe.DecodeNeed;
import io.dualstream.doctor.GpuProbe.GpuReport;
import io.dualstream.internal.pipeline.Codec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real probe on this machine. Without an NVIDIA driver it must say so; with one, it must name the GPU. */
class CudaGpuProbeTest {
    private static final List<DecodeNeed> NEEDS = List.of(new DecodeNeed("cam1 main", Codec.H265, 4000, 3000));

    @Test
    void reportsTheDriverOrItsAbsenceWithoutThrowing() {
        GpuReport report = new CudaGpuProbe().probe(NEEDS);
        System.out.println("GPU probe on this machine: " + report);
        if (NvidiaDriver.find().isEmpty()) {
            assertEquals(GpuProbe.State.NO_DRIVER, report.state());
            assertTrue(report.detail().contains("no NVIDIA driver (" + NvidiaDriver.libraryName() + " not found)"),
                    report.detail());
        } else {
            assertTrue(report.state() != GpuProbe.State.NO_DRIVER, report.toString());
            if (report.state() == GpuProbe.State.READY) {
                assertTrue(!report.gpuName().isEmpty(), report.toString());
                assertEquals(1, report.caps().size(), report.toString());
            }
        }
    }

    /** Loading the CUDA wrappers where the libraries are absent is a report line, not a crash or exception. */
    @Test
    void aFailedNativeLoadIsReportedNotThrown() {
        GpuReport report = new CudaGpuProbe(false).probe(NEEDS);
        System.out.println("GPU probe without the driver check: " + report);
        if (NvidiaDriver.find().isEmpty()) {
            assertEquals(GpuProbe.State.LIBRARY_MISSING, report.state(), report.toString());
            assertTrue(report.detail().contains("CUDA driver API did not load"), report.detail());
        }
    }
}
