package io.dualstream.bench;

import io.dualstream.grabber.MainStreamGrabber;
import io.dualstream.grabber.Snapshot;
import io.dualstream.grabber.SubStreamReader;
import io.dualstream.inspect.DetectorSettings;
import io.dualstream.inspect.detect.MotionDetector;
import io.dualstream.internal.natives.GStreamerSupport;
import io.dualstream.internal.pipeline.DecoderPreference;
import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.stream.CodecChoice;
import io.dualstream.internal.stream.RtspSource;
import io.dualstream.internal.stream.StreamOpener;
import io.dualstream.internal.stream.StreamOutput;
import io.dualstream.internal.stream.StreamSettings;
import io.dualstream.internal.stream.TransportChoice;
import io.dualstream.internal.pipeline.Codec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N cameras in one process, the way {@code run} has them: per camera a main-stream grabber (1080p,
 * decoder format, BGR on retrieve) and a sub-stream reader (BGR) whose every frame goes through the
 * built-in motion detector; a consumer thread per camera takes one main snapshot a second, as triggers
 * would, and reads its QR stamp for the staleness. Arguments: {@code SECONDS OUT_FILE HOST_PORT N}; the
 * mounts are {@code /camK-main} and {@code /camK-sub}. Writes per camera {@code S K inHand latency count}
 * lines, frame counts and the process's CPU over the measured phase.
 */
public final class ScalingContender {
    private static final long WARM_UP_MILLIS = 3000;
    private static final long CONNECT_LIMIT_NANOS = 60_000_000_000L;

    private ScalingContender() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        String hostPort = args[2];
        int cameras = Integer.parseInt(args[3]);
        GStreamerSupport.ensureAvailable();
        HeapSampler heap = HeapSampler.start();
        StreamOpener opener = StreamOpener.forThisMachine();
        List<MainStreamGrabber> mains = new ArrayList<>();
        List<SubStreamReader> subs = new ArrayList<>();
        List<AtomicLong> detections = new ArrayList<>();
        for (int k = 1; k <= cameras; k++) {
            mains.add(opener.prepare(settings("cam" + k + "-main", hostPort), StreamOutput.DECODER_FORMAT)
                    .startGrabber());
            MotionDetector detector = new MotionDetector(DetectorSettings.defaults());
            AtomicLong found = new AtomicLong();
            detections.add(found);
            subs.add(opener.prepare(settings("cam" + k + "-sub", hostPort), StreamOutput.BGR)
                    .startReader((frame, number, arrived, steady) -> found.addAndGet(detector.detect(frame, steady)
                            .size())));
        }
        // Measure only once every stream streams: N cameras opening at once may need a retry (the test
        // server answers them one by one), which is the start-up, not the steady state this is about.
        long upBy = System.nanoTime() + CONNECT_LIMIT_NANOS;
        while (!allStreaming(mains, subs) && System.nanoTime() < upBy) {
            Thread.sleep(100);
        }
        long connectMillis = (System.nanoTime() - (upBy - CONNECT_LIMIT_NANOS)) / 1_000_000;
        Thread.sleep(WARM_UP_MILLIS);
        long[] main0 = new long[cameras];
        long[] sub0 = new long[cameras];
        for (int i = 0; i < cameras; i++) {
            main0[i] = mains.get(i).framesGrabbed();
            sub0[i] = subs.get(i).framesRead();
        }
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        List<String> samples = new ArrayList<>();
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            int camera = i;
            Thread consumer = new Thread(() -> consume(mains.get(camera), camera + 1, cameras, t0, seconds, samples),
                    "scaling-consumer-" + (i + 1));
            consumer.start();
            consumers.add(consumer);
        }
        for (Thread consumer : consumers) {
            consumer.join();
        }
        long wall = System.nanoTime() - t0;
        long cpu = cpuNanos() - cpu0;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("cameras " + cameras);
            w.println("connect_ms " + connectMillis);
            w.println("wall_ns " + wall);
            w.println("cpu_ns " + cpu);
            for (int i = 0; i < cameras; i++) {
                w.println("main_frames_" + (i + 1) + " " + (mains.get(i).framesGrabbed() - main0[i]));
                w.println("sub_frames_" + (i + 1) + " " + (subs.get(i).framesRead() - sub0[i]));
                w.println("detections_" + (i + 1) + " " + detections.get(i).get());
            }
            synchronized (samples) {
                samples.forEach(w::println);
            }
            heap.write(w);
        }
        System.exit(0);   // native threads must not keep the JVM; the grabbers' state dies with it
    }

    private static boolean allStreaming(List<MainStreamGrabber> mains, List<SubStreamReader> subs) {
        return mains.stream().allMatch(m -> m.framesGrabbed() > 0) && subs.stream().allMatch(r -> r.framesRead() > 0);
    }

    private static StreamSettings settings(String path, String hostPort) {
        return StreamSettings.of(path, new RtspSource(RtspUrl.parse("rtsp://" + hostPort + "/" + path),
                        CodecChoice.of(Codec.H264), TransportChoice.TCP))
                .withDecoder(DecoderPreference.SOFTWARE).withReadTimeout(Duration.ofSeconds(10));
    }

    /** One snapshot a second, spread over the second so the cameras' snapshots do not all come at once. */
    private static void consume(MainStreamGrabber grabber, int camera, int cameras, long t0, long seconds,
                                List<String> samples) {
        long offset = 1_000_000_000L * (camera - 1) / cameras;
        try (QrStamp qr = new QrStamp()) {
            for (long next = t0 + offset; next - t0 < seconds * 1_000_000_000L; next += 1_000_000_000L) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long asked = System.nanoTime();
                try (Snapshot snapshot = grabber.takeSnapshot(Duration.ofSeconds(5))) {
                    long inHand = System.nanoTime();
                    QrStamp.Stamp stamp = qr.read(snapshot.image());
                    String line = String.format(Locale.ROOT, "S %d %d %d %d", camera, inHand, inHand - asked,
                            stamp == null ? -1 : stamp.count());
                    synchronized (samples) {
                        samples.add(line);
                    }
                }
            }
        } catch (Exception e) {
            synchronized (samples) {
                samples.add("failure_" + camera + " " + e);
            }
        }
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }
}
