package io.dualstream.bench;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YUV2BGR_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_GSTREAMER;

import io.dualstream.grabber.GrabberOptions;
import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.Snapshot;
import io.dualstream.natives.GStreamerSupport;
import io.dualstream.pipeline.ArticlePipeline;
import io.dualstream.pipeline.Codec;
import io.dualstream.pipeline.Decoder;
import io.dualstream.pipeline.DecoderBackend;
import io.dualstream.pipeline.DecoderPreference;
import io.dualstream.pipeline.GstInspectRegistry;
import io.dualstream.pipeline.OutputFormat;
import io.dualstream.pipeline.PipelineRenderer;
import io.dualstream.pipeline.RtspUrl;
import io.dualstream.pipeline.StreamSpec;
import io.dualstream.stream.CodecChoice;
import io.dualstream.stream.PreparedStream;
import io.dualstream.stream.RtspSource;
import io.dualstream.stream.StreamOpener;
import io.dualstream.stream.StreamOutput;
import io.dualstream.stream.StreamSettings;
import io.dualstream.stream.TransportChoice;
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
 * decoder instead).
 *
 * <pre>Contender naive|article|ours|keepall|leaky URL h264|h265 FPS GRAB_SECONDS CONSUMER_SECONDS OUT_FILE</pre>
 */
public final class Contender {
    private static final String GRAB_THREAD = "dualstream-grab-bench";

    private Contender() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        RtspUrl url = RtspUrl.parse(args[1]);
        Codec codec = args[2].equals("h265") ? Codec.H265 : Codec.H264;
        int fps = Integer.parseInt(args[3]);
        long grabNanos = Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
        long consumerNanos = Duration.ofSeconds(Long.parseLong(args[5])).toNanos();
        Path out = Path.of(args[6]);
        GStreamerSupport.ensureAvailable();
        startBusyThreads(Integer.getInteger("bench.busyThreads", 0));
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            if (kind.equals("naive")) {
                naive(url, fps, grabNanos, consumerNanos, w);
            } else {
                grabber(kind, url, codec, fps, grabNanos, consumerNanos, w);
            }
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
        if (kind.equals("ours")) {
            PreparedStream stream = StreamOpener.forThisMachine().prepare(StreamSettings.of("bench",
                    new RtspSource(url, CodecChoice.of(codec), TransportChoice.TCP))
                    .withDecoder(DecoderPreference.SOFTWARE).withReadTimeout(Duration.ofSeconds(10)),
                    StreamOutput.DECODER_FORMAT);
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
        return MainStreamGrabber.open(pipeline, GrabberOptions.builder().name("bench").colorConversion(conversion)
                .readTimeout(Duration.ofSeconds(10)).build());
    }

    private static void grabber(String kind, RtspUrl url, Codec codec, int fps, long grabNanos, long consumerNanos,
                                PrintWriter w) throws Exception {
        try (MainStreamGrabber grabber = openGrabber(kind, url, codec, w)) {
            long threadId = threadIdOf(GRAB_THREAD);
            Thread.sleep(2000);   // warm-up: JIT, caps negotiation, first keyframe
            long cpu0 = cpuNanos();
            long heap0 = allocated(threadId);
            long frames0 = grabber.framesGrabbed();
            long t0 = System.nanoTime();
            Thread.sleep(grabNanos / 1_000_000);
            phase(w, "grab", grabber.framesGrabbed() - frames0, System.nanoTime() - t0, cpuNanos() - cpu0,
                    allocated(threadId) - heap0);
            w.println("size " + grabber.width() + "x" + grabber.height());
            long interval = 1_000_000_000L / fps;
            long start = System.nanoTime();
            long cpu1 = cpuNanos();
            long frames1 = grabber.framesGrabbed();
            long snapshots = 0;
            try (QrStamp qr = new QrStamp()) {
                while (System.nanoTime() - start < consumerNanos) {
                    long asked = System.nanoTime();
                    try (Snapshot snapshot = grabber.takeSnapshot(Duration.ofSeconds(5))) {
                        long inHand = System.nanoTime();
                        snapshots++;
                        sample(w, inHand, inHand - asked, qr.read(snapshot.image()));
                    }
                    sleepUntil(asked + 3 * interval);
                }
            }
            phase(w, "consumer", grabber.framesGrabbed() - frames1, System.nanoTime() - start, cpuNanos() - cpu1, -1);
            w.println("snapshots " + snapshots);
            if (!kind.equals("article")) {   // the others convert I420 to BGR per snapshot
                w.println("convert_ns " + conversionNanos(grabber.width(), grabber.height()));
            }
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
