package io.dualstream.internal.stream;

import io.dualstream.grabber.Diagnosis;
import io.dualstream.grabber.FailureDiagnoser;
import io.dualstream.grabber.PipelineSource;
import io.dualstream.grabber.PipelineToOpen;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.MissingElementException;
import io.dualstream.internal.pipeline.Transport;
import io.dualstream.internal.rtsp.ProbeResult;
import io.dualstream.internal.rtsp.RtspDiagnoser;
import io.dualstream.internal.rtsp.RtspProbe;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A camera stream's pipeline, decided attempt by attempt from what the camera says: its codec
 * ({@code auto}: from the DESCRIBE answer, once the camera first answers, so a camera that is off
 * when the station starts is resolved when it comes up) and its transport ({@code auto}: TCP first,
 * UDP when the camera refuses TCP or sends nothing over it). And the stream's
 * {@link FailureDiagnoser}: before each open the camera must answer DESCRIBE for this stream (a
 * refused port, wrong credentials, path or codec never reach OpenCV, whose failed opens can abort
 * the process); after a failed open, the camera's answer says whether retrying can help.
 *
 * <p>Used by the stream's thread only, one attempt at a time.
 */
final class RtspPipelineSource implements PipelineSource, FailureDiagnoser {
    private static final System.Logger LOG = System.getLogger(RtspPipelineSource.class.getName());

    private final RtspSource source;
    private final String name;
    private final RtspProbe probe;
    private final StreamRendering rendering;
    private final Map<Transport, PipelineToOpen> rendered = new EnumMap<>(Transport.class);
    private Codec codec;
    private RtspDiagnoser diagnoser;
    private Transport transport;
    /** True once a transport opened: kept for the stream's reconnects. */
    private boolean transportKept;

    RtspPipelineSource(String name, RtspSource source, RtspProbe probe, StreamRendering rendering) {
        this.name = name;
        this.source = source;
        this.probe = probe;
        this.rendering = rendering;
        this.transport = source.transport().fixed().orElse(Transport.TCP);
        this.transportKept = source.transport().fixed().isPresent();
        source.codec().fixed().ifPresent(this::useCodec);
    }

    private void useCodec(Codec known) {
        codec = known;
        diagnoser = new RtspDiagnoser(source.url(), known, probe);
    }

    @Override
    public Optional<Diagnosis> beforeOpen() {
        if (codec == null) {
            Optional<Diagnosis> unresolved = resolveCodec();
            if (unresolved.isPresent()) {
                return unresolved;
            }
        }
        Optional<Diagnosis> early = diagnoser.beforeOpen();
        if (early.isPresent()) {
            return early;
        }
        if (!transportKept && transport == Transport.TCP && refusesTcp()) {
            switchTransport(Transport.UDP, "the camera refused RTP over TCP (answered SETUP with 461)");
        }
        return Optional.empty();
    }

    /** Asks the camera for its codec; a diagnosis when it cannot be had now. */
    private Optional<Diagnosis> resolveCodec() {
        ProbeResult answer = probe.describe(source.url());
        if (answer.outcome() != ProbeResult.Outcome.OK) {
            // Same wording as every other failure of this stream; the codec in it is never compared.
            return Optional.of(new RtspDiagnoser(source.url(), Codec.H264, probe).diagnose(answer));
        }
        if (answer.encoding().isEmpty()) {
            return Optional.of(Diagnosis.permanentFailure(source.url().masked() + " describes no video stream: "
                    + "set the codec (h264 or h265) if it has one"));
        }
        Optional<Codec> found = RtspDiagnoser.codecOf(answer.encoding().get());
        if (found.isEmpty()) {
            return Optional.of(Diagnosis.permanentFailure(source.url().masked() + " sends "
                    + answer.encoding().get() + " video, which DualStream cannot decode (H.264 or H.265 only): set "
                    + "the camera's codec"));
        }
        try {
            rendering.check(found.get());
        } catch (MissingElementException e) {
            return Optional.of(Diagnosis.permanentFailure(e.getMessage()));
        }
        useCodec(found.get());
        LOG.log(Level.INFO, "stream ''{0}'': the camera says {1} (codec auto)", name, codec.displayName());
        return Optional.empty();
    }

    /** Does the camera answer a SETUP for RTP over TCP with 461? One round trip (a few ms on a LAN). */
    private boolean refusesTcp() {
        return probe.setup(source.url(), Transport.TCP).outcome() == ProbeResult.Outcome.UNSUPPORTED_TRANSPORT;
    }

    @Override
    public Diagnosis diagnose() {
        if (diagnoser == null) {
            return Diagnosis.transientFailure("the camera did not describe the stream yet");
        }
        Diagnosis diagnosis = diagnoser.diagnose();
        if (!diagnosis.permanent() && source.transport() == TransportChoice.TCP) {
            // Configured for TCP, and OpenCV says no: a camera that offers UDP only says so to a SETUP.
            ProbeResult setup = probe.setup(source.url(), Transport.TCP);
            if (setup.outcome() == ProbeResult.Outcome.UNSUPPORTED_TRANSPORT) {
                return diagnoser.diagnose(setup);
            }
        }
        return diagnosis;
    }

    @Override
    public PipelineToOpen next() {
        return rendered.computeIfAbsent(transport, t -> rendering.rtsp(source.url(), codec, t,
                "RTP over " + t.protocols().toUpperCase(java.util.Locale.ROOT)));
    }

    @Override
    public void opened() {
        if (!transportKept) {
            transportKept = true;
            LOG.log(Level.INFO, "stream ''{0}'': RTP over {1} (transport auto)", name, transport.protocols());
        }
    }

    @Override
    public void failed(boolean timedOut) {
        if (transportKept) {
            return;
        }
        if (transport == Transport.TCP && timedOut) {
            switchTransport(Transport.UDP, "no media over TCP within the open timeout");
        } else if (transport == Transport.UDP) {
            switchTransport(Transport.TCP, "UDP did not open either");
        }
    }

    private void switchTransport(Transport next, String why) {
        LOG.log(Level.INFO, "stream ''{0}'': {1}: trying RTP over {2} (transport auto)", name, why,
                next.protocols());
        transport = next;
    }
}
