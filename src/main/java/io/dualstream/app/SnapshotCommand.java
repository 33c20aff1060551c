package io.dualstream.app;

import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.Snapshot;
import io.dualstream.inspect.output.AtomicFiles;
import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.internal.pipeline.DecoderPreference;
import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.pipeline.StreamSpec;
import io.dualstream.internal.stream.CodecChoice;
import io.dualstream.internal.stream.PreparedStream;
import io.dualstream.internal.stream.RtspSource;
import io.dualstream.internal.stream.StreamOpener;
import io.dualstream.internal.stream.StreamOutput;
import io.dualstream.internal.stream.StreamSettings;
import io.dualstream.internal.stream.TransportChoice;
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

/**
 * {@code snapshot <rtsp-url> --out FILE}: one full-resolution frame through MainStreamGrabber; with
 * {@code --every D --seconds N --out DIR}, one per interval through camera restarts.
 */
@Command(name = "snapshot", sortOptions = false,
        header = "take full-resolution snapshots from an RTSP stream and save them",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Connects to the stream, takes one full-resolution frame grabbed after the connection is up, writes "
                    + "it to FILE (format from the extension: .jpg, .png, .bmp, .tiff) and exits.",
            "",
            "With --every D --seconds N, --out is a folder: one snapshot every D for N seconds, named "
                    + "snapshot-<date-time>-<n>.jpg. The stream reconnects by itself when the camera restarts or "
                    + "the network stalls; a snapshot that fails meanwhile is reported and the next one tried. "
                    + "Wrong credentials, an unknown host or the wrong codec stop it at once.",
            "",
            "The URL may carry credentials, rtsp://user:password@host:554/path. User name and password are "
                    + "percent-decoded (p%%40ss is p@ss; write a literal %% as %%25); a raw @ : / ! ' in the password "
                    + "works too. The password is never printed: logs and errors show it as ***."},
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:FILE was written (--every: snapshots saved, and resumed after every outage)",
                "1:the stream gave no frame in time or FILE could not be written (--every: the stream failed "
                        + "for good, or the last outage had not ended)",
                Main.EXIT_LINE_USAGE, Main.EXIT_LINE_MISSING})
final class SnapshotCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(SnapshotCommand.class);
    /** With --every: how long one (re)open may take before it is abandoned and tried again. */
    private static final Duration INTERVAL_OPEN_TIMEOUT = Duration.ofSeconds(5);

    @Parameters(index = "0", paramLabel = "<rtsp-url>",
            description = "the camera stream, rtsp://[user:password@]host[:port]/path")
    RtspUrl url;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "image to write (required); with --every, the folder to write into")
    Path outFile;

    @Option(names = "--every", paramLabel = "D",
            description = "take a snapshot every D (100ms..1h), e.g. 2s; needs --seconds")
    Duration every;

    @Option(names = "--seconds", paramLabel = "N", description = "with --every: for how long, 1..2592000 seconds")
    Integer seconds;

    @Option(names = "--codec", paramLabel = "C", defaultValue = "auto",
            description = "h264, h265 or auto: asked from the camera (default: ${DEFAULT-VALUE})")
    CodecChoice codec;

    @Option(names = "--transport", paramLabel = "T", defaultValue = "auto",
            description = {"auto, tcp or udp (default: ${DEFAULT-VALUE}: RTP over TCP, over UDP when the camera "
                    + "refuses TCP or sends nothing over it)"})
    TransportChoice transport;

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
        boolean interval = every != null || seconds != null;
        if (interval && (every == null || seconds == null)) {
            throw new UsageException("snapshot: --every and --seconds go together, e.g. --every 2s --seconds 60");
        }
        Path file = outFile.toAbsolutePath();
        Path folder;
        String extension = "jpg";
        if (interval) {
            Ranges.check("snapshot", "--every", every, Duration.ofMillis(100), Duration.ofHours(1));
            Ranges.check("snapshot", "--seconds", seconds, 1, 2_592_000);
            folder = OutputFolder.prepare("snapshot", file.toString());
        } else {
            try {
                AtomicFiles.checkImageFile(file);
            } catch (IllegalArgumentException e) {
                throw new UsageException("snapshot: " + e.getMessage());
            }
            folder = OutputFolder.prepare("snapshot", file.getParent().toString());
        }
        Ranges.check("snapshot", "--latency", latency, 0, 10_000);
        Ranges.check("snapshot", "--timeout", timeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
        PrintWriter out = spec.commandLine().getOut();

        GStreamerSupport.ensureAvailable();
        StreamSettings settings = StreamSettings.of(StreamSettings.nameFor(url), new RtspSource(url, codec, transport))
                .withDecoder(decoderPreference).withLatencyMillis(latency);
        // With --every, a reopen that hangs is given up after this and tried again: keep it short across
        // outages. One snapshot: wait as long as the user said.
        settings = interval ? settings.withOpenTimeout(timeout.compareTo(INTERVAL_OPEN_TIMEOUT) < 0 ? timeout
                : INTERVAL_OPEN_TIMEOUT) : settings.withOpenTimeout(timeout).withReadTimeout(timeout);
        PreparedStream stream = StreamOpener.forThisMachine().prepare(settings, StreamOutput.DECODER_FORMAT);
        LOG.info("stream: {}", stream.description());
        try (MainStreamGrabber grabber = stream.openGrabber()) {
            if (interval) {
                boolean resumed = new IntervalSnapshots(grabber, folder, extension, every,
                        Duration.ofSeconds(seconds), out).run();
                return resumed ? Main.EXIT_OK : Main.EXIT_FAILED;
            }
            try (Snapshot snapshot = grabber.takeSnapshot(timeout)) {
                AtomicFiles.writeImage(snapshot.image(), file, AtomicFiles.DEFAULT_JPEG_QUALITY);
                out.printf("saved %s: %dx%d from %s, frame #%d, %d ms from request to frame%n", file,
                        snapshot.image().cols(), snapshot.image().rows(), url.masked(), snapshot.frameNumber(),
                        snapshot.latency().toMillis());
                return Main.EXIT_OK;
            }
        } catch (IOException e) {
            throw new CommandFailedException("snapshot from " + url.masked() + " failed: " + e.getMessage(), e);
        } catch (TimeoutException | IllegalStateException e) {
            throw new CommandFailedException("snapshot from " + url.masked() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("snapshot from " + url.masked() + " interrupted", e);
        }
    }
}
