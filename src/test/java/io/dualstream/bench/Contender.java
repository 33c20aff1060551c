package io.dualstream.bench;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YUV2BGR_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;

import io.dualstream.grabber.GrabberOptions;
import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.Snapshot;
import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.internal.pipeline.ArticlePipeline;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.Decoder;
import io.dualstream.internal.pipeline.DecoderBackend;
import io.dualstream.internal.pipeline.DecoderPreference;
import io.dualstream.internal.pipeline.GstInspectRegistry;
import io.dualstream.internal.pipeline.OutputFormat;
import io.dualstream.internal.pipeline.PipelineRenderer;
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
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * One contender of the benchmark, run in its own JVM so that the process's CPU time is its own.
 *
 * <p>Two phases: grab-only (no consumer: frames, CPU time, heap bytes allocated on the grabbing
 * thread), then the slow consumer (3 frame intervals per sub-stream frame, one frame in hand per
 * pass, its QR stamp read). Writes {@code key value} lines and one {@code S} line per frame in hand:
 * {@code S <nanoTime in hand> <request-to-hand ns> <count or -1> <timestamp ns or -1>}.
 *
 * <p>Kinds: {@code naive} (A), {@code article} (B), {@code ours} (C), {@code keepall} (C without the decode
 * backlog bound) and {@code leaky} (C without the bound, with a leaky queue of access units before the
 * decoder instead). F ({@code ffmpeg}, JavaCV) has its own main, {@code FfmpegContender} in src/bench-ffmpeg,
 * which runs through {@link #run} and {@link #measure} like these.
 *
 * <pre>Contender naive|article|ours|keepall|leaky URL h264|h265 FPS GRAB_SECONDS CONSUMER_SECONDS OUT_FILE</pre>
 */
public final class Contender {
    private static final String GRAB_THREAD = "dualstream-grab-bench";

    private Contender() {
    }

    public static void main(String[] args) throws Exception {
        run(args, (a, w) -> {
            GStreamerSupport.ensureAvailable();
            if (a.kind().equals("naive")) {
                naive(a.url(), a.fps(), a.grabNanos(), a.consumerNanos(), w);
            } else {
                try (MainStreamGrabber grabber = openGrabber(a.kind(), a.url(), a.codec(), w)) {
                    measure(a, new Source() {
                        @Override
                        public long framesGrabbed() {
                            return grabber.framesGrabbed();
                        }

                        @Override
                        public int width() {
                            return grabber.width();
                        }

                        @Override
                        public int height() {
                            return grabber.height();
                        }

                        @Override
                        public InHand take(Duration timeout) throws Exception {
                            Snapshot snapshot = grabber.takeSnapshot(timeout);
                            return new InHand(snapshot.image(), snapshot);
                        }
                    }, GRAB_THREAD, !a.kind().equals("article"), w);   // the others convert I420 to BGR per snapshot
                }
            }
        });
    }

    /** A contender's command line: {@code KIND URL h264|h265 FPS GRAB_SECONDS CONSUMER_SECONDS OUT_FILE}. */
    record Args(String kind, RtspUrl url, Codec codec, int fps, long grabNanos, long consumerNanos, Path out) {
        static Args parse(String[] args) {
            return new Args(args[0], RtspUrl.parse(args[1]), args[2].equals("h265") ? Codec.H265 : Codec.H264,
                    Integer.parseInt(args[3]), Duration.ofSeconds(Long.parseLong(args[4])).toNanos(),
                    Duration.ofSeconds(Long.parseLong(args[5])).toNanos(), Path.of(args[6]));
        }
    }

    /** What a contender does with its arguments, writing its figures to {@code w}. */
    interface Body {
        void run(Args args, PrintWriter w) throws Exception;
    }

    /**
     * A grabber that grabs on a thread of its own and hands the consumer one frame per request: C and its
     * variants through MainStreamGrabber, F through JavaCV (src/bench-ffmpeg).
     */
    interface Source {
        long framesGrabbed();

        int width();

        int height();

        /** A BGR frame that is the caller's until the returned value is closed. */
        InHand take(Duration timeout) throws Exception;
    }

    /** A frame in the consumer's hands and what releases it. */
    record InHand(Mat image, AutoCloseable release) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            release.close();
        }
    }

    /**
     * Every contender's process: the arguments, the busy threads of the overload case, the results file,
     * then {@code body}; exits the JVM (native threads must not keep it alive).
     */
    static void run(String[] args, Body body) throws Exception {
        Args a = Args.parse(args);
        startBusyThreads(Integer.getInteger("bench.busyThreads", 0));
        HeapSampler heap = HeapSampler.start();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(a.out(), StandardCharsets.UTF_8))) {
            body.run(a, w);
            heap.write(w);
        }
        System.exit(0);
    }

    /**
     * Threads that only burn CPU: other work on the inspection PC (a detector, another camera) that the
     * decoder has to share its CPU with. With the process pinned to one CPU, each takes an equal share.
     */
    private static void startBusyThreads(int count) {
        for (int i = 0; i < count; i++) {
            Thread busy = new Thread(() -> {
                long x = 0;
                while (x != -1) {
                    x += System.nanoTime() & 1;
                }
            }, "bench-busy-" + i);
            busy.setDaemon(true);
            busy.start();
        }
    }

    /** (A) what users start with: open the URL, read() every frame, however slow the consumer. */
    private static void naive(RtspUrl url, int fps, long grabNanos, long consumerNanos, PrintWriter w)
            throws IOException, InterruptedException {
        VideoCapture capture = new VideoCapture(url.withoutCredentials(), CAP_GSTREAMER);
        if (!capture.isOpened()) {
            throw new IOException("naive: VideoCapture(url, CAP_GSTREAMER) did not open " + url);
        }
        w.println("pipeline VideoCapture(url, CAP_GSTREAMER) + read()");
        Mat frame = new Mat();
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            capture.read(frame);
        }
        long threadId = Thread.currentThread().getId();
        long cpu0 = cpuNanos();
        long heap0 = allocated(threadId);
        long t0 = System.nanoTime();
        long frames = 0;
        while (System.nanoTime() - t0 < grabNanos) {
            if (capture.read(frame)) {
                frames++;
            }
        }
        phase(w, "grab", frames, System.nanoTime() - t0, cpuNanos() - cpu0, allocated(threadId) - heap0);
        long interval = 1_000_000_000L / fps;
        long start = System.nanoTime();
        long cpu1 = cpuNanos();
        long reads = 0;
        try (QrStamp qr = new QrStamp()) {
            while (System.nanoTime() - start < consumerNanos) {
                long asked = System.nanoTime();
                boolean ok = capture.read(frame);
                long inHand = System.nanoTime();
                reads++;
                sample(w, inHand, inHand - asked, ok ? qr.read(frame) : null);
                sleepUntil(asked + 3 * interval);
            }
        }
        phase(w, "consumer", reads, System.nanoTime() - start, cpuNanos() - cpu1, -1);
        frame.close();
        capture.release();
        capture.close();
    }

    /**
     * (C) ours, opened by the stream opener every command uses (software decoder here: no GPU), and the
     * variants measured against it: (B) the article's pipeline, C' ours without the decode backlog bound,
     * (E) a leaky queue before the decoder; all drained by MainStreamGrabber's grab()/retrieve().
     */
    private static MainStreamGrabber openGrabber(String kind, RtspUrl url, Codec codec, PrintWriter w)
            throws IOException {
        if (kind.equals("ours") || kind.equals("latency0")) {
            // latency0: the same with rtspsrc's jitter buffer at 0 ms, to see what the default 200 ms costs on TCP
            StreamSettings settings = StreamSettings.of("bench", new RtspSource(url, CodecChoice.of(codec),
                    TransportChoice.TCP)).withDecoder(DecoderPreference.SOFTWARE).withReadTimeout(Duration.ofSeconds(10));
            PreparedStream stream = StreamOpener.forThisMachine().prepare(kind.equals("latency0")
                    ? settings.withLatencyMillis(0) : settings, StreamOutput.DECODER_FORMAT);
            w.println("pipeline " + stream.description());
            return stream.openGrabber();
        }
        Decoder software = new Decoder(codec, DecoderBackend.SOFTWARE);
        StreamSpec spec;
        int conversion;
        if (kind.equals("article")) {
            // The article's exact pipeline, with the software decoder in NVDEC's place (no GPU here).
            spec = ArticlePipeline.spec(url).newBuilder().codec(codec).build();
            conversion = -1;
        } else {
            spec = StreamSpec.builder().url(url).codec(codec).outputFormat(OutputFormat.I420)
                    .decodeBacklogMillis(0).build();
            conversion = COLOR_YUV2BGR_I420;
        }
        String pipeline = PipelineRenderer.renderWith(spec, software, new GstInspectRegistry()).pipeline();
        if (kind.equals("leaky")) {
            // The obvious way to bound the backlog before a slow decoder, measured to show why it is not
            // ours: a leaky queue drops single access units, so the frames after a drop decode against a
            // missing reference (smeared) until the next keyframe; avdec's output-corrupt=false does not
            // catch it for H.265.
            pipeline = pipeline.replace(" ! " + software.element() + " ! ", " ! queue max-size-buffers=2 "
                    + "leaky=downstream ! " + software.element() + " output-corrupt=false ! ");
        }
        w.println("pipeline " + pipeline);
        return MainStreamGrabber.openPipeline(pipeline, GrabberOptions.builder().name("bench").colorConversion(conversion)
                .readTimeout(Duration.ofSeconds(10)).build());
    }

    /**
     * The protocol of every contender that grabs on its own thread: 2 s warm-up, the grab-only phase (frames,
     * process CPU, heap allocated on the thread named {@code grabThread}), then the slow consumer taking one
     * frame per 3 frame intervals and reading its QR stamp.
     *
     * @param i420 whether the contender converts I420 to BGR per frame in hand (its cost is then reported)
     */
    static void measure(Args a, Source source, String grabThread, boolean i420, PrintWriter w) throws Exception {
        long threadId = threadIdOf(grabThread);
        Thread.sleep(2000);   // warm-up: JIT, caps negotiation, first keyframe
        long cpu0 = cpuNanos();
        long heap0 = allocated(threadId);
        long frames0 = source.framesGrabbed();
        long t0 = System.nanoTime();
        Thread.sleep(a.grabNanos() / 1_000_000);
        phase(w, "grab", source.framesGrabbed() - frames0, System.nanoTime() - t0, cpuNanos() - cpu0,
                allocated(threadId) - heap0);
        w.println("size " + source.width() + "x" + source.height());
        long interval = 1_000_000_000L / a.fps();
        long start = System.nanoTime();
        long cpu1 = cpuNanos();
        long frames1 = source.framesGrabbed();
        long snapshots = 0;
        try (QrStamp qr = new QrStamp()) {
            while (System.nanoTime() - start < a.consumerNanos()) {
                long asked = System.nanoTime();
                try (InHand frame = source.take(Duration.ofSeconds(5))) {
                    long inHand = System.nanoTime();
                    snapshots++;
                    sample(w, inHand, inHand - asked, qr.read(frame.image()));
                }
                sleepUntil(asked + 3 * interval);
            }
        }
        phase(w, "consumer", source.framesGrabbed() - frames1, System.nanoTime() - start, cpuNanos() - cpu1, -1);
        w.println("snapshots " + snapshots);
        if (i420) {
            w.println("convert_ns " + conversionNanos(source.width(), source.height()));
        }
    }

    /** One I420 -> BGR cvtColor at this size, median of 9: the "one conversion" of the latency goal. */
    private static long conversionNanos(int width, int height) {
        long[] times = new long[9];
        try (Mat yuv = new Mat(height * 3 / 2, width, org.bytedeco.opencv.global.opencv_core.CV_8UC1);
             Mat bgr = new Mat()) {
            for (int i = 0; i < times.length; i++) {
                long t = System.nanoTime();
                cvtColor(yuv, bgr, COLOR_YUV2BGR_I420);
                times[i] = System.nanoTime() - t;
            }
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2];
    }

    private static void phase(PrintWriter w, String name, long frames, long wallNanos, long cpuNanos, long heapBytes) {
        w.println(name + "_frames " + frames);
        w.println(name + "_wall_ns " + wallNanos);
        w.println(name + "_cpu_ns " + cpuNanos);
        if (heapBytes >= 0) {
            w.println(name + "_heap_bytes " + heapBytes);
        }
        w.flush();
    }

    private static void sample(PrintWriter w, long inHand, long latency, QrStamp.Stamp stamp) {
        w.println(String.format(Locale.ROOT, "S %d %d %d %d", inHand, latency,
                stamp == null ? -1 : stamp.count(), stamp == null ? -1 : stamp.timestampNanos()));
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static long allocated(long threadId) {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(threadId);
    }

    private static long threadIdOf(String name) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(name)) {
                return thread.getId();
            }
        }
        throw new IllegalStateException("no thread named " + name);
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
