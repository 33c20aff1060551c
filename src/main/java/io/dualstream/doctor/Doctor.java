package io.dualstream.doctor;

import io.dualstream.doctor.GpuProbe.DecodeNeed;
import io.dualstream.doctor.GpuProbe.DecoderCaps;
import io.dualstream.doctor.GpuProbe.GpuReport;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.Decoder;
import io.dualstream.internal.pipeline.DecoderBackend;
import io.dualstream.internal.pipeline.DecoderPreference;
import io.dualstream.internal.pipeline.DecoderSelector;
import io.dualstream.internal.pipeline.ElementRegistry;
import io.dualstream.internal.pipeline.MissingElementException;
import io.dualstream.internal.pipeline.PipelineRenderer;
import io.dualstream.internal.pipeline.StreamSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions of {@code doctor} for the configured streams: which elements each stream needs and
 * whether GStreamer has them, which decoder it will get, and whether the NVIDIA GPU (if any) can decode
 * it. Environment checks (Java, OpenCV, GStreamer, plugin) are {@link RuntimeChecks}; this class only
 * decides, from an element registry and a GPU probe, so tests can give it a fake of either.
 */
public final class Doctor {
    private final ElementRegistry registry;
    private final boolean windows;
    private final GpuProbe gpu;

    public Doctor(ElementRegistry registry, boolean windows, GpuProbe gpu) {
        this.registry = registry;
        this.windows = windows;
        this.gpu = gpu;
    }

    public List<Check> check(List<PlannedStream> streams) {
        List<Check> checks = new ArrayList<>();
        Set<String> reportedMissing = new LinkedHashSet<>();
        List<DecodeNeed> nvdecNeeds = new ArrayList<>();
        boolean softwareWhereNvdecCouldBe = false;
        DecoderSelector selector = new DecoderSelector(registry, windows);
        for (PlannedStream stream : streams) {
            for (Codec codec : stream.codecs()) {
                String subject = "stream " + stream.label() + " (" + codec.displayName() + ", " + stream.resolution()
                        + (stream.assumed() ? " assumed" : "") + ")";
                Decoder decoder;
                try {
                    decoder = selector.select(codec, DecoderPreference.AUTO);
                } catch (MissingElementException e) {
                    if (reportedMissing.add(e.element())) {
                        checks.add(Check.missing("element " + e.element(), "not in GStreamer", e.getMessage()));
                    }
                    checks.add(Check.missing(subject, "no decoder for " + codec.displayName(), "see the element line"
                            + " above"));
                    continue;
                }
                List<String> absent = new ArrayList<>();
                for (String element : elementsFor(codec, decoder)) {
                    if (!registry.has(element)) {
                        absent.add(element);
                        if (reportedMissing.add(element)) {
                            checks.add(Check.missing("element " + element, "not in GStreamer",
                                    new MissingElementException(element, windows).getMessage()));
                        }
                    }
                }
                if (!absent.isEmpty()) {
                    checks.add(Check.missing(subject, "cannot run: missing " + String.join(", ", absent),
                            "install the elements named above"));
                    continue;
                }
                if (decoder.backend() == DecoderBackend.NVDEC) {
                    nvdecNeeds.add(new DecodeNeed(stream.label(), codec, stream.resolution().width(),
                            stream.resolution().height()));
                } else if (decoder.backend() == DecoderBackend.SOFTWARE) {
                    softwareWhereNvdecCouldBe = true;
                }
                checks.add(Check.ok(subject, "all elements present; decoder " + decoder.element() + " ("
                        + decoder.backend().displayName() + ")"));
            }
        }
        checks.addAll(gpuChecks(streams, nvdecNeeds, softwareWhereNvdecCouldBe));
        return checks;
    }

    private List<String> elementsFor(Codec codec, Decoder decoder) {
        StreamSpec spec = StreamSpec.builder().url("rtsp://127.0.0.1/doctor").codec(codec).build();
        return PipelineRenderer.renderWith(spec, decoder).requiredElements();
    }

