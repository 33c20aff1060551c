package io.dualstream.app;

import io.dualstream.grabber.GrabberOptions;
import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.Snapshot;
import io.dualstream.natives.GStreamerSupport;
import io.dualstream.pipeline.Codec;
import io.dualstream.pipeline.Decoder;
import io.dualstream.pipeline.DecoderPreference;
import io.dualstream.pipeline.DecoderSelector;
import io.dualstream.pipeline.GstInspectRegistry;
import io.dualstream.pipeline.OutputFormat;
import io.dualstream.pipeline.PipelineRenderer;
import io.dualstream.pipeline.RtspUrl;
import io.dualstream.pipeline.StreamPipeline;
import io.dualstream.pipeline.StreamSpec;
import io.dualstream.pipeline.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** {@code snapshot <rtsp-url> --out FILE}: one full-resolution frame through MainStreamGrabber. */
final class SnapshotCommand {
    private static final Logger LOG = LogManager.getLogger(SnapshotCommand.class);

    static final String HELP = """
            Usage: java -jar dualstream.jar snapshot <rtsp-url> --out FILE [options]

            Connects to the stream, takes one full-resolution frame grabbed after the connection
            is up, writes it to FILE (format from the extension: .jpg, .png, .bmp, .tiff) and exits.

            The URL may carry credentials, rtsp://user:password@host:554/path; the password is
            taken as typed (no %-decoding) and is never printed: logs and errors show it as ***.

            Options:
              --out FILE         image to write (required)
              --codec C          h264 or h265 (default: h264)
              --transport T      tcp or udp (default: tcp)
              --latency MS       RTP jitter-buffer latency in ms, 0..10000 (default: 200)
              --decoder D        auto, nvdec, d3d11 or software (default: auto: NVDEC, then
                                 Direct3D11 on Windows, then software, whichever GStreamer has)
              --timeout T        how long to wait for the stream and its frame (default: 15s)

            Exits 0 when FILE was written, 1 when the stream gave no frame or FILE could not be
            written, 2 on a bad argument, 3 when GStreamer or an element is missing.
            """;

    private SnapshotCommand() {
    }

    static int run(List<String> args, PrintStream out) throws UsageException, CommandFailedException {
        CliArguments cli = CliArguments.parse("snapshot", args,
                Set.of("out", "codec", "transport", "latency", "decoder", "timeout"));
        if (cli.helpRequested()) {
            out.print(HELP);
            return Main.EXIT_OK;
        }
        if (cli.positionals().size() != 1) {
            throw new UsageException("snapshot: expected one RTSP URL, got " + cli.positionals().size()
                    + " arguments (see `dualstream snapshot --help`)");
        }
        RtspUrl url;
        try {
            url = RtspUrl.parse(cli.positionals().get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException("snapshot: " + e.getMessage());
        }
        Path file = Path.of(cli.require("out", "snapshot.jpg")).toAbsolutePath();
        try {
            ImageFiles.checkWritable(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException("snapshot: " + e.getMessage());
        }
        OutputFolder.prepare("snapshot", file.getParent().toString());
        Codec codec;
        try {
            codec = Codec.parse(cli.option("codec").orElse("h264"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("snapshot: --codec: " + e.getMessage());
        }
        Transport transport = EnumOption.parse("snapshot", "transport", cli.option("transport").orElse("tcp"),
                Transport.class);
        DecoderPreference decoderPreference = EnumOption.parse("snapshot", "decoder",
                cli.option("decoder").orElse("auto"), DecoderPreference.class);
        int latency = cli.intOption("latency", StreamSpec.DEFAULT_LATENCY_MILLIS, 0, 10_000);
        Duration timeout = cli.durationOption("timeout", Duration.ofSeconds(15), Duration.ofSeconds(1),
                Duration.ofMinutes(10));

        GStreamerSupport.ensureAvailable();
        GstInspectRegistry registry = new GstInspectRegistry();
        // The decoder decides the appsink format (its own, so videoconvert passes frames through).
        Decoder decoder = new DecoderSelector(registry).select(codec, decoderPreference);
        OutputFormat format = DecodedFormats.nativeFormatOf(decoder);
        StreamSpec spec = StreamSpec.builder().url(url).codec(codec).transport(transport).latencyMillis(latency)
                .decoderPreference(decoderPreference).outputFormat(format).build();
        StreamPipeline pipeline = PipelineRenderer.renderWith(spec, decoder).requireAll(registry);
        LOG.info("pipeline: {}", pipeline.maskedPipeline());

        GrabberOptions options = GrabberOptions.builder().name(streamName(url)).openTimeout(timeout)
                .readTimeout(timeout).colorConversion(format.cvtColorCode()).build();
        try (MainStreamGrabber grabber = MainStreamGrabber.open(pipeline.pipeline(), options);
             Snapshot snapshot = grabber.takeSnapshot(timeout)) {
            ImageFiles.write(snapshot.image(), file, ImageFiles.DEFAULT_JPEG_QUALITY);
            out.printf("saved %s: %dx%d from %s, frame #%d, %d ms from request to frame%n", file,
                    snapshot.image().cols(), snapshot.image().rows(), url.masked(), snapshot.frameNumber(),
                    snapshot.latency().toMillis());
            return Main.EXIT_OK;
        } catch (IOException e) {
            Codec other = codec == Codec.H264 ? Codec.H265 : Codec.H264;
            throw new CommandFailedException("snapshot from " + url.masked() + " failed: " + e.getMessage()
                    + "; check the URL and credentials, and the codec: it was opened as " + codec.displayName()
                    + ", for " + other.displayName() + " add --codec " + other.name().toLowerCase(java.util.Locale.ROOT),
                    e);
        } catch (TimeoutException | IllegalStateException e) {
            throw new CommandFailedException("snapshot from " + url.masked() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("snapshot from " + url.masked() + " interrupted", e);
        }
    }

    /** Host and port name the stream in logs and thread names: never the credentials. */
    private static String streamName(RtspUrl url) {
        String name = url.host() + url.port().stream().mapToObj(p -> ":" + p).findFirst().orElse("");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
