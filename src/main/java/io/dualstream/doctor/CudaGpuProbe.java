package io.dualstream.doctor;

import io.dualstream.internal.pipeline.Codec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.nvcodec.global.nvcuvid;
import org.bytedeco.nvcodec.nvcuvid.CUVIDDECODECAPS;

/**
 * The real GPU probe: the CUDA driver API ({@code cuInit}, {@code cuDeviceGetName}, from bytedeco's
 * {@code cuda} presets) and NVDEC's {@code cuvidGetDecoderCaps} (bytedeco's {@code nvcodec} presets).
 * It looks for the driver before loading any native code, and turns every load failure into a
 * report line instead of an exception.
 *
 * <p>Note: bytedeco's JNI wrapper for the driver API also links the CUDA 12 runtime
 * ({@code libcudart.so.12} / {@code cudart64_12.dll}), which a PC with only the display driver lacks;
 * then this probe reports {@link State#LIBRARY_MISSING} and GStreamer's NVDEC elements (which need
 * only the driver) may still work.
 */
public final class CudaGpuProbe implements GpuProbe {
    private final boolean lookForDriverFirst;

    public CudaGpuProbe() {
        this(true);
    }

    /** @param lookForDriverFirst false only in tests that prove a failing native load is reported, not thrown */
    CudaGpuProbe(boolean lookForDriverFirst) {
        this.lookForDriverFirst = lookForDriverFirst;
    }

    @Override
    public GpuReport probe(List<DecodeNeed> needs) {
        if (lookForDriverFirst) {
            Optional<Path> driver = NvidiaDriver.find();
            if (driver.isEmpty()) {
                return new GpuReport(State.NO_DRIVER, "no NVIDIA driver (" + NvidiaDriver.libraryName()
                        + " not found)", "", List.of());
            }
        }
        try {
            Loader.load(cudart.class);
        } catch (LinkageError | RuntimeException e) {
            return new GpuReport(State.LIBRARY_MISSING, "the CUDA driver API did not load (" + reason(e)
                    + "); it needs the NVIDIA driver and the CUDA 12 runtime (" + (OperatingSystem.isWindows()
                    ? "cudart64_12.dll" : "libcudart.so.12") + ")", "", List.of());
        }
        int status = cudart.cuInit(0);
        if (status != cudart.CUDA_SUCCESS) {
            return new GpuReport(State.ERROR, "cuInit failed: " + errorName(status), "", List.of());
        }
        int[] count = new int[1];
        status = cudart.cuDeviceGetCount(count);
        if (status != cudart.CUDA_SUCCESS || count[0] == 0) {
            return new GpuReport(State.ERROR, "the driver reports no CUDA device (" + errorName(status) + ")", "",
                    List.of());
        }
        int[] device = new int[1];
        cudart.cuDeviceGet(device, 0);
        String name;
        try (BytePointer buffer = new BytePointer(256)) {
            cudart.cuDeviceGetName(buffer, 256, device[0]);
            name = buffer.getString().strip();
        }
        int[] driverVersion = new int[1];
        cudart.cuDriverGetVersion(driverVersion);
        String detail = count[0] + " CUDA device(s), driver API " + driverVersion[0] / 1000 + "."
                + (driverVersion[0] % 1000) / 10;
        try {
            Loader.load(nvcuvid.class);
        } catch (LinkageError | RuntimeException e) {
            return new GpuReport(State.LIBRARY_MISSING, detail + "; NVDEC's library did not load (" + reason(e)
                    + "); it comes with the driver (" + (OperatingSystem.isWindows() ? "nvcuvid.dll" : "libnvcuvid.so.1")
                    + ")", name, List.of());
        }
        return new GpuReport(State.READY, detail, name, decoderCaps(device[0], needs));
    }

    /** cuvidGetDecoderCaps needs a current CUDA context; one is made and destroyed here. */
    private static List<DecoderCaps> decoderCaps(int device, List<DecodeNeed> needs) {
        Set<Codec> codecs = new LinkedHashSet<>();
        needs.forEach(n -> codecs.add(n.codec()));
        List<DecoderCaps> result = new ArrayList<>();
        CUctx_st context = new CUctx_st();
        if (cudart.cuCtxCreate(context, 0, device) != cudart.CUDA_SUCCESS) {
            return result;
        }
        try {
            for (Codec codec : codecs) {
                try (CUVIDDECODECAPS caps = new CUVIDDECODECAPS()) {
                    caps.eCodecType(codec == Codec.H264 ? nvcuvid.cudaVideoCodec_H264 : nvcuvid.cudaVideoCodec_HEVC);
                    caps.eChromaFormat(nvcuvid.cudaVideoChromaFormat_420);
                    caps.nBitDepthMinus8(0);
                    if (nvcuvid.cuvidGetDecoderCaps(caps) == cudart.CUDA_SUCCESS) {
                        result.add(new DecoderCaps(codec, caps.bIsSupported() != 0, caps.nMaxWidth(),
                                caps.nMaxHeight(), caps.nMaxMBCount(), caps.nNumNVDECs()));
                    }
                }
            }
        } finally {
            cudart.cuCtxDestroy(context);
        }
        return result;
    }

    private static String errorName(int status) {
        return "CUDA error " + status;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