    private List<Check> gpuChecks(List<PlannedStream> streams, List<DecodeNeed> nvdecNeeds,
                                  boolean softwareWhereNvdecCouldBe) {
        List<DecodeNeed> allNeeds = new ArrayList<>();
        for (PlannedStream s : streams) {
            for (Codec codec : s.codecs()) {
                allNeeds.add(new DecodeNeed(s.label(), codec, s.resolution().width(), s.resolution().height()));
            }
        }
        GpuReport report = gpu.probe(allNeeds);
        List<Check> checks = new ArrayList<>();
        String fallback = windows ? "cameras decode with Direct3D11 where GStreamer has it, else in software"
                : "cameras decode in software";
        switch (report.state()) {
            case NO_DRIVER -> {
                checks.add(Check.info("nvidia gpu", report.detail() + ": " + fallback));
                for (DecodeNeed need : nvdecNeeds) {
                    checks.add(Check.fail("nvdec " + need.label(), "GStreamer picks its NVDEC decoder but this "
                            + "machine has no NVIDIA driver", "install the NVIDIA driver, or remove "
                            + "gstreamer1.0-plugins-bad's nvcodec if no GPU is meant to be used"));
                }
                return checks;
            }
            case LIBRARY_MISSING, ERROR -> {
                checks.add(Check.warn("nvidia gpu", report.detail(), report.state() == GpuProbe.State.ERROR
                        ? "check the driver with nvidia-smi"
                        : "install the CUDA 12 runtime to let doctor read NVDEC's limits; GStreamer's NVDEC "
                        + "decoders need only the driver"));
                return checks;
            }
            default -> {
                // READY, below
            }
        }
        checks.add(Check.ok("nvidia gpu", report.gpuName() + ", " + report.detail()));
        for (DecoderCaps caps : report.caps()) {
            checks.add(caps.supported()
                    ? Check.ok("nvdec " + caps.codec().displayName(), "up to " + caps.maxWidth() + "x"
                    + caps.maxHeight() + ", " + caps.engines() + " engine(s)")
                    : Check.info("nvdec " + caps.codec().displayName(), "not supported by this GPU"));
        }
        for (DecodeNeed need : nvdecNeeds) {
            Optional<DecoderCaps> caps = report.caps().stream().filter(c -> c.codec() == need.codec()).findFirst();
            if (caps.isEmpty() || !caps.get().fits(need.width(), need.height())) {
                checks.add(Check.fail("nvdec " + need.label(), need.codec().displayName() + " " + need.width() + "x"
                        + need.height() + " is beyond NVDEC on " + report.gpuName()
                        + caps.map(c -> " (max " + c.maxWidth() + "x" + c.maxHeight() + ")").orElse(""),
                        "lower the camera's resolution, or use a newer GPU"));
            } else {
                checks.add(Check.ok("nvdec " + need.label(), need.codec().displayName() + " " + need.width() + "x"
                        + need.height() + " fits"));
            }
        }
        if (softwareWhereNvdecCouldBe) {
            checks.add(Check.warn("nvdec elements", "an NVIDIA GPU is here but GStreamer has no NVDEC decoder "
                    + "(nvh264dec/nvh265dec): streams decode in software", windows
                    ? "install GStreamer's \"Complete\" MSVC runtime (nvcodec plugin)"
                    : "sudo apt-get install gstreamer1.0-plugins-bad, then check `gst-inspect-1.0 nvcodec`"));
        }
        return checks;
    }

    /** 3 when something is missing, 1 when something else blocks the cameras, else 0. */
    public static int exitCode(List<Check> checks) {
        if (checks.stream().anyMatch(c -> c.outcome() == Check.Outcome.MISSING)) {
            return 3;
        }
        return checks.stream().anyMatch(c -> c.outcome() == Check.Outcome.FAIL) ? 1 : 0;
    }
}
