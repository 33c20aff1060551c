package io.dualstream.internal.pipeline;

import org.bytedeco.opencv.global.opencv_imgproc;

/**
 * The raw video format that reaches the appsink, and therefore what OpenCV's {@code retrieve()}
 * hands back.
 *
 * <p>Rendered as {@code videoconvert ! video/x-raw,format=<F>}. {@code videoconvert} costs nothing
 * when the decoder already emits {@code <F>}: caps negotiation makes it a pass-through that forwards
 * the decoder's buffers without copying. When the formats differ (the decoders here emit NV12 or
 * I420, never BGR), it converts <em>every</em> frame, grabbed or not. That is why {@link #NV12} and
 * {@link #I420} exist: they keep the per-frame pipeline at decode cost and leave the colour
 * conversion to {@code cvtColor} on the frames that are actually retrieved (README, Performance: about
 * 35 ms per 12 MP frame in {@code videoconvert} against 10 to 14 ms in OpenCV, paid only on retrieve).
 *
 * <p>OpenCV 4.10's GStreamer backend returns NV12 and I420 as a single-channel {@code Mat} of
 * {@code height * 3 / 2} rows (luma plane, then the chroma planes); convert it with
 * {@link #cvtColorCode()}. BGRx comes back as four channels.
 *
 * <p>The OpenCV codes are compile-time constants of {@code opencv_imgproc}, inlined by javac, so
 * using this enum does not load OpenCV's native libraries.
 */
public enum OutputFormat {
    /** 8-bit BGR, 3 channels: ready to use, converted in GStreamer for every frame. */
    BGR("BGR", 3, -1),
    /** 8-bit BGR plus a padding byte, 4 channels. */
    BGRX("BGRx", 4, opencv_imgproc.COLOR_BGRA2BGR),
    /** Y plane then interleaved UV at half resolution: 1 channel, height × 1.5 rows. */
    NV12("NV12", 1, opencv_imgproc.COLOR_YUV2BGR_NV12),
    /** Y, U and V planes, chroma at half resolution: 1 channel, height × 1.5 rows. */
    I420("I420", 1, opencv_imgproc.COLOR_YUV2BGR_I420);

    private final String gstFormat;
    private final int channels;
    private final int cvtColorCode;

    OutputFormat(String gstFormat, int channels, int cvtColorCode) {
        this.gstFormat = gstFormat;
        this.channels = channels;
        this.cvtColorCode = cvtColorCode;
    }

    /** GStreamer's name of the format in caps: {@code BGR}, {@code BGRx}, {@code NV12}, {@code I420}. */
    public String gstFormat() {
        return gstFormat;
    }

    /** The caps the appsink is offered: {@code video/x-raw,format=<F>}. */
    public String caps() {
        return "video/x-raw,format=" + gstFormat;
    }

    /** Channels of the {@code Mat} that {@code retrieve()} fills: 3, 4, or 1 for the YUV formats. */
    public int channels() {
        return channels;
    }

    /** Rows of the retrieved {@code Mat} for a frame of the given height (× 1.5 for YUV 4:2:0). */
    public int matRows(int frameHeight) {
        if (frameHeight < 0) {
            throw new IllegalArgumentException("frameHeight must be >= 0, got " + frameHeight);
        }
        return isYuv420() ? frameHeight * 3 / 2 : frameHeight;
    }

    /** Whether the retrieved {@code Mat} holds YUV 4:2:0 planes rather than pixels. */
    public boolean isYuv420() {
        return this == NV12 || this == I420;
    }

    /**
     * The {@code cvtColor} code that turns the retrieved {@code Mat} into BGR
     * ({@code COLOR_YUV2BGR_NV12}, {@code COLOR_YUV2BGR_I420}, {@code COLOR_BGRA2BGR}), or
     * {@code -1} for {@link #BGR}, which needs no conversion.
     */
    public int cvtColorCode() {
        return cvtColorCode;
    }
}
