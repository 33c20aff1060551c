package io.dualstream.inspect.preview;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.dualstream.inspect.TriggerLine;
import io.dualstream.inspect.output.StreamStats;
import io.dualstream.inspect.track.Track;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Draws the overlay of the preview into a BGR frame: the trigger line (yellow), each tracked object's
 * box and ID (green when seen in this frame, grey while missed), and a status line with both streams'
 * FPS, the main stream's staleness and the trigger count. Pure drawing, testable without a display.
 */
public final class PreviewRenderer {
    static final Scalar LINE_COLOUR = new Scalar(0, 255, 255, 0);
    static final Scalar SEEN_COLOUR = new Scalar(0, 255, 0, 0);
    static final Scalar MISSED_COLOUR = new Scalar(128, 128, 128, 0);
    static final Scalar TEXT_COLOUR = new Scalar(255, 255, 255, 0);

    private final TriggerLine trigger;

    /** @param trigger the line to draw, or null for none */
    public PreviewRenderer(TriggerLine trigger) {
        this.trigger = trigger;
    }

    /** Draws onto {@code frame} in place. */
    public void draw(Mat frame, List<Track> tracks, StreamStats stats, Duration mainStaleness) {
        int w = frame.cols();
        int h = frame.rows();
        if (trigger != null) {   // null: a camera with external triggers only draws no line
            try (Point a = new Point((int) Math.round(trigger.from().x() * (w - 1)),
                    (int) Math.round(trigger.from().y() * (h - 1)));
                 Point b = new Point((int) Math.round(trigger.to().x() * (w - 1)),
                         (int) Math.round(trigger.to().y() * (h - 1)))) {
                line(frame, a, b, LINE_COLOUR, 2, LINE_8, 0);
            }
        }
        for (Track track : tracks) {
            Scalar colour = track.missed() == 0 ? SEEN_COLOUR : MISSED_COLOUR;
            try (Point topLeft = new Point(track.box().x(), track.box().y());
                 Point bottomRight = new Point(track.box().x() + track.box().width() - 1,
                         track.box().y() + track.box().height() - 1);
                 Point label = new Point(track.box().x(), Math.max(12, track.box().y() - 4))) {
                rectangle(frame, topLeft, bottomRight, colour, 2, LINE_8, 0);
                putText(frame, "#" + track.id(), label, FONT_HERSHEY_SIMPLEX, 0.5, colour, 1, LINE_8, false);
            }
        }
        String status = String.format(Locale.ROOT, "sub %.1f fps | main %.1f fps, last frame %s | triggers %d",
                stats.subFps(), stats.mainFps(),
                mainStaleness == null ? "none yet" : mainStaleness.toMillis() + " ms ago", stats.triggers());
        try (Point origin = new Point(8, h - 10)) {
            putText(frame, status, origin, FONT_HERSHEY_SIMPLEX, 0.5, TEXT_COLOUR, 1, LINE_8, false);
        }
    }
}
