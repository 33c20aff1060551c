package io.dualstream.inspect.output;

import io.dualstream.inspect.Box;

/**
 * One saved snapshot, as its sidecar ({@code NAME.json}) holds it and as the station's MQTT event
 * carries it: the same record, written by {@link JsonText}. Absent values (no object for an external
 * trigger, no id) are left out of the JSON.
 *
 * @param time        the moment the trigger refers to (UTC, ISO-8601): the firing sub frame's arrival,
 *                    the external trigger's own time, or when it arrived
 * @param camera      camera name
 * @param trigger     1-based count of the camera's triggers
 * @param source      {@code detector}, {@code http} or {@code mqtt}
 * @param triggerId   the external caller's id, if it gave one
 * @param triggerTime the external caller's time, as given, if it gave one
 * @param objectId    the tracker's id of the object that crossed (detector only)
 * @param image       full main frame, file name in the camera's folder
 * @param crop        the object's crop (detector only)
 * @param sidecar     this record's own file name
 * @param sub         the sub frame that fired (detector only)
 * @param main        the main frame saved
 * @param frameAgeMs  how old the main frame was when it was written
 * @param skew        how the main frame was chosen, and how far from the trigger's moment it arrived
 * @param streams     both streams' counts and rates when it was written
 */
public record SnapshotRecord(String time, String camera, int trigger, String source, String triggerId,
                             String triggerTime, Long objectId, String image, String crop, String sidecar,
                             SubFrame sub, MainFrame main, double frameAgeMs, Skew skew, Streams streams) {

    /** The sub frame that fired, and the object's box in it (sub-stream pixels). */
    public record SubFrame(int width, int height, long frame, Box box) {
    }

    /**
     * The saved main frame.
     *
     * @param grabbedAt when it arrived (UTC)
     * @param box       the object's box scaled to main-stream pixels (detector only)
     * @param cropBox   the crop written, the box padded by a quarter of its size (detector only)
     */
    public record MainFrame(int width, int height, long frame, String grabbedAt, Box box, Box cropBox) {
    }

    /**
     * @param mode   {@code next-frame} or {@code pre-trigger-ring}
     * @param ms     main frame's arrival minus the trigger's moment, in ms
     * @param frames the same in main-stream frames; absent while the main stream's rate is unknown
     */
    public record Skew(String mode, double ms, Double frames) {
    }

    public record Streams(long subFrames, double subFps, long mainFrames, double mainFps, int triggers) {
        static Streams of(StreamStats stats) {
            return new Streams(stats.subFrames(), JsonText.round3(stats.subFps()), stats.mainFrames(),
                    JsonText.round3(stats.mainFps()), stats.triggers());
        }
    }
}
