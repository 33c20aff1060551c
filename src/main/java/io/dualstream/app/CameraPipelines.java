package io.dualstream.app;

/**
 * The two GStreamer pipelines of one camera: the high-resolution main stream, grabbed continuously
 * and snapshotted on trigger, and the low-resolution sub stream, read every frame by the detector.
 *
 * @param name            camera name for logs and file names (no secrets)
 * @param mainPipeline    main-stream pipeline; may carry credentials, never logged
 * @param mainConversion  {@code cvtColor} code turning the main appsink format into BGR, or -1
 * @param subPipeline     sub-stream pipeline delivering BGR; may carry credentials, never logged
 * @param description     what the pipelines are, safe for logs (passwords masked)
 */
record CameraPipelines(String name, String mainPipeline, int mainConversion, String subPipeline,
                       String description) {
}
