/**
 * A typed description of one camera stream, rendered as the GStreamer pipeline string that OpenCV's
 * GStreamer backend takes ({@code new VideoCapture(pipeline, CAP_GSTREAMER)}).
 *
 * <p>Why typed: a pipeline string glued together by hand is where camera passwords leak into logs,
 * where a quote in a password breaks (or rewrites) the pipeline, and where a decoder that this
 * machine does not have is named anyway. Here:
 *
 * <ul>
 *   <li>{@link io.dualstream.internal.pipeline.RtspUrl} takes what the user typed, credentials and all, and
 *       keeps the password out of {@code toString()}, logs and exception messages;
 *   <li>{@link io.dualstream.internal.pipeline.StreamSpec} holds the choices (codec, transport, latency,
 *       decoder preference, output format, queue and appsink options), validated when set;
 *   <li>{@link io.dualstream.internal.pipeline.DecoderSelector} picks the decoder from what an
 *       {@link io.dualstream.internal.pipeline.ElementRegistry} really reports ({@link
 *       io.dualstream.internal.pipeline.GstInspectRegistry} asks the installed GStreamer);
 *   <li>{@link io.dualstream.internal.pipeline.PipelineRenderer} writes the string, quoting every string
 *       value so that nothing in a URL or password can add or change an element, and returns a
 *       {@link io.dualstream.internal.pipeline.StreamPipeline} that also has a masked copy for logs;
 *   <li>{@link io.dualstream.internal.pipeline.ElementCatalog} and {@link
 *       io.dualstream.internal.pipeline.MissingElementException} turn "no such element" into the package to
 *       install.
 * </ul>
 *
 * <p>Nothing in this package loads native code: it is plain Java, testable without a camera.
 * Logging goes through {@link java.lang.System.Logger}, so the package needs nothing but the JDK
 * at run time (the application routes those records to Log4j2 through {@code log4j-jpl}).
 */
package io.dualstream.internal.pipeline;
