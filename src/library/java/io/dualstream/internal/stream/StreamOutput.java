package io.dualstream.internal.stream;

/** What a stream's appsink hands to OpenCV, and so who pays for the colour conversion. */
public enum StreamOutput {
    /**
     * The decoder's own format (I420 from software decoders, NV12 from NVDEC / Direct3D11):
     * GStreamer converts nothing per frame and the grabber converts to BGR only the frames it hands
     * out. For high-resolution main streams, where a per-frame conversion costs most of a core.
     */
    DECODER_FORMAT,
    /** BGR from GStreamer's videoconvert: for small streams read every frame (the detector's sub stream). */
    BGR
}
