package io.dualstream.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.junit.jupiter.api.Test;

/** The small value types: enums, options, spec, missing-element messages. */
class ValuesTest {

    @Test
    void codecParsesCommonSpellings() {
        assertEquals(Codec.H264, Codec.parse("h264"));
        assertEquals(Codec.H264, Codec.parse(" H264 "));
        assertEquals(Codec.H265, Codec.parse("H265"));
        assertEquals(Codec.H265, Codec.parse("hevc"));
        assertEquals(Codec.H265, Codec.parse("HEVC"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codec.parse("mjpeg"));
        assertEquals("codec must be one of h264, h265, hevc (case-insensitive), got 'mjpeg'",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Codec.parse(null));
    }

    @Test
    void codecElementNames() {
        assertEquals("rtph264depay", Codec.H264.depayloader());
        assertEquals("h265parse", Codec.H265.parser());
        assertEquals("nvh264dec", Codec.H264.nvdecDecoder());
        assertEquals("d3d11h265dec", Codec.H265.d3d11Decoder());
        assertEquals("avdec_h265", Codec.H265.softwareDecoder());
        assertEquals("nvh265dec", new Decoder(Codec.H265, DecoderBackend.NVDEC).element());
        assertEquals("Direct3D11 H.264 decoder",
                new Decoder(Codec.H264, DecoderBackend.D3D11).description());
    }

    @Test
    void transportAndPreference() {
        assertEquals("tcp", Transport.TCP.protocols());
        assertEquals("udp", Transport.UDP.protocols());
        assertEquals(Optional.empty(), DecoderPreference.AUTO.backend());
        assertEquals(Optional.of(DecoderBackend.NVDEC), DecoderPreference.NVDEC.backend());
    }

    @Test
    void outputFormatLayouts() {
        assertEquals("video/x-raw,format=BGR", OutputFormat.BGR.caps());
        assertEquals("video/x-raw,format=BGRx", OutputFormat.BGRX.caps());
        assertEquals(3, OutputFormat.BGR.channels());
        assertEquals(4, OutputFormat.BGRX.channels());
        assertEquals(1, OutputFormat.NV12.channels());
        assertEquals(1, OutputFormat.I420.channels());
        assertEquals(4500, OutputFormat.NV12.matRows(3000));
        assertEquals(1620, OutputFormat.I420.matRows(1080));
        assertEquals(1080, OutputFormat.BGR.matRows(1080));
        assertEquals(-1, OutputFormat.BGR.cvtColorCode());
        assertEquals(opencv_imgproc.COLOR_YUV2BGR_NV12, OutputFormat.NV12.cvtColorCode());
        assertEquals(opencv_imgproc.COLOR_YUV2BGR_I420, OutputFormat.I420.cvtColorCode());
        assertEquals(opencv_imgproc.COLOR_BGRA2BGR, OutputFormat.BGRX.cvtColorCode());
        assertTrue(OutputFormat.NV12.isYuv420());
        assertFalse(OutputFormat.BGRX.isYuv420());
    }

    @Test
    void optionDefaultsAndValidation() {
        assertEquals("drop=true max-buffers=1 sync=false", AppSinkOptions.defaults().properties());
        assertEquals("max-size-buffers=1 leaky=downstream", QueueOptions.defaults().properties());
        assertEquals("maxBuffers must be >= 1, got 0", assertThrows(
                IllegalArgumentException.class,
                () -> AppSinkOptions.builder().maxBuffers(0)).getMessage());
        assertEquals("maxSizeBuffers must be >= 1, got -1", assertThrows(
                IllegalArgumentException.class,
                () -> QueueOptions.builder().maxSizeBuffers(-1)).getMessage());
        AppSinkOptions changed = AppSinkOptions.defaults().newBuilder().sync(true).build();
        assertNotEquals(AppSinkOptions.defaults(), changed);
        assertEquals(AppSinkOptions.defaults(), changed.newBuilder().sync(false).build());
    }

    @Test
    void specDefaultsAndValidation() {
        StreamSpec spec = StreamSpec.builder().url("rtsp://u:Secret@cam/x").codec(Codec.H264)
                .build();
        assertEquals(Transport.TCP, spec.transport());
        assertEquals(200, spec.latencyMillis());
        assertEquals(DecoderPreference.AUTO, spec.decoderPreference());
        assertEquals(OutputFormat.BGR, spec.outputFormat());
        assertEquals(QueueOptions.defaults(), spec.queueOptions());
        assertEquals(AppSinkOptions.defaults(), spec.appSinkOptions());
        assertFalse(spec.toString().contains("Secret"), spec.toString());
        assertEquals(spec, spec.newBuilder().build());

        assertEquals("latencyMillis must be >= 0, got -1", assertThrows(
                IllegalArgumentException.class,
                () -> StreamSpec.builder().latencyMillis(-1)).getMessage());
        assertEquals(1500, StreamSpec.builder().url("rtsp://h").codec(Codec.H264)
                .latency(Duration.ofMillis(1500)).build().latencyMillis());
        assertThrows(IllegalArgumentException.class,
                () -> StreamSpec.builder().latency(Duration.ofMillis(-1)));
        assertEquals("url is required: call url(...) before build()", assertThrows(
                IllegalStateException.class,
                () -> StreamSpec.builder().codec(Codec.H264).build()).getMessage());
        assertEquals("codec is required: call codec(...) before build()", assertThrows(
                IllegalStateException.class,
                () -> StreamSpec.builder().url("rtsp://h").build()).getMessage());
    }

    @Test
    void missingElementMessages() {
        assertEquals("GStreamer element 'avdec_h265' (software H.265 decoder) is missing:"
                + " install it with `sudo apt-get install gstreamer1.0-libav`",
                new MissingElementException("avdec_h265", false).getMessage());
        assertEquals("GStreamer element 'rtspsrc' (RTSP client source) is missing:"
                + " install it with `sudo apt-get install gstreamer1.0-plugins-good`",
                new MissingElementException("rtspsrc", false).getMessage());
        MissingElementException unknown = new MissingElementException("foo", false);
        assertEquals(Optional.empty(), unknown.info());
        assertTrue(unknown.getMessage().startsWith("GStreamer element 'foo' is missing: "),
                unknown.getMessage());
        String windows = new MissingElementException("d3d11h265dec", true).getMessage();
        assertTrue(windows.contains("MSVC runtime"), windows);
        assertTrue(windows.contains("'d3d11' plugin"), windows);
    }
}
