package io.dualstream.station.mqtt;

/**
 * The station's MQTT topics, all under one prefix ({@code mqtt.topic-prefix}, by default
 * {@code dualstream/<station>}):
 * <pre>
 * PREFIX/status                    retained: online, or offline (the last will when the station dies)
 * PREFIX/CAMERA/snapshot           one event per saved snapshot: the sidecar's record
 * PREFIX/CAMERA/snapshot-failed    a trigger whose snapshot was not saved, and why
 * PREFIX/CAMERA/health             each change of a stream's state
 * PREFIX/CAMERA/trigger            commands TO the station: take a snapshot (JSON {"id", "time"}, both optional)
 * PREFIX/CAMERA/trigger-rejected   a command the station could not take, and why
 * </pre>
 */
public record TopicLayout(String prefix) {
    public String status() {
        return prefix + "/status";
    }

    public String snapshot(String camera) {
        return prefix + "/" + camera + "/snapshot";
    }

    public String snapshotFailed(String camera) {
        return prefix + "/" + camera + "/snapshot-failed";
    }

    public String health(String camera) {
        return prefix + "/" + camera + "/health";
    }

    public String triggerRejected(String camera) {
        return prefix + "/" + camera + "/trigger-rejected";
    }

    /** What the station subscribes to: every camera's trigger topic. */
    public String triggerSubscription() {
        return prefix + "/+/trigger";
    }

    /** The camera named by a trigger topic, or null when {@code topic} is not one. */
    public String cameraOfTrigger(String topic) {
        String start = prefix + "/";
        String end = "/trigger";
        if (!topic.startsWith(start) || !topic.endsWith(end) || topic.length() <= start.length() + end.length()) {
            return null;
        }
        String camera = topic.substring(start.length(), topic.length() - end.length());
        return camera.contains("/") ? null : camera;
    }
}
