package io.dualstream.internal.rtsp;

import io.dualstream.grabber.Diagnosis;
import io.dualstream.grabber.FailureDiagnoser;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.RtspUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells the grabber why an RTSP pipeline did not open, from an {@link RtspProbe}: wrong
 * credentials, an unknown host, something that is not an RTSP server, a missing path or the wrong
 * codec are permanent (retrying cannot help); refused, silent or busy cameras are transient (a
 * reboot, a restart, a stall).
 */
public final class RtspDiagnoser implements FailureDiagnoser {
    private static final int CONNECT_CHECK_MILLIS = 2000;
    private final RtspUrl url;
    private final Codec expected;
    private final RtspProbe probe;

    public RtspDiagnoser(RtspUrl url, Codec expected, RtspProbe probe) {
        this.url = url;
        this.expected = expected;
        this.probe = probe;
    }

    @Override
    public Diagnosis diagnose() {
        return diagnosisOf(probe.describe(url));
    }

    /**
     * The diagnosis of a result of this diagnoser's probe, e.g. of {@link RtspProbe#setup} by a
     * stream opener that checked the transport itself: a camera that refused RTP over TCP
     * ({@link ProbeResult.Outcome#UNSUPPORTED_TRANSPORT}) is a permanent failure with one clear line.
     */
    public Diagnosis diagnose(ProbeResult result) {
        return diagnosisOf(result);
    }

    private Diagnosis diagnosisOf(ProbeResult result) {
        String where = url.masked();
        return switch (result.outcome()) {
            case UNKNOWN_HOST -> Diagnosis.permanentFailure("unknown host: " + result.detail()
                    + "; check the camera's address in " + where);
            case NOT_RTSP -> Diagnosis.permanentFailure(result.detail() + ": is the port right? (" + where + ")");
            case UNAUTHORIZED -> Diagnosis.permanentFailure("the camera refused the credentials (" + result.detail()
                    + "): check the user name and password in " + where);
            case NOT_FOUND -> Diagnosis.permanentFailure("the camera has no stream at this path (" + result.detail()
                    + "): check the path in " + where);
            case UNSUPPORTED_TRANSPORT -> Diagnosis.permanentFailure(
                    result.detail().endsWith(RtspProbe.OVER_UDP)
                            ? "the camera refused RTP over UDP (" + result.detail() + "): use transport tcp or auto ("
                                    + where + ")"
                            : RtpTransport.TCP_REFUSED + ": use transport udp or auto (" + where + ")");
            case OK -> codecCheck(result.encoding());
            case REFUSED, TIMEOUT, IO_ERROR, OTHER_STATUS, NOT_PROBED ->
                    Diagnosis.transientFailure(result.detail() + " (camera rebooting, network down or wrong port?)");
        };
    }

    private Diagnosis codecCheck(Optional<String> encoding) {
        Optional<Codec> actual = encoding.flatMap(RtspDiagnoser::codecOf);
        if (actual.isPresent() && actual.get() != expected) {
            return Diagnosis.permanentFailure("the stream is " + actual.get().displayName() + " but the pipeline "
                    + "decodes " + expected.displayName() + ": use --codec "
                    + actual.get().name().toLowerCase(Locale.ROOT) + " or --codec auto");
        }
        if (encoding.isPresent() && actual.isEmpty()) {
            return Diagnosis.permanentFailure("the stream's video is " + encoding.get()
                    + ", which DualStream cannot decode (H.264 or H.265 only)");
        }
        return Diagnosis.transientFailure("the camera answers DESCRIBE, but OpenCV could not open the pipeline "
                + "(set GST_DEBUG=3 to see GStreamer's reason)");
    }

    /**
     * Before each open, the camera must answer DESCRIBE for this stream with the expected codec (one
     * round-trip): a refused or silent port, wrong credentials, a missing path or the wrong codec are
     * found here and OpenCV is not asked at all (its failed opens are what can abort the process, see
     * {@link FailureDiagnoser#beforeOpen()}). {@code rtsps://}, which the probe does not speak, gets
     * the TCP port check only.
     */
    @Override
    public Optional<Diagnosis> beforeOpen() {
        ProbeResult result = probe.describe(url);
        return switch (result.outcome()) {
            case NOT_PROBED -> portCheck();
            case OK -> {
                Diagnosis codec = codecCheck(result.encoding());
                yield codec.permanent() ? Optional.of(codec) : Optional.empty();
            }
            default -> Optional.of(diagnosisOf(result));
        };
    }

    private Optional<Diagnosis> portCheck() {
        String host = url.host().startsWith("[") ? url.host().substring(1, url.host().length() - 1) : url.host();
        int port = url.port().orElse(url.scheme().equals("rtsps") ? 322 : 554);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return Optional.of(Diagnosis.permanentFailure("unknown host: host '" + url.host()
                    + "' does not resolve; check the camera's address in " + url.masked()));
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_CHECK_MILLIS);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(Diagnosis.transientFailure("connection to " + url.host() + ":" + port + " failed ("
                    + e.getClass().getSimpleName() + ") (camera rebooting, network down or wrong port?)"));
        }
    }

    /** H264 / H265 (or HEVC) as the SDP names them. */
    public static Optional<Codec> codecOf(String encoding) {
        return switch (encoding.toUpperCase(Locale.ROOT)) {
            case "H264" -> Optional.of(Codec.H264);
            case "H265", "HEVC" -> Optional.of(Codec.H265);
            default -> Optional.empty();
        };
    }
}
