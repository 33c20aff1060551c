package io.dualstream.bench;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_class;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_get_class;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.AV_OPT_SEARCH_FAKE_OBJ;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_find;

import io.dualstream.internal.pipeline.Codec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.bytedeco.ffmpeg.avutil.AVClass;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Contender F: JavaCV's {@code FFmpegFrameGrabber}, set up the way its users set it up for low latency,
 * measured by {@link Contender#measure} like C. Bench only: compiled in the {@code bench} profile, which
 * adds this source folder and JavaCV.
 *
 * <p>The user pattern: one thread loops {@code grabImage()} (decode + BGR24 through swscale, into the
 * grabber's own reused frame), and the consumer copies the newest frame out under the same lock, through
 * {@code OpenCVFrameConverter.ToMat} (no Java2D). The lock is fair, so a consumer waits at most for the grab
 * in progress: its frame is the one that grab decodes, newer than the request, as C's snapshot is.
 *
 * <pre>FfmpegContender ffmpeg URL h264|h265 FPS GRAB_SECONDS CONSUMER_SECONDS OUT_FILE</pre>
 */
public final class FfmpegContender {
    private static final String GRAB_THREAD = "ffmpeg-grab-bench";
    /** The format-level options (setOption): values as users set them; timeout in microseconds. */
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();
    /**
     * The decoder's options (setVideoOption): flags is AVCodecContext's, not the demuxer's. H.264 only: with
     * low_delay, FFmpeg 7.1's HEVC decoder (no frame threads then) stopped for good inside
     * avcodec_send_packet, idle, after "Could not find ref with POC" on joining the 12 MP clip mid-GOP
     * (no frame in 60 s, twice); without it, it decodes the clip at 25 fps.
     */
    private static final Map<String, String> VIDEO_OPTIONS = Map.of("flags", "low_delay");

    static {
        OPTIONS.put("rtsp_transport", "tcp");
        OPTIONS.put("fflags", "nobuffer");
        // FFmpeg 7.1's RTSP demuxer takes "timeout" (socket I/O, microseconds); "stimeout" is gone since
        // FFmpeg 5, and "rw_timeout" belongs to AVIO, which RTSP (a no-file demuxer) never opens.
        OPTIONS.put("timeout", "10000000");
    }

    private FfmpegContender() {
    }

    public static void main(String[] args) throws Exception {
        Contender.run(args, (a, w) -> {
            FFmpegLogCallback.setLevel(AV_LOG_WARNING);
            FFmpegLogCallback.set();
            w.println("ffmpeg_options " + optionOwners());
            try (Latest latest = new Latest(a.url().withoutCredentials(), a.codec(), w)) {
                Contender.measure(a, latest, GRAB_THREAD, false, w);
            }
        });
    }

    /**
     * Which FFmpeg class takes each low-latency option users pass (this FFmpeg's own answer, not the
     * documentation's): the RTSP demuxer's private options, the format context's, or the decoder's.
     */
    static String optionOwners() {
        Map<String, AVClass> classes = new LinkedHashMap<>();
        classes.put("rtsp", av_find_input_format("rtsp").priv_class());
        classes.put("format", avformat_get_class());
        classes.put("codec", avcodec_get_class());
        List<String> answers = new ArrayList<>();
        for (String name : List.of("rtsp_transport", "fflags", "flags", "timeout", "stimeout", "rw_timeout")) {
            List<String> owners = new ArrayList<>();
            for (Map.Entry<String, AVClass> c : classes.entrySet()) {
                try (PointerPointer<AVClass> fake = new PointerPointer<AVClass>(1).put(c.getValue())) {
                    if (av_opt_find(fake, name, null, 0, AV_OPT_SEARCH_FAKE_OBJ) != null) {
                        owners.add(c.getKey());
                    }
                }
            }
            answers.add(name + "=" + (owners.isEmpty() ? "none" : String.join("+", owners)));
        }
        return String.join(",", answers) + " (FFmpeg " + avutil.av_version_info().getString() + ")";
    }

    /** The grab loop on its own thread, keeping the newest frame; the consumer copies it out. */
    private static final class Latest implements Contender.Source, AutoCloseable {
        private final FFmpegFrameGrabber grabber;
        private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        private final ReentrantLock lock = new ReentrantLock(true);
        private final Thread thread;
        private Frame newest;   // the grabber's own frame, overwritten by the next grab: read under lock
        private volatile long grabbed;
        private volatile boolean running = true;
        private volatile Exception failure;

        Latest(String url, Codec codec, PrintWriter w) throws FrameGrabber.Exception {
            grabber = new FFmpegFrameGrabber(url);
            OPTIONS.forEach(grabber::setOption);
            Map<String, String> videoOptions = codec == Codec.H265 ? Map.of() : VIDEO_OPTIONS;
            videoOptions.forEach(grabber::setVideoOption);
            grabber.setImageMode(FrameGrabber.ImageMode.COLOR);
            grabber.setPixelFormat(AV_PIX_FMT_BGR24);
            grabber.start();
            w.println("pipeline FFmpegFrameGrabber(url) setOption " + OPTIONS + " setVideoOption " + videoOptions
                    + " BGR24, grabImage() on a thread keeping the newest frame, copied out under a fair lock");
            thread = new Thread(this::loop, GRAB_THREAD);
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            try {
                while (running) {
                    lock.lock();
                    try {
                        Frame frame = grabber.grabImage();
                        if (frame != null) {
                            newest = frame;
                            grabbed++;
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (FrameGrabber.Exception | RuntimeException e) {
                failure = e;
            }
        }

        @Override
        public long framesGrabbed() {
            return grabbed;
        }

        @Override
        public int width() {
            return grabber.getImageWidth();
        }

        @Override
        public int height() {
            return grabber.getImageHeight();
        }

        @Override
        public Contender.InHand take(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            Mat copy = new Mat();
            while (true) {
                if (failure != null) {
                    copy.close();
                    throw new IllegalStateException("grab loop stopped: " + failure.getMessage(), failure);
                }
                // Waits for the grab in progress (fair: before the loop's next one), never past the deadline.
                if (lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    try {
                        if (newest != null) {
                            converter.convert(newest).copyTo(copy);
                            return new Contender.InHand(copy, copy::close);
                        }
                    } finally {
                        lock.unlock();
                    }
                }
                if (System.nanoTime() > deadline) {
                    copy.close();
                    throw new TimeoutException("no frame in " + timeout);
                }
                Thread.sleep(5);
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(5000);
            if (!thread.isAlive()) {   // a grab stuck in FFmpeg holds the grabber's monitor: leave it to exit
                grabber.stop();
                grabber.release();
            }
        }
    }
}
