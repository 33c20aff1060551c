package io.dualstream.probe;

import io.dualstream.grabber.SubStreamReader;
import io.dualstream.internal.stream.PreparedStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The article's first measurement: read the stream with OpenCV as an application would (frames
 * converted to BGR), take the first frame's size and channels and the FPS OpenCV reports; then count
 * frames for a while to measure the FPS that really arrives. Read through the same stream reader as
 * every other command, so transport {@code auto} and the failure diagnosis apply here too.
 */
public final class OpenCvMeasurement {
    private OpenCvMeasurement() {
    }

    /**
     * @param reportedFps {@code CAP_PROP_FPS}; 0 when the stream does not say
     * @param measuredFps frames read per second over the counting window
     */
    public record Frames(int width, int height, int channels, double reportedFps, double measuredFps) {
        public long bytesPerFrame() {
            return (long) width * height * channels;
        }
    }

    /** Counts frames on the reader's thread; the first frame's shape is kept. */
    private static final class Counter implements SubStreamReader.FrameConsumer {
        private final CountDownLatch first = new CountDownLatch(1);
        private volatile int width;
        private volatile int height;
        private volatile int channels;
        private volatile long frames;
        private volatile long countFrom = Long.MAX_VALUE;

        @Override
        public void onFrame(Mat frame, long frameNumber, long arrivedNanos, long steadyNanos) {
            if (first.getCount() > 0) {
                width = frame.cols();
                height = frame.rows();
                channels = frame.channels();
                first.countDown();
            }
            if (arrivedNanos >= countFrom) {
                frames++;
            }
        }
    }

    /**
     * @param stream a stream prepared with BGR output
     * @throws IOException when the stream gives no frame within {@code timeout}, with the reason
     */
    public static Frames measure(PreparedStream stream, Duration timeout, Duration countFor) throws IOException {
        Counter counter = new Counter();
        try (SubStreamReader reader = stream.startReader(counter)) {
            String failure = reader.awaitFirstConnection(timeout);
            if (failure != null) {
                throw new IOException(failure);
            }
            if (!counter.first.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the stream opened but gave no frame within " + timeout.toMillis() + " ms");
            }
            // Count frames as they arrive from now: the first one may have waited for a key frame.
            long start = System.nanoTime();
            counter.countFrom = start;
            Thread.sleep(countFor.toMillis());
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Frames(counter.width, counter.height, counter.channels, reader.reportedFps(),
                    counter.frames / seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
