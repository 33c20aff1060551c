package io.dualstream.internal.pipeline;

import java.util.Optional;

/**
 * Which decoder the user wants. {@link #AUTO} lets {@link DecoderSelector} take the best one this
 * machine really has; the others name one {@link DecoderBackend} and fail loudly when it is absent,
 * because a user who asked for NVDEC and silently got a CPU decoder would only find out from the
 * CPU load.
 */
public enum DecoderPreference {
    /** NVDEC if present, then Direct3D11 (Windows only), then software. */
    AUTO(null),
    /** NVDEC or fail. */
    NVDEC(DecoderBackend.NVDEC),
    /** Direct3D11 or fail. */
    D3D11(DecoderBackend.D3D11),
    /** Software (avdec) or fail. */
    SOFTWARE(DecoderBackend.SOFTWARE);

    private final DecoderBackend backend;

    DecoderPreference(DecoderBackend backend) {
        this.backend = backend;
    }

    /** The one backend this preference insists on; empty for {@link #AUTO}. */
    public Optional<DecoderBackend> backend() {
        return Optional.ofNullable(backend);
    }
}
