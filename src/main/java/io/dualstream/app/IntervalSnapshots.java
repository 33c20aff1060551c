package io.dualstream.app;

import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.Snapshot;
import io.dualstream.inspect.output.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code snapshot --every D --seconds N --out DIR}: one snapshot per interval for N seconds, through
 * camera restarts. A snapshot that fails (no frame in time while the stream reconnects, a file that
 * cannot be written) is reported in one line and the loop goes on; the grabber keeps grabbing and
 * reconnecting underneath. Success means: at least one snapshot saved, and every failure followed
 * by a later success ("resumed after every outage").
 */
final class IntervalSnapshots {
    private static final Logger LOG = LogManager.getLogger(IntervalSnapshots.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final MainStreamGrabber grabber;
    private final Path folder;
    private final String extension;
    private final Duration every;
    private final Duration total;
    private final PrintWriter out;

    private long saved;
    private long failed;
    private int outages;
    private boolean inOutage;
    private long outageStartedNanos;
    private long longestOutageNanos;

    IntervalSnapshots(MainStreamGrabber grabber, Path folder, String extension, Duration every, Duration total,
                      PrintWriter out) {
        this.grabber = grabber;
        this.folder = folder;
        this.extension = extension;
        this.every = every;
        this.total = total;
        this.out = out;
    }

    /** @return true when snapshots were saved and resumed after every outage */
    boolean run() throws InterruptedException {
        long start = System.nanoTime();
        long end = start + total.toNanos();
        long interval = every.toNanos();
        // Long enough to ride through a short outage, short enough to keep the schedule.
        Duration wait = every.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : every;
        long sequence = 0;
        for (long tick = start; tick < end && grabber.isRunning(); ) {
            sequence++;
            attempt(sequence, wait);
            long now = System.nanoTime();
            // Fixed rate; ticks missed while a snapshot waited are skipped, not made up in a burst.
            tick += interval * Math.max(1, (now - tick) / interval + 1);
            long sleep = Math.min(tick, end) - now;
            if (sleep > 0 && tick < end) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        boolean resumed = saved > 0 && !inOutage;
        String ending = !grabber.isRunning() ? "the stream " + grabber.state() + " and the grabber stopped"
                : inOutage ? "the last outage had not ended" : "snapshots resumed after every outage";
        out.printf("interval snapshots: %d saved, %d failed, %d outage(s), longest %d ms; %d frames grabbed, "
                + "%d reconnect(s): %s%n", saved, failed, outages, TimeUnit.NANOSECONDS.toMillis(longestOutageNanos),
                grabber.framesGrabbed(), grabber.reconnects(), ending);
        out.flush();
        return resumed && grabber.isRunning();
    }

    private void attempt(long sequence, Duration wait) throws InterruptedException {
        Path file = folder.resolve("snapshot-" + LocalDateTime.now().format(FILE_TIME) + "-" + sequence + "."
                + extension);
        try (Snapshot snapshot = grabber.takeSnapshot(wait)) {
            AtomicFiles.writeImage(snapshot.image(), file, AtomicFiles.DEFAULT_JPEG_QUALITY);
            saved++;
            if (inOutage) {
                long lasted = System.nanoTime() - outageStartedNanos;
                longestOutageNanos = Math.max(longestOutageNanos, lasted);
                inOutage = false;
                LOG.info("snapshots resumed after {} ms", TimeUnit.NANOSECONDS.toMillis(lasted));
            }
            out.printf("saved %s: %dx%d, frame #%d%n", file.getFileName(), snapshot.image().cols(),
                    snapshot.image().rows(), snapshot.frameNumber());
            out.flush();
        } catch (TimeoutException | IllegalStateException e) {
            failure(sequence, e.getMessage());
        } catch (IOException e) {
            failure(sequence, "not written: " + e.getMessage() + " (grabbing goes on)");
        }
    }

    private void failure(long sequence, String why) {
        failed++;
        if (!inOutage) {
            inOutage = true;
            outages++;
            outageStartedNanos = System.nanoTime();
        }
        LOG.warn("snapshot {} failed: {}", sequence, why);
    }

}
