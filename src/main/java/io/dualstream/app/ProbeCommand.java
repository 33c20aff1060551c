package io.dualstream.app;

import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.probe.OpenCvMeasurement;
import io.dualstream.probe.ProbeReport;
import io.dualstream.probe.RtspWireMeter;
import io.dualstream.internal.stream.CodecChoice;
import io.dualstream.internal.stream.PreparedStream;
import io.dualstream.internal.stream.RtspSource;
import io.dualstream.internal.stream.StreamOpener;
import io.dualstream.internal.stream.StreamOutput;
import io.dualstream.internal.stream.StreamSettings;
import io.dualstream.internal.stream.TransportChoice;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe <rtsp-url>}: the article's two measurements plus the compressed bitrate on the wire. */
@Command(name = "probe", sortOptions = false,
        header = "measure a stream: resolution, channels, bytes per frame, FPS, uncompressed MB/s, bitrate",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "1. Opens the stream with OpenCV as an application would (BGR frames) and reports resolution, "
                    + "channels, bytes per frame (width x height x channels), the FPS OpenCV reports "
                    + "(CAP_PROP_FPS; the FPS measured over 2 s is shown too and used when none is reported) "
                    + "and the uncompressed rate, bytes per frame x FPS, in MB/s (1 MB = 10^6 bytes).",
            "2. Measures the compressed bitrate on the wire for --seconds with its own RTSP client (RTP over "
                    + "the RTSP TCP connection, or over UDP when the camera refuses TCP; the report says which): "
                    + "the RTP payload bytes of the video track, i.e. the H.264/H.265 data the camera's encoder produced, over whole frames timed by RTP timestamps, in Mbit/s "
                    + "(10^6 bits); bytes read from the socket are shown too. Then the ratio uncompressed / "
                    + "compressed.",
            "",
            "The password in the URL is never printed."},
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "1:the stream could not be opened or measured; one line says why",
                Main.EXIT_LINE_USAGE, Main.EXIT_LINE_MISSING})
final class ProbeCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(ProbeCommand.class);
    private static final Duration FPS_WINDOW = Duration.ofSeconds(2);

    @Parameters(index = "0", paramLabel = "<rtsp-url>",
            description = "the camera stream, rtsp://[user:password@]host[:port]/path")
    RtspUrl url;

    @Option(names = "--codec", paramLabel = "C",
            description = "h264 or h265; default: what the stream's description (SDP) says")
    Codec codec;

    @Option(names = "--transport", paramLabel = "T", defaultValue = "auto",
            description = {"auto, tcp or udp (default: ${DEFAULT-VALUE}: RTP over TCP, over UDP when the camera "
                    + "refuses TCP or sends nothing over it)"})
    TransportChoice transport;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "5",
            description = "how long to count the compressed stream, 1..300 (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--timeout", paramLabel = "T", defaultValue = "15s",
            description = "how long to wait for the camera's answers and frames, 1s..2m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--json", description = "print one JSON object instead of the text")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws UsageException, CommandFailedException {
        Ranges.check("probe", "--seconds", seconds, 1, 300);
        Ranges.check("probe", "--timeout", timeout, Duration.ofSeconds(1), Duration.ofMinutes(2));
        PrintWriter out = spec.commandLine().getOut();

        RtspWireMeter.Result wire;
        try {
            wire = RtspWireMeter.measure(url, Duration.ofSeconds(seconds), timeout, transport.fixed().orElse(null));
        } catch (IOException e) {
            throw new CommandFailedException("probe " + url.masked() + ": " + e.getMessage());
        }
        Codec streamCodec = codec != null ? codec : codecOf(wire.encoding());

        GStreamerSupport.ensureAvailable();
        StreamSettings settings = StreamSettings.of(StreamSettings.nameFor(url),
                // The transport the wire measurement found (auto: TCP, or UDP when the camera refused TCP).
                new RtspSource(url, CodecChoice.of(streamCodec), TransportChoice.parse(wire.transport().protocols())))
                .withOpenTimeout(timeout).withReadTimeout(timeout);
        PreparedStream stream = StreamOpener.forThisMachine().prepare(settings, StreamOutput.BGR);
        stream.options().reconnect(false);
        LOG.info("probe stream: {}", stream.description());
        OpenCvMeasurement.Frames frames;
        try {
            frames = OpenCvMeasurement.measure(stream, timeout, FPS_WINDOW);
        } catch (IOException e) {
            throw new CommandFailedException("probe " + url.masked() + ": " + e.getMessage() + " (opened as "
                    + streamCodec.displayName() + ")");
        }
        ProbeReport report = new ProbeReport(url.masked(), streamCodec.displayName(), frames, wire);
        out.print(json ? report.json() + System.lineSeparator() : report.text());
        out.flush();
        return Main.EXIT_OK;
    }

    private Codec codecOf(String encoding) throws CommandFailedException {
        String e = encoding.toUpperCase(Locale.ROOT);
        if (e.equals("H264")) {
            return Codec.H264;
        }
        if (e.equals("H265") || e.equals("HEVC")) {
            return Codec.H265;
        }
        throw new CommandFailedException("probe " + url.masked() + ": the stream is '" + encoding + "', not H.264 or "
                + "H.265: DualStream reads only those (set the camera's codec)");
    }
}
