package io.dualstream.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.grabber.PipelineToOpen;
import io.dualstream.internal.pipeline.DecoderSelector;
import io.dualstream.internal.pipeline.ElementRegistry;
import io.dualstream.internal.pipeline.MissingElementException;
import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.rtsp.RtspProbe;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The transport decision of {@code auto} as the stream's thread drives it attempt by attempt, and the
 * rendering the opener does for this machine. Pure: the elements are a FAKE registry (what
 * gst-inspect would say), no camera is asked (the codec is fixed, so no DESCRIBE is needed).
 */
class RtspPipelineSourceTest {
    private static final ElementRegistry SOFTWARE_ONLY = Set.of("rtspsrc", "rtph264depay", "h264parse",
            "avdec_h264", "queue", "videoconvert", "appsink")::contains;

    private static RtspPipelineSource source(TransportChoice transport, StreamOutput output) {
        RtspSource camera = new RtspSource(RtspUrl.parse("rtsp://op:p%40ss@192.0.2.10/main"), CodecChoice.H264,
                transport);
        StreamSettings settings = StreamSettings.of("cam", camera);
        return new RtspPipelineSource("cam", camera, new RtspProbe(Duration.ofSeconds(1)),
                new StreamRendering(new DecoderSelector(SOFTWARE_ONLY, false), settings, output));
    }

    @Test
    void autoStartsWithTcpTakesUdpWhenTcpBringsNoMediaAndKeepsWhatOpened() {
        RtspPipelineSource source = source(TransportChoice.AUTO, StreamOutput.DECODER_FORMAT);
        PipelineToOpen first = source.next();
        assertTrue(first.pipeline().contains("protocols=tcp"), first.toString());
        assertEquals("RTP over TCP", first.label());
        source.failed(true);                              // the handshake worked, no media within the open timeout
        assertTrue(source.next().pipeline().contains("protocols=udp"));
        source.failed(false);                             // UDP said no too: back to TCP, the article's choice
        assertTrue(source.next().pipeline().contains("protocols=tcp"));
        source.failed(true);
        source.opened();                                  // UDP worked: kept for every reconnect
        source.failed(true);
        source.failed(false);
        assertTrue(source.next().pipeline().contains("protocols=udp"));
    }

    @Test
    void aRefusedTcpOpenIsNoReasonToSwitch() {
        RtspPipelineSource source = source(TransportChoice.AUTO, StreamOutput.BGR);
        source.failed(false);                             // refused (camera rebooting): TCP stays
        assertTrue(source.next().pipeline().contains("protocols=tcp"));
    }

    @Test
    void anExplicitTransportNeverChanges() {
        RtspPipelineSource source = source(TransportChoice.TCP, StreamOutput.BGR);
        source.failed(true);
        source.failed(true);
        assertTrue(source.next().pipeline().contains("protocols=tcp"));
    }

    @Test
    void theMainStreamGetsTheDecodersOwnFormatAndTheSubStreamBgr() {
        PipelineToOpen main = source(TransportChoice.TCP, StreamOutput.DECODER_FORMAT).next();
        assertTrue(main.pipeline().contains("format=I420"), main.pipeline());
        assertTrue(main.colorConversion() >= 0, "converted to BGR per snapshot");
        PipelineToOpen sub = source(TransportChoice.TCP, StreamOutput.BGR).next();
        assertTrue(sub.pipeline().contains("format=BGR"), sub.pipeline());
        assertEquals(-1, sub.colorConversion());
        assertFalse(main.toString().contains("p@ss") || main.toString().contains("p%40ss"), main.toString());
        assertTrue(main.pipeline().contains("user-pw=\"p@ss\""), "rtspsrc gets the decoded password");
    }

    @Test
    void aMissingDecoderIsFoundWhenTheStreamIsPrepared() {
        StreamOpener opener = new StreamOpener(Set.of("rtspsrc")::contains);
        assertThrows(MissingElementException.class, () -> opener.prepare(StreamSettings.of("cam",
                RtspSource.of("rtsp://192.0.2.10/main", CodecChoice.H265)), StreamOutput.BGR));
    }
}
