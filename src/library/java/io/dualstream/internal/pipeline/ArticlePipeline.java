package io.dualstream.internal.pipeline;

/**
 * The reference pipeline of the article this project ports, as a {@link StreamSpec}.
 *
 * <p>The article opens an H.265 camera over RTSP/TCP with no jitter buffer ({@code latency=0}),
 * decodes with NVDEC, keeps one frame in a leaky queue, converts to BGR in GStreamer and hands
 * the newest frame to OpenCV through a dropping appsink. For {@code rtsp://192.0.2.10:554/main}
 * {@link PipelineRenderer} gives exactly:
 *
 * <pre>
 * rtspsrc location="rtsp://192.0.2.10:554/main" protocols=tcp latency=0 ! rtph265depay ! h265parse ! nvh265dec ! queue max-size-buffers=1 leaky=downstream ! videoconvert ! video/x-raw,format=BGR ! appsink drop=true max-buffers=1 sync=false
 * </pre>
 *
 * <p>This project's defaults differ on purpose: {@link DecoderPreference#AUTO} instead of NVDEC
 * (it runs where there is no NVIDIA GPU), 200 ms latency instead of 0 (a little reordering room on
 * real networks), and {@link OutputFormat#NV12} is worth considering for 12 MP cameras, since the
 * article's per-frame {@code videoconvert} costs about as much CPU as software decoding (README, Performance: about 35 ms against
 * 50 ms per 12 MP frame on one core).
 */
public final class ArticlePipeline {

    private ArticlePipeline() {
    }

    /** The article's stream settings for the given camera URL. */
    public static StreamSpec spec(RtspUrl url) {
        return StreamSpec.builder()
                .url(url)
                .codec(Codec.H265)
                .transport(Transport.TCP)
                .latencyMillis(0)
                .noDataTimeoutMillis(0)
                .decodeBacklogMillis(0)
                .decoderPreference(DecoderPreference.NVDEC)
                .queueOptions(QueueOptions.builder()
                        .leaky(QueueOptions.Leaky.DOWNSTREAM).maxSizeBuffers(1).build())
                .outputFormat(OutputFormat.BGR)
                .appSinkOptions(AppSinkOptions.builder()
                        .drop(true).maxBuffers(1).sync(false).build())
                .build();
    }
}
