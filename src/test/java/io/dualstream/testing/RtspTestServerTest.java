package io.dualstream.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fixture itself, spoken to in raw RTSP (no code under test): a {@code --udp-only} mount answers
 * a SETUP for RTP over TCP with 461 and one for RTP over UDP with 200, an ordinary mount takes TCP,
 * and {@code --auth} takes a password with {@code @ : /} in it.
 */
@Timeout(60)
class RtspTestServerTest {
    private static final String PASSWORD = "p@ss:w/rd!'x";

    @Test
    void udpOnlyMountRefusesRtpOverTcpWith461() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--mount", "/tcp=h264:160x120@5",
                "--mount", "/udp=h264:160x120@5"));
        arguments.addAll(RtspTestServer.udpOnly("/udp"));
        arguments.addAll(RtspTestServer.auth("/udp", "admin", PASSWORD));
        try (RtspTestServer server = RtspTestServer.startWithArguments(arguments)) {
            String basic = "Authorization: Basic " + Base64.getEncoder().encodeToString(
                    ("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\r\n";
            String udp = server.url("/udp");
            assertEquals(List.of("RTSP/1.0 401 Unauthorized", "RTSP/1.0 200 OK", "RTSP/1.0 461 Unsupported transport",
                    "RTSP/1.0 200 OK"), statusLines(server,
                    "DESCRIBE " + udp, "",
                    "DESCRIBE " + udp, basic,
                    "SETUP " + udp + "/stream=0", basic + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n",
                    "SETUP " + udp + "/stream=0", basic + "Transport: RTP/AVP;unicast;client_port=40000-40001\r\n"));
            String tcp = server.url("/tcp");
            assertEquals(List.of("RTSP/1.0 200 OK", "RTSP/1.0 200 OK"), statusLines(server,
                    "DESCRIBE " + tcp, "",
                    "SETUP " + tcp + "/stream=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n"));
        }
    }

    /**
     * Sends requests on one connection, given as request line and extra header lines in turns, and
     * returns the answers' status lines, having read each answer's headers and body.
     */
    private static List<String> statusLines(RtspTestServer server, String... requestsAndHeaders) throws IOException {
        List<String> statusLines = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            for (int i = 0; i < requestsAndHeaders.length; i += 2) {
                statusLines.add(ask(socket, in, requestsAndHeaders[i], requestsAndHeaders[i + 1]));
            }
        }
        return statusLines;
    }

    /** Sends one request and returns the answer's status line, having read its headers and body. */
    private static String ask(Socket socket, BufferedReader in, String requestLine, String headers)
            throws IOException {
        socket.getOutputStream().write((requestLine + " RTSP/1.0\r\nCSeq: 1\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        String status = in.readLine();
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        for (int i = 0; i < length; i++) {
            assertTrue(in.read() >= 0, "the body of the answer to " + requestLine + " ended early");
        }
        return status;
    }
}
