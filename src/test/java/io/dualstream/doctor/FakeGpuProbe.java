package io.dualstream.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * A GPU probe that answers what it is told to. Stands in for an NVIDIA machine, which CI does not
 * have; the real probe's no-driver path is tested for real in {@link CudaGpuProbeTest}.
 */
final class FakeGpuProbe implements GpuProbe {
    private final GpuReport report;
    final List<DecodeNeed> asked = new ArrayList<>();

    FakeGpuProbe(GpuReport report) {
        this.report = report;
    }

    static FakeGpuProbe noDriver() {
        return new FakeGpuProbe(new GpuReport(State.NO_DRIVER, "no NVIDIA driver (fake)", "", List.of()));
    }

    @Override
    public GpuReport probe(List<DecodeNeed> needs) {
        asked.addAll(needs);
        return report;
    }
}
