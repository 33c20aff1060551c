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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snapshot <rtsp-url> --out FILE}: one full-resolution frame through MainStreamGrabber. */
@Command(name = "snapshot", sortOptions = false,
        header = "take one full-resolution snapshot from an RTSP stream and save it",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Connects to the stream, takes one full-resolution frame grabbed after the connection is up, writes "
                    + "it to FILE (format from the extension: .jpg, .png, .bmp, .tiff) and exits.",
            "",
            "The URL may carry credentials, rtsp://user:password@host:554/path; the password is taken as typed "
                    + "(no %%-decoding) and is never printed: logs and errors show it as ***."},
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:FILE was written", "1:the stream gave no frame in time or FILE could not be written",
                Main.EXIT_LINE_USAGE, Main.EXIT_LINE_MISSING})
final class SnapshotCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(SnapshotCommand.class);

    @Parameters(index = "0", paramLabel = "<rtsp-url>",
            description = "the camera stream, rtsp://[user:password@]host[:port]/path")
    RtspUrl url;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "image to write (required)")
    Path outFile;

    @Option(names = "--codec", paramLabel = "C", defaultValue = "h264",
            description = "h264 or h265 (default: ${DEFAULT-VALUE})")
    Codec codec;

    @Option(names = "--transport", paramLabel = "T", defaultValue = "tcp",
            description = "tcp or udp (default: ${DEFAULT-VALUE})")
    Transport transport;

    @Option(names = "--latency", paramLabel = "MS", defaultValue = "" + StreamSpec.DEFAULT_LATENCY_MILLIS,
            description = "RTP jitter-buffer latency in ms, 0..10000 (default: ${DEFAULT-VALUE})")
    int latency;

    @Option(names = "--decoder", paramLabel = "D", defaultValue = "auto",
            description = {"auto, nvdec, d3d11 or software (default: ${DEFAULT-VALUE}: NVDEC, then Direct3D11 on "
                    + "Windows, then software, whichever GStreamer has)"})
    DecoderPreference decoderPreference;

    @Option(names = "--timeout", paramLabel = "T", defaultValue = "15s",
            description = "how long to wait for the stream and its frame, 1s..10m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws UsageException, CommandFailedException {
        Path file = outFile.toAbsolutePath();
        try {
            ImageFiles.checkWritable(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException("snapshot: " + e.getMessage());
        }
        OutputFolder.prepare("snapshot", file.getParent().toString());
        Ranges.check("snapshot", "--latency", latency, 0, 10_000);
        Ranges.check("snapshot", "--timeout", timeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
        PrintWriter out = spec.commandLine().getOut();

        GStreamerSupport.ensureAvailable();
        GstInspectRegistry registry = new GstInspectRegistry();
        // The decoder decides the appsink format (its own, so videoconvert passes frames through).
        Decoder decoder = new DecoderSelector(registry).select(codec, decoderPreference);
        OutputFormat format = DecodedFormats.nativeFormatOf(decoder);
        StreamSpec streamSpec = StreamSpec.builder().url(url).codec(codec).transport(transport).latencyMillis(latency)
                .decoderPreference(decoderPreference).outputFormat(format).build();
        StreamPipeline pipeline = PipelineRenderer.renderWith(streamSpec, decoder).requireAll(registry);
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
