package io.dualstream.inspect.output;

/**
 * Both streams of a camera at one moment, for the sidecar and the preview.
 *
 * @param subFrames   sub-stream frames read so far
 * @param subFps      sub-stream frame rate measured over the last seconds
 * @param mainFrames  main-stream frames grabbed so far
 * @param mainFps     main-stream frame rate measured over the last seconds
 * @param mainWidth   main-stream width
 * @param mainHeight  main-stream height
 * @param triggers    triggers so far
 */
public record StreamStats(long subFrames, double subFps, long mainFrames, double mainFps, int mainWidth,
                          int mainHeight, int triggers) {
}
