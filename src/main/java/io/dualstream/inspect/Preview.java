package io.dualstream.inspect;

import io.dualstream.inspect.output.StreamStats;
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

    static Preview open(CameraSettings camera) {
        throw new UnsupportedOperationException("preview window not there yet");
    }
}
