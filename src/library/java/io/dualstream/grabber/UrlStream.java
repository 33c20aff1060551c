package io.dualstream.grabber;

import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.stream.CodecChoice;
import io.dualstream.internal.stream.PreparedStream;
import io.dualstream.internal.stream.RtspSource;
import io.dualstream.internal.stream.StreamOpener;
import io.dualstream.internal.stream.StreamOutput;
import io.dualstream.internal.stream.StreamSettings;
import io.dualstream.internal.stream.TransportChoice;

/**
 * A camera URL opened the way the commands open it: through the one stream opener, with codec and
 * transport {@code auto} and the decoder this machine's GStreamer has. Frames reach the grabber in
 * the decoder's own format and become BGR only when handed out.
 */
record UrlStream(PipelineSource source, GrabberOptions options) {
    /** One opener per process: it asks GStreamer once which elements exist. */
    private static final class SharedOpener {
        static final StreamOpener OPENER = StreamOpener.forThisMachine();
    }

    /** @param options the caller's options, or null for the defaults named after the camera's host */
    static UrlStream prepare(String rtspUrl, GrabberOptions options) {
        RtspUrl url = RtspUrl.parse(rtspUrl);
        GrabberOptions base = options != null ? options
                : GrabberOptions.builder().name(StreamSettings.nameFor(url)).build();
        StreamSettings settings = StreamSettings.of(base.name(),
                        new RtspSource(url, CodecChoice.AUTO, TransportChoice.AUTO))
                .withOpenTimeout(base.openTimeout()).withReadTimeout(base.readTimeout());
        PreparedStream prepared = SharedOpener.OPENER.prepare(settings, StreamOutput.DECODER_FORMAT, base.toBuilder());
        return new UrlStream(prepared.source(), prepared.options().build());
    }
}
