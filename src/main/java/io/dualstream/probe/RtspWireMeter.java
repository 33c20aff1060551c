package io.dualstream.probe;

import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.pipeline.Transport;
import io.dualstream.internal.rtsp.RtpTransport;
import io.dualstream.internal.rtsp.RtspAuth;
import io.dualstream.internal.rtsp.Sdp;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Measures the compressed bitrate of a camera's video stream on the wire, with a minimal RTSP client
 * of the JDK alone: DESCRIBE (Basic or Digest authentication), SETUP of the first video track, PLAY,
 * then counting for a fixed window, TEARDOWN.
 *
 * <p><b>Transport.</b> By default RTP interleaved in the RTSP TCP connection is asked for first; a
 * camera that answers that SETUP with {@code 461 Unsupported transport} (one that streams over UDP
 * only) is asked again, on the same connection, for RTP over UDP to a bound local even/odd port pair
 * ({@code client_port=}). {@link Result#transport()} says which one was measured. Over UDP the RTSP
 * session is kept alive with OPTIONS, and only datagrams from the camera's address are counted.
 *
 * <p>It counts two things: the <b>RTP payload bytes</b> of the video track (the H.264/H.265 NAL units
 * the camera's encoder produced, plus RTP's small fragmentation headers; without RTP, TCP/UDP and IP
 * headers) over whole frames, timed by the RTP timestamps, the same way for both transports; and
 * every <b>byte read from the sockets</b> (over TCP: RTP headers, RTCP and interleaving included; over
 * UDP: the RTP datagrams and the RTSP answers, RTCP not counted), timed by the wall clock.
 * Credentials travel only in the Authorization header; nothing here logs or throws them.
 */
public final class RtspWireMeter {
    private static final int DEFAULT_PORT = 554;
    private static final int MAX_DATAGRAM = 65_536;
    /** How often the UDP loop looks up from the socket to keep the session alive. */
    private static final int UDP_WAKE_MILLIS = 500;
    /** RFC 2326 12.37: a session times out after 60 s unless the server says otherwise. */
    private static final long DEFAULT_SESSION_SECONDS = 60;

    /**
     * @param encoding      the track's RTP encoding name from the SDP, e.g. {@code H264}, {@code H265}
     * @param payloadBytes  RTP payload bytes of the whole frames inside the window
     * @param payloadSeconds duration of those frames by their RTP timestamps
     * @param packets       RTP packets of the video track read
     * @param socketBytes   every byte read from the connection after PLAY
     * @param wallSeconds   wall-clock time from PLAY's response to the end of counting
     * @param transport     how the RTP packets came: interleaved in the RTSP connection, or over UDP
     * @param tcpRefused    whether the camera answered the SETUP for RTP over TCP with 461 first
     */
    public record Result(String encoding, long payloadBytes, double payloadSeconds, long packets, long socketBytes,
                         double wallSeconds, Transport transport, boolean tcpRefused) {
        public Result {
            Objects.requireNonNull(transport, "transport");
        }

        /** {@code tcp}, {@code udp}, or {@code udp (the camera refused RTP over TCP)}. */
        public String transportText() {
            return transport.protocols() + (tcpRefused ? " (the camera refused RTP over TCP)" : "");
        }

        /** Compressed video bitrate, bits per second, from the RTP payload. */
        public double payloadBitsPerSecond() {
            return payloadSeconds > 0 ? payloadBytes * 8.0 / payloadSeconds : 0;
        }

        public double socketBitsPerSecond() {
            return wallSeconds > 0 ? socketBytes * 8.0 / wallSeconds : 0;
        }
    }

    private final RtspUrl url;
    private final Duration timeout;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int cseq;
    private RtspAuth.State authorization;
    private long socketBytes;
    private RtpTransport.UdpPorts udpPorts;

    private RtspWireMeter(RtspUrl url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    /**
     * Measures over RTP over TCP, or over UDP when the camera refuses TCP with 461 (transport
     * {@code auto}).
     *
     * @param window  how long to count after the first RTP packet
     * @param timeout for connecting and for each answer or packet
     */
    public static Result measure(RtspUrl url, Duration window, Duration timeout) throws IOException {
        return measure(url, window, timeout, null);
    }

    /**
     * Measures over this transport only (an explicit {@code tcp} or {@code udp}); a camera that
     * refuses it with 461 is an IOException that says so and names the other transport.
     *
     * @param only {@link Transport#TCP}, {@link Transport#UDP}, or null for TCP then UDP on 461
     */
    public static Result measure(RtspUrl url, Duration window, Duration timeout, Transport only) throws IOException {
        if (only != null && only != Transport.TCP && only != Transport.UDP) {
            throw new IllegalArgumentException("the wire meter measures over tcp or udp, not " + only);
        }
        RtspWireMeter meter = new RtspWireMeter(url, timeout);
        try {
            return meter.run(window, only);
        } finally {
            meter.close();
        }
    }

    private Result run(Duration window, Transport only) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(url.host(), url.port().orElse(DEFAULT_PORT)), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
        String requestUri = url.withoutCredentials();

        Response describe = requestWithAuth("DESCRIBE", requestUri, "Accept: application/sdp\r\n");
        Sdp.Track track = Sdp.firstVideoTrack(describe.body)
                .orElseThrow(() -> new IOException("the camera's stream description (SDP) has no video track"));
        String base = describe.header("content-base").or(() -> describe.header("content-location"))
                .orElse(requestUri);
        String trackUri = Sdp.resolveControl(base, track.control());

        Transport transport = only == null ? Transport.TCP : only;
        boolean tcpRefused = false;
        Response setup = null;
        if (transport == Transport.TCP) {
            setup = exchange("SETUP", trackUri, "Transport: " + RtpTransport.TCP_INTERLEAVED + "\r\n");
            if (setup.status == RtpTransport.UNSUPPORTED_TRANSPORT) {
                if (only != null) {
                    throw new IOException(RtpTransport.TCP_REFUSED + ": use transport udp or auto");
                }
                tcpRefused = true;
                transport = Transport.UDP;
            }
        }
        if (transport == Transport.UDP) {
            udpPorts = RtpTransport.UdpPorts.bind();
            setup = exchange("SETUP", trackUri, "Transport: " + udpPorts.transport() + "\r\n");
            if (setup.status == RtpTransport.UNSUPPORTED_TRANSPORT) {
                throw new IOException("the camera refused RTP over UDP (" + setup.status + " " + setup.reason
                        + "): use transport tcp or auto");
            }
        }
        requireOk("SETUP", setup);
        String setupSession = setup.header("session")
                .orElseThrow(() -> new IOException("SETUP answered without a Session header"));
        String session = setupSession.split(";")[0].strip();
        requestWithAuth("PLAY", base, "Session: " + session + "\r\nRange: npt=0.000-\r\n");

        Result result = transport == Transport.TCP ? count(track, window, tcpRefused)
                : countUdp(track, window, base, session, keepAliveNanos(setupSession), tcpRefused);
        try {
            send("TEARDOWN", base, "Session: " + session + "\r\n");
        } catch (IOException e) {
            // the measurement is done; a camera that drops the connection first is fine
        }
        return result;
    }

    /** Counts RTP interleaved in the RTSP connection (channel 0; channel 1 is RTCP). */
    private Result count(Sdp.Track track, Duration window, boolean tcpRefused) throws IOException {
        socketBytes = 0;
        FrameCounter counter = new FrameCounter();
        while (counter.countingFor() < window.toNanos()) {
            int first = readByte();
            if (first != '$') {
                readMessage(first);   // a server request or a late answer: not video
                continue;
            }
            int channel = readByte();
            int length = (readByte() << 8) | readByte();
            byte[] data = readFully(length);
            if (channel == 0) {
                counter.packet(data);
            }
        }
        return counter.result(track, socketBytes, Transport.TCP, tcpRefused);
    }

    /**
     * Counts RTP datagrams from the camera's address on the bound RTP port, keeping the RTSP session
     * alive with OPTIONS (a UDP session has no other traffic on the RTSP connection).
     */
    private Result countUdp(Sdp.Track track, Duration window, String base, String session, long keepAliveNanos,
            boolean tcpRefused) throws IOException {
        socketBytes = 0;
        FrameCounter counter = new FrameCounter();
        DatagramSocket rtp = udpPorts.rtp();
        rtp.setSoTimeout((int) Math.min(timeout.toMillis(), UDP_WAKE_MILLIS));
        InetAddress camera = socket.getInetAddress();
        DatagramPacket datagram = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
        long lastPacket = System.nanoTime();
        long lastKeepAlive = lastPacket;
        while (counter.countingFor() < window.toNanos()) {
            if (System.nanoTime() - lastKeepAlive >= keepAliveNanos) {
                send("OPTIONS", base, "Session: " + session + "\r\n");   // any answer keeps the session
                lastKeepAlive = System.nanoTime();
            }
            try {
                rtp.receive(datagram);
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() - lastPacket >= timeout.toNanos()) {
                    throw new IOException("no RTP over UDP from the camera for " + timeout.toMillis()
                            + " ms (does a firewall drop UDP between the camera and this machine?)", e);
                }
                continue;
            }
            if (!camera.equals(datagram.getAddress())) {
                continue;   // not from the camera
            }
            lastPacket = System.nanoTime();
            socketBytes += datagram.getLength();
            counter.packet(Arrays.copyOf(datagram.getData(), datagram.getLength()));
        }
        return counter.result(track, socketBytes, Transport.UDP, tcpRefused);
    }

    /** Half the session timeout the SETUP answer names ({@code Session: id;timeout=60}), 60 s when none. */
    static long keepAliveNanos(String sessionHeader) {
        long seconds = DEFAULT_SESSION_SECONDS;
        for (String parameter : sessionHeader.split(";")) {
            String p = parameter.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("timeout=")) {
                try {
                    seconds = Math.max(2, Long.parseLong(p.substring("timeout=".length()).strip()));
                } catch (NumberFormatException e) {
                    // keep the RFC 2326 default
                }
            }
        }
        return seconds * 1_000_000_000L / 2;
    }

    /**
     * The video track's RTP packets, whatever carried them: RTP payload bytes of whole frames (a frame
     * is whole when a packet with another timestamp begins) over the RTP time they span.
     */
    private static final class FrameCounter {
        private final long startNanos = System.nanoTime();
        private long firstPacketNanos = -1;
        private long packets;
        private long firstTs;
        private long frameTs;
        private long frameBytes;
        private long completedBytes;
        private long completedUntilTs;

        /** Nanoseconds since the first packet, or -1 before it. */
        long countingFor() {
            return firstPacketNanos < 0 ? -1 : System.nanoTime() - firstPacketNanos;
        }

        void packet(byte[] data) {
            if (data.length < 12 || (data[0] & 0xC0) != 0x80) {
                return;   // not RTP version 2
            }
            int payload = payloadLength(data);
            long ts = ((data[4] & 0xFFL) << 24) | ((data[5] & 0xFFL) << 16) | ((data[6] & 0xFFL) << 8)
                    | (data[7] & 0xFFL);
            packets++;
            if (firstPacketNanos < 0) {
                firstPacketNanos = System.nanoTime();
                firstTs = ts;
                frameTs = ts;
            } else if (ts != frameTs) {
                // a new frame began: the previous one is whole
                completedBytes += frameBytes;
                frameBytes = 0;
                frameTs = ts;
                completedUntilTs = (ts - firstTs) & 0xFFFFFFFFL;
            }
            frameBytes += Math.max(0, payload);
        }

        Result result(Sdp.Track track, long socketBytes, Transport transport, boolean tcpRefused) {
            double wall = (System.nanoTime() - startNanos) / 1e9;
            return new Result(track.encoding(), completedBytes, completedUntilTs / (double) track.clockRate(),
                    packets, socketBytes, wall, transport, tcpRefused);
        }
    }

    static int payloadLength(byte[] rtp) {
        int header = 12 + 4 * (rtp[0] & 0x0F);
        if ((rtp[0] & 0x10) != 0 && rtp.length >= header + 4) {
            int words = ((rtp[header + 2] & 0xFF) << 8) | (rtp[header + 3] & 0xFF);
            header += 4 + 4 * words;
        }
        int padding = (rtp[0] & 0x20) != 0 ? rtp[rtp.length - 1] & 0xFF : 0;
        return rtp.length - header - padding;
    }

    private Response requestWithAuth(String method, String uri, String headers) throws IOException {
        return requireOk(method, exchange(method, uri, headers));
    }

    /** Sends a request, answering a 401 with the URL's credentials once; any status is returned. */
    private Response exchange(String method, String uri, String headers) throws IOException {
        Response response = send(method, uri, headers);
        if (response.status == 401 && url.hasCredentials() && authorization == null) {
            authorization = RtspAuth.answer(response.headers("www-authenticate"), url.user().orElse(""),
                    url.password().orElse(""))
                    .orElseThrow(() -> new IOException("the camera asks for an authentication scheme other than "
                            + "Basic or Digest"));
            response = send(method, uri, headers);
        }
        return response;
    }

    /** The response when it is 200; otherwise an IOException that says why, without credentials. */
    private Response requireOk(String method, Response response) throws IOException {
        if (response.status == 401) {
            throw new IOException(method + " refused (401 Unauthorized): " + (url.hasCredentials()
                    ? "check the user name and password" : "the camera needs rtsp://user:password@... in the URL"));
        }
        if (response.status != 200) {
            throw new IOException(method + " answered " + response.status + " " + response.reason);
        }
        return response;
    }

    private Response send(String method, String uri, String headers) throws IOException {
        cseq++;
        String auth = authorization == null ? "" : "Authorization: " + RtspAuth.forRequest(authorization, method, uri)
                + "\r\n";
        String request = method + " " + uri + " RTSP/1.0\r\nCSeq: " + cseq + "\r\nUser-Agent: DualStream-probe\r\n"
                + auth + headers + "\r\n";
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            int first = readByte();
            if (first == '$') {
                readByte();
                readFully((readByte() << 8) | readByte());   // media before the answer: skip
                continue;
            }
            Response response = readMessage(first);
            if (response != null) {
                return response;
            }
        }
    }

    /** Reads one RTSP message whose first byte is already read; returns null for a request from the server. */
    private Response readMessage(int firstByte) throws IOException {
        String startLine = (char) firstByte + readLine();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip();
                headers.merge(name, value, (a, b) -> a + "\n" + b);
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0").strip());
        String body = new String(readFully(length), StandardCharsets.UTF_8);
        if (!startLine.startsWith("RTSP/")) {
            return null;
        }
        String[] parts = startLine.split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            throw new IOException("not an RTSP answer: " + startLine.substring(0, Math.min(40, startLine.length())));
        }
        return new Response(status, parts.length > 2 ? parts[2] : "", headers, body);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = readByte(); b != '\n'; b = readByte()) {
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > 8192) {
                throw new IOException("RTSP header line longer than 8 KiB");
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private int readByte() throws IOException {
        int b;
        try {
            b = in.read();
        } catch (SocketTimeoutException e) {
            throw new IOException("nothing from the camera for " + timeout.toMillis() + " ms", e);
        }
        if (b < 0) {
            throw new EOFException("the camera closed the connection");
        }
        socketBytes++;
        return b;
    }

    private byte[] readFully(int length) throws IOException {
        byte[] data = new byte[length];
        int done = 0;
        while (done < length) {
            int n;
            try {
                n = in.read(data, done, length - done);
            } catch (SocketTimeoutException e) {
                throw new IOException("nothing from the camera for " + timeout.toMillis() + " ms", e);
            }
            if (n < 0) {
                throw new EOFException("the camera closed the connection");
            }
            done += n;
        }
        socketBytes += length;
        return data;
    }

    private void close() {
        if (udpPorts != null) {
            udpPorts.close();
        }
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to do with it
            }
        }
    }

    private record Response(int status, String reason, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name)).map(v -> v.split("\n")[0]);
        }

        java.util.List<String> headers(String name) {
            String value = headers.get(name);
            return value == null ? java.util.List.of() : java.util.List.of(value.split("\n"));
        }
    }
}
