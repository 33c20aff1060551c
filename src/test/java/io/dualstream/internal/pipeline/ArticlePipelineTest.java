package io.dualstream.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArticlePipelineTest {

    private static final String ARTICLE = "rtspsrc location=\"rtsp://192.0.2.10:554/main\""
            + " protocols=tcp latency=0 ! rtph265depay ! h265parse ! nvh265dec ! queue"
            + " max-size-buffers=1 leaky=downstream ! videoconvert ! video/x-raw,format=BGR !"
            + " appsink drop=true max-buffers=1 sync=false";

    /** A machine with an NVIDIA GPU, which CI is not. */
    private final FakeElementRegistry gpuMachine = FakeElementRegistry.baseWith("nvh265dec",
            "avdec_h265");

    @Test
    void rendersTheArticlePipelineExactly() {
        StreamSpec spec = ArticlePipeline.spec(RtspUrl.parse("rtsp://192.0.2.10:554/main"));
        StreamPipeline p = new PipelineRenderer(new DecoderSelector(gpuMachine, false)).render(spec);

        assertEquals(ARTICLE, p.pipeline());
        assertEquals(ARTICLE, p.maskedPipeline(), "no credentials, nothing to mask");
        assertEquals(ARTICLE, p.toString());
        assertEquals("nvh265dec", p.decoder().element());
        assertEquals(OutputFormat.BGR, p.outputFormat());
        assertEquals(List.of("rtspsrc", "rtph265depay", "h265parse", "nvh265dec", "queue",
                "videoconvert", "appsink"), p.requiredElements());
        p.requireAll(gpuMachine);
    }

    @Test
    void articleSpecHasTheArticlesParameters() {
        StreamSpec spec = ArticlePipeline.spec(RtspUrl.parse("rtsp://192.0.2.10:554/main"));
        assertEquals(Codec.H265, spec.codec());
        assertEquals(Transport.TCP, spec.transport());
        assertEquals(0, spec.latencyMillis());
        assertEquals(DecoderPreference.NVDEC, spec.decoderPreference());
        assertEquals(OutputFormat.BGR, spec.outputFormat());
        assertEquals(QueueOptions.defaults(), spec.queueOptions());
        assertEquals(AppSinkOptions.defaults(), spec.appSinkOptions());
    }

    @Test
    void articleSpecWithoutNvdecFailsInsteadOfFallingBack() {
        StreamSpec spec = ArticlePipeline.spec(RtspUrl.parse("rtsp://192.0.2.10:554/main"));
        PipelineRenderer cpuOnly = new PipelineRenderer(
                new DecoderSelector(FakeElementRegistry.baseWith("avdec_h265"), false));
        MissingElementException e = assertThrows(MissingElementException.class,
                () -> cpuOnly.render(spec));
        assertEquals("nvh265dec", e.element());
    }

    @Test
    void credentialsGoToUserIdAndUserPwBetweenLocationAndProtocols() {
        StreamSpec spec = ArticlePipeline.spec(
                RtspUrl.parse("rtsp://admin:s3cr@t/x@192.0.2.10:554/main"));
        StreamPipeline p = PipelineRenderer.renderWith(spec, new Decoder(Codec.H265,
                DecoderBackend.NVDEC));

        assertEquals(ARTICLE.replace(" protocols=tcp",
                " user-id=\"admin\" user-pw=\"s3cr@t/x\" protocols=tcp"), p.pipeline());
        assertEquals(ARTICLE.replace(" protocols=tcp",
                " user-id=\"admin\" user-pw=\"***\" protocols=tcp"), p.maskedPipeline());
        assertFalse(p.maskedPipeline().contains("s3cr@t"));
        assertFalse(p.toString().contains("s3cr@t"));
        assertFalse(spec.toString().contains("s3cr@t"));
    }

    @Test
    void userWithoutPasswordRendersUserIdOnly() {
        StreamSpec spec = ArticlePipeline.spec(RtspUrl.parse("rtsp://viewer@192.0.2.10:554/main"));
        StreamPipeline p = PipelineRenderer.renderWith(spec, new Decoder(Codec.H265,
                DecoderBackend.NVDEC));
        assertEquals(ARTICLE.replace(" protocols=tcp", " user-id=\"viewer\" protocols=tcp"),
                p.pipeline());
        assertEquals(p.pipeline(), p.maskedPipeline());
    }

    @Test
    void projectDefaultsDifferFromTheArticle() {
        StreamSpec spec = StreamSpec.builder().url("rtsp://192.0.2.10/sub").codec(Codec.H264)
                .build();
        StreamPipeline p = PipelineRenderer.renderWith(spec, new Decoder(Codec.H264,
                DecoderBackend.SOFTWARE));
        assertEquals("rtspsrc location=\"rtsp://192.0.2.10/sub\" protocols=tcp latency=200"
                + " tcp-timeout=10000000 ! rtph264depay ! h264parse ! avdec_h264 ! queue max-size-buffers=1"
                + " leaky=downstream ! videoconvert ! video/x-raw,format=BGR ! appsink drop=true"
                + " max-buffers=1 sync=false", p.pipeline());
    }

    @Test
    void everyOptionReachesTheString() {
        StreamSpec spec = StreamSpec.builder().url("rtsp://cam/1").codec(Codec.H264)
                .transport(Transport.UDP).latencyMillis(50).outputFormat(OutputFormat.BGRX)
                .queueOptions(QueueOptions.builder().maxSizeBuffers(3)
                        .leaky(QueueOptions.Leaky.NO).build())
                .appSinkOptions(AppSinkOptions.builder().drop(false).maxBuffers(2).sync(true)
                        .build())
                .build();
        String p = PipelineRenderer.renderWith(spec, new Decoder(Codec.H264,
                DecoderBackend.SOFTWARE)).pipeline();
        assertTrue(p.contains(" protocols=udp latency=50 "), p);
        assertTrue(p.contains("queue max-size-buffers=3 leaky=no !"), p);
        assertTrue(p.contains("video/x-raw,format=BGRx ! appsink drop=false max-buffers=2"
                + " sync=true"), p);
    }

    @Test
    void decoderForAnotherCodecIsRefused() {
        StreamSpec spec = ArticlePipeline.spec(RtspUrl.parse("rtsp://192.0.2.10:554/main"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PipelineRenderer.renderWith(spec, new Decoder(Codec.H264,
                        DecoderBackend.SOFTWARE)));
        assertTrue(e.getMessage().contains("avdec_h264 is for H.264 but the stream is H.265"),
                e.getMessage());
    }

    @Test
    void decodeTailForSyntheticCameras() {
        Decoder dec = new Decoder(Codec.H264, DecoderBackend.SOFTWARE);
        assertEquals("h264parse ! avdec_h264 ! queue max-size-buffers=1 leaky=downstream !"
                + " videoconvert ! video/x-raw,format=NV12 ! appsink drop=true max-buffers=1"
                + " sync=false", PipelineRenderer.decodeTail(dec, OutputFormat.NV12,
                        QueueOptions.defaults(), AppSinkOptions.defaults()));
        assertEquals(List.of("h264parse", "avdec_h264", "queue", "videoconvert", "appsink"),
                PipelineRenderer.decodeTailElements(dec));
    }

    @Test
    void requireAllNamesTheFirstAbsentElement() {
        StreamSpec spec = ArticlePipeline.spec(RtspUrl.parse("rtsp://192.0.2.10:554/main"));
        StreamPipeline p = PipelineRenderer.renderWith(spec, new Decoder(Codec.H265,
                DecoderBackend.NVDEC));
        FakeElementRegistry noParsers = FakeElementRegistry.of("rtspsrc", "rtph265depay",
                "nvh265dec", "queue", "videoconvert");
        MissingElementException e = assertThrows(MissingElementException.class,
                () -> p.requireAll(noParsers));
        assertEquals("h265parse", e.element());
        assertEquals(List.of("rtspsrc", "rtph265depay", "h265parse"), noParsers.asked());
    }
}
