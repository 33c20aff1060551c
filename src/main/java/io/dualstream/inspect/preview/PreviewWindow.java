package io.dualstream.inspect.preview;

import static org.bytedeco.opencv.global.opencv_highgui.destroyWindow;
import static org.bytedeco.opencv.global.opencv_highgui.imshow;
import static org.bytedeco.opencv.global.opencv_highgui.waitKey;

import io.dualstream.inspect.TriggerLine;
import io.dualstream.inspect.output.StreamStats;
import io.dualstream.inspect.track.Track;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A window showing one camera's sub stream with the overlay, on its own thread, so showing never
 * slows capture: the camera thread drops a copy of the frame into a one-frame mailbox and returns;
 * the window thread shows the newest copy when it is ready for one, and frames that arrive meanwhile
 * replace each other unseen. If the window cannot be shown (no GUI backend), the preview stops with
 * one log line and capture goes on.
 */
public final class PreviewWindow implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(PreviewWindow.class);

    private record Frame(Mat image, List<Track> tracks, StreamStats stats, Duration mainStaleness) {
    }

    /** Puts a drawn frame on screen; {@link #HIGHGUI} in the app, a stand-in in tests (CI has no display). */
    interface Screen {
        Screen HIGHGUI = new Screen() {
            @Override
            public void show(String title, Mat image) {
                imshow(title, image);
                waitKey(1);
            }

            @Override
            public void idle() {
                waitKey(10);   // keeps the window responsive while no frame is new
            }

            @Override
            public void close(String title) {
                destroyWindow(title);
            }
        };

        void show(String title, Mat image);

        void idle();

        void close(String title);
    }

    private final String title;
    private final PreviewRenderer renderer;
    private final AtomicReference<Frame> mailbox = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final Screen screen;
    private volatile long shown;
    private volatile long dropped;

    PreviewWindow(String camera, TriggerLine trigger, Screen screen) {
        this.screen = screen;
        this.title = "DualStream - " + camera + " (sub stream)";
        this.renderer = new PreviewRenderer(trigger);
        this.thread = new Thread(this::run, "dualstream-preview-" + camera);
        this.thread.setDaemon(true);   // a window must never keep the JVM alive
    }

    /**
     * Opens the preview of one camera.
     *
     * @throws PreviewUnavailableException when there is no display; its message is one line saying what to do
     */
    public static PreviewWindow open(String camera, TriggerLine trigger) {
        DisplayCheck.whyNoDisplay(System.getenv(), System.getProperty("os.name", "")).ifPresent(reason -> {
            throw new PreviewUnavailableException(reason);
        });
        return new PreviewWindow(camera, trigger, Screen.HIGHGUI).start();
    }

    PreviewWindow start() {
        thread.start();
        return this;
    }

    /** Returns at once: keeps a copy of the frame for the window thread, replacing an unshown one. */
    public void offer(Mat frame, List<Track> tracks, StreamStats stats, Duration mainStaleness) {
        if (!running.get()) {
            return;
        }
        Frame previous = mailbox.getAndSet(new Frame(frame.clone(), tracks, stats, mainStaleness));
        if (previous != null) {
            previous.image.close();   // never taken by the window thread: only getAndSet hands frames over
            dropped++;
        }
    }

    private void run() {
        try {
            while (running.get()) {
                Frame frame = mailbox.getAndSet(null);
                if (frame == null) {
                    screen.idle();
                    continue;
                }
                try (Mat image = frame.image) {
                    renderer.draw(image, frame.tracks, frame.stats, frame.mainStaleness);
                    screen.show(title, image);
                    shown++;
                }
            }
            screen.close(title);
        } catch (RuntimeException e) {
            LOG.warn("preview '{}' stopped, capture goes on: the window cannot be shown ({})", title, e.getMessage());
        } finally {
            running.set(false);
            Frame left = mailbox.getAndSet(null);
            if (left != null) {
                left.image.close();
            }
        }
    }

    public long shown() {
        return shown;
    }

    public long dropped() {
        return dropped;
    }

    /** Closes the window (bounded wait). Safe to call twice. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Frame left = mailbox.getAndSet(null);
        if (left != null) {
            left.image.close();
        }
    }
}
