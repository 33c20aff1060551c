package io.dualstream.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualstream.config.ConfigLoader;
import io.dualstream.config.InspectionConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's look at the station's services: a broker that answers or not, an HTTP port free or taken. */
class StationServiceChecksTest {
    @TempDir
    Path dir;

    private InspectionConfig config(int brokerPort, int httpPort) throws Exception {
        return new ConfigLoader().load(Files.writeString(dir.resolve("pc.yaml"), """
                mqtt: {broker: "tcp://127.0.0.1:%d"}
                http: {port: %d}
                cameras:
                  - name: a
                    main: {url: "rtsp://127.0.0.1:1/main", codec: h264}
                    sub: {url: "rtsp://127.0.0.1:1/sub", codec: h264}
                    trigger: {from: [0.5, 0], to: [0.5, 1]}
                """.formatted(brokerPort, httpPort)), Optional.empty());
    }

    @Test
    void anAnsweringBrokerAndAFreePortAreOk() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        try (ServerSocket broker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Check> checks = ConfigChecks.stationServices(config(broker.getLocalPort(), free), Duration.ofSeconds(2));
            assertEquals(2, checks.size(), checks.toString());
            assertTrue(checks.stream().allMatch(c -> c.outcome() == Check.Outcome.OK), checks.toString());
        }
    }

    @Test
    void aSilentBrokerAndATakenPortAreWarningsWithTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Check> checks = ConfigChecks.stationServices(config(1, taken.getLocalPort()), Duration.ofSeconds(2));
            assertEquals(List.of(Check.Outcome.WARN, Check.Outcome.WARN), checks.stream().map(Check::outcome).toList());
            assertTrue(checks.get(0).line().contains("mqtt broker tcp://127.0.0.1:1"), checks.get(0).line());
            assertTrue(checks.get(1).fix().contains("choose another http.port"), checks.get(1).toString());
        }
    }
}
