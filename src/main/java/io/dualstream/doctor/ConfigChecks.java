package io.dualstream.doctor;

import io.dualstream.config.InspectionConfig;
import io.dualstream.inspect.CameraSettings;
import io.dualstream.internal.stream.RtspSource;
import io.dualstream.internal.stream.StreamSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the config file asks of this machine beyond GStreamer: output folders it can write, and cameras
 * that answer on their RTSP port. Nothing is created or changed.
 */
public final class ConfigChecks {
    private static final int RTSP_PORT = 554;

    private ConfigChecks() {
    }

    /** A folder that does not exist yet is fine when its nearest existing parent is a writable folder. */
    public static List<Check> outputFolders(InspectionConfig config) {
        Set<Path> folders = new LinkedHashSet<>();
        config.cameras().forEach(c -> folders.add(c.output().folder()));
        List<Check> checks = new ArrayList<>();
        for (Path folder : folders) {
            Path existing = folder;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            String subject = "output folder " + folder;
            if (existing == null || !Files.isDirectory(existing)) {
                checks.add(Check.fail(subject, existing + " is not a folder, so it cannot be created",
                        "point output.folder somewhere else"));
            } else if (!Files.isWritable(existing)) {
                checks.add(Check.fail(subject, existing + " is not writable for this user",
                        "fix its permissions or point output.folder somewhere else"));
            } else {
                checks.add(Check.ok(subject, existing.equals(folder) ? "writable" : "will be created in " + existing));
            }
        }
        return checks;
    }

    /**
     * A TCP connection to each stream's RTSP port. A camera that does not answer is a warning, not a
     * failure: it may be switched off while the PC is being set up.
     */
    public static List<Check> reachability(InspectionConfig config, Duration timeout) {
        List<Check> checks = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (CameraSettings camera : config.cameras()) {
            for (StreamSource stream : List.of(camera.main(), camera.sub())) {
                if (!(stream instanceof RtspSource source)) {
                    continue;
                }
                String address = source.url().host() + ":" + source.url().port().orElse(RTSP_PORT);
                if (!seen.add(address)) {
                    continue;
                }
                String subject = "camera " + camera.name() + " at " + address;
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(source.url().host(), source.url().port().orElse(RTSP_PORT)),
                            (int) timeout.toMillis());
                    checks.add(Check.ok(subject, "answers on its RTSP port"));
                } catch (IOException e) {
                    checks.add(Check.warn(subject, "does not answer (" + e.getMessage() + ")",
                            "check the camera's power, network and address; `probe <url>` tests the stream itself"));
                }
            }
        }
        return checks;
    }

    /**
     * The station's services, when configured: the MQTT broker answers on its port (a warning only: the
     * station waits for it and keeps events meanwhile), and the HTTP port is free here (a warning only:
     * a running station holds it too; the station retries it every 30 s).
     */
    public static List<Check> stationServices(InspectionConfig config, Duration timeout) {
        List<Check> checks = new ArrayList<>();
        config.mqtt().ifPresent(mqtt -> {
            String subject = "mqtt broker " + mqtt.broker();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(mqtt.broker().getHost(), mqtt.broker().getPort()),
                        (int) timeout.toMillis());
                checks.add(Check.ok(subject, "answers on its port"));
            } catch (IOException e) {
                checks.add(Check.warn(subject, "does not answer (" + e.getMessage() + "): snapshots go on, events "
                        + "wait until it does", "check mqtt.broker and the broker's service and firewall"));
            }
        });
        config.http().ifPresent(http -> {
            String subject = "http endpoint " + http.bind() + ":" + http.port();
            if (http.port() == 0) {
                checks.add(Check.ok(subject, "takes a free port at start"));
                return;
            }
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.bind(new InetSocketAddress(http.bind(), http.port()));
                checks.add(Check.ok(subject, "the port is free"));
            } catch (IOException e) {
                checks.add(Check.warn(subject, "cannot listen there (" + e.getMessage() + ")",
                        "choose another http.port, or stop the program that has it (a running station has it too)"));
            }
        });
        return checks;
    }
}
