package io.dualstream.internal.stream;

/**
 * Where a stream comes from: a camera's RTSP URL ({@link RtspSource}), or GStreamer's test source
 * encoded like a camera's stream ({@link SyntheticSource}, for the demo and tests). {@link #toString()}
 * never shows a password.
 */
public sealed interface StreamSource permits RtspSource, SyntheticSource {
}
