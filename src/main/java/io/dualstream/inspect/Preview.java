package io.dualstream.inspect;

import io.dualstream.inspect.output.StreamStats;
import io.dualstream.inspect.preview.PreviewWindow;
import io.dualstream.inspect.track.Track;
import java.time.Duration;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/** Where the camera thread shows what it sees; {@link #NONE} when no preview was asked for. */
interface Preview extends AutoCloseable {
    Preview NONE = new Preview() {
        @Override
        public void offer(Mat frame, List<Track> tracks, StreamStats stats, Duration mainStaleness) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Offers the current sub frame; must return at once (the camera thread calls it every frame). The
     * frame stays the caller's: copy what is kept.
     */
    void offer(Mat frame, List<Track> tracks, StreamStats stats, Duration mainStaleness);

    @Override
    void close();

    /**
     * Opens the camera's preview window.
     *
     * @throws io.dualstream.inspect.preview.PreviewUnavailableException when there is no display
     */
    static Preview open(CameraSettings camera) {
        PreviewWindow window = PreviewWindow.open(camera.name(), camera.trigger());
        return new Preview() {
            @Override
            public void offer(Mat frame, List<Track> tracks, StreamStats stats, Duration mainStaleness) {
                window.offer(frame, tracks, stats, mainStaleness);
            }

            @Override
            public void close() {
                window.close();
            }
        };
    }
}
