package io.dualstream.doctor;

import io.dualstream.internal.pipeline.Codec;
import java.util.List;

/**
 * Asks the NVIDIA GPU what it is and what NVDEC can decode. Behind an interface because only a machine
 * with an NVIDIA driver can answer: the real one is {@link CudaGpuProbe}; tests drive the doctor's
 * decisions with a fake.
 */
public interface GpuProbe {
    /**
     * @param needs the streams the configured cameras will decode (codec and resolution)
     * @return what was found; never throws for a missing driver or library
     */
    GpuReport probe(List<DecodeNeed> needs);

    /** A stream to decode: its codec and size, and a label for the report ("cam1 main"). */
    record DecodeNeed(String label, Codec codec, int width, int height) {
    }

    /** NVDEC's answer for one codec (8-bit 4:2:0, what cameras send). */
    record DecoderCaps(Codec codec, boolean supported, int maxWidth, int maxHeight, int maxMacroblocks,
                       int engines) {
        /** True when NVDEC can decode this size: within width, height and macroblock count. */
        public boolean fits(int width, int height) {
            long macroblocks = (long) ((width + 15) / 16) * ((height + 15) / 16);
            return supported && width <= maxWidth && height <= maxHeight
                    && (maxMacroblocks <= 0 || macroblocks <= maxMacroblocks);
        }
    }

    /**
     * @param state     what could be asked
     * @param detail    one line: the driver/library found or why not
     * @param gpuName   the first GPU's name, empty if unknown
     * @param caps      NVDEC limits per codec asked; empty unless {@code state == READY}
     */
    record GpuReport(State state, String detail, String gpuName, List<DecoderCaps> caps) {
        public GpuReport {
            caps = List.copyOf(caps);
        }
    }

    enum State {
        /** No NVIDIA driver on this machine: nothing to ask; cameras decode in software or via Direct3D11. */
        NO_DRIVER,
        /** A driver, but a library the query needs (CUDA runtime, nvcuvid) did not load. */
        LIBRARY_MISSING,
        /** The driver answered with an error (no device, driver too old...). */
        ERROR,
        /** GPU name and NVDEC limits are known. */
        READY
    }
}
