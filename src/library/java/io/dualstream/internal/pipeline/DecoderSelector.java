package io.dualstream.internal.pipeline;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Chooses the decoder for a stream from what the {@link ElementRegistry} really has, never from a
 * list of names assumed to exist.
 *
 * <p>{@link DecoderPreference#AUTO} tries, in order: NVDEC (fixed-function decode on an NVIDIA GPU,
 * CPU left free), Direct3D11 on Windows only (any GPU vendor; on other systems the element cannot
 * work even if a registry claimed it), then software. With none available it reports the software
 * decoder as missing, since that is the one every machine can install.
 *
 * <p>An explicit preference gets exactly that backend or a {@link MissingElementException}: a user
 * who asked for NVDEC must not get a CPU decoder without noticing.
 */
public final class DecoderSelector {

    private static final Logger LOG = System.getLogger(DecoderSelector.class.getName());

    private final ElementRegistry registry;
    private final boolean windows;

    /** For this machine's operating system ({@code os.name}). */
    public DecoderSelector(ElementRegistry registry) {
        this(registry, Platform.isWindows());
    }

    /**
     * @param registry where to look elements up
     * @param windows whether to consider Direct3D11 in {@link DecoderPreference#AUTO}, and to give
     *     Windows install hints
     */
    public DecoderSelector(ElementRegistry registry, boolean windows) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.windows = windows;
    }

    /** The registry this selector asks. */
    public ElementRegistry registry() {
        return registry;
    }

    /** Whether this selector treats the machine as Windows. */
    public boolean windows() {
        return windows;
    }

    /**
     * The backends {@link DecoderPreference#AUTO} tries, best first: NVDEC, Direct3D11 (Windows
     * only), software.
     */
    public List<DecoderBackend> autoOrder() {
        List<DecoderBackend> order = new ArrayList<>(3);
        order.add(DecoderBackend.NVDEC);
        if (windows) {
            order.add(DecoderBackend.D3D11);
        }
        order.add(DecoderBackend.SOFTWARE);
        return Collections.unmodifiableList(order);
    }

    /**
     * Chooses the decoder.
     *
     * @throws MissingElementException when an explicitly preferred decoder is absent, or, for
     *     {@link DecoderPreference#AUTO}, when no decoder for the codec is (naming the software one)
     */
    public Decoder select(Codec codec, DecoderPreference preference) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(preference, "preference");
        if (preference.backend().isPresent()) {
            Decoder wanted = new Decoder(codec, preference.backend().get());
            if (!registry.has(wanted.element())) {
                throw new MissingElementException(wanted.element(), windows);
            }
            LOG.log(Level.DEBUG, "decoder {0}: requested explicitly", wanted.element());
            return wanted;
        }
        for (DecoderBackend backend : autoOrder()) {
            Decoder candidate = new Decoder(codec, backend);
            if (registry.has(candidate.element())) {
                LOG.log(Level.DEBUG, "decoder {0}: best available of {1}", candidate.element(),
                        autoOrder());
                return candidate;
            }
            LOG.log(Level.DEBUG, "decoder {0}: not available here", candidate.element());
        }
        throw new MissingElementException(codec.softwareDecoder(), windows);
    }

    /** {@link #select(Codec, DecoderPreference)} with the spec's codec and preference. */
    public Decoder select(StreamSpec spec) {
        return select(spec.codec(), spec.decoderPreference());
    }
}
