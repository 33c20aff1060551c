package io.dualstream.internal.rtsp;

import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.pipeline.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks a camera {@code DESCRIBE} over a plain socket (JDK only), with Basic or Digest credentials
 * when it asks for them, to tell why OpenCV could not open a stream: OpenCV itself only says
 * "not opened". Also reads the SDP's video encoding, so the pipeline's codec can be chosen or
 * checked, and can check that the camera accepts a SETUP of the video track over TCP or UDP
 * ({@link #setup}). One connection, every step bounded by the timeout; the password is sent only in
 * the Authorization header and appears in no result or exception.
 */
public final class RtspProbe {
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private static final long BUSY_PAUSE_NANOS = 300_000_000L;

    /** How a {@link #setup} result's detail ends for each transport. */
    static final String OVER_TCP = "for RTP over TCP";
    static final String OVER_UDP = "for RTP over UDP";

    private final Duration timeout;

    public RtspProbe(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("probe timeout must be between 1 ms and 24 days, got " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * Sends DESCRIBE (twice when the camera asks for credentials) and classifies the answer. A 503
     * (camera starting, or a media still being torn down after the previous client) is asked again
     * a few times within the timeout.
     */
    public ProbeResult describe(RtspUrl url) {
        return untilNotBusy(() -> talk(url, this::describeDialog));
    }

    /**
     * Checks that the camera would stream the video track over this transport: DESCRIBE, SETUP of
     * the first video track with {@value RtpTransport#TCP_INTERLEAVED} for TCP, or with a
     * {@code client_port=} pair of bound local UDP ports for UDP, then TEARDOWN; nothing is played.
     * Credentials are answered for each request (Basic or Digest). A 461 to the SETUP is
     * {@link ProbeResult.Outcome#UNSUPPORTED_TRANSPORT}; a failed DESCRIBE is classified as by
     * {@link #describe}. On {@link ProbeResult.Outcome#OK} the result carries the SDP's encoding. A
     * 503 is asked again as by {@link #describe}.
     *
     * @param transport {@link Transport#TCP} or {@link Transport#UDP}
     * @throws IllegalArgumentException for any other transport value
     */
    public ProbeResult setup(RtspUrl url, Transport transport) {
        if (transport != Transport.TCP && transport != Transport.UDP) {
            throw new IllegalArgumentException("setup checks tcp or udp, not " + transport);
        }
        return untilNotBusy(() -> talk(url, connection -> setupDialog(connection, transport)));
    }

    private ProbeResult untilNotBusy(Supplier<ProbeResult> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ProbeResult result = attempt.get();
        while (result.detail().startsWith("RTSP 503") && System.nanoTime() + BUSY_PAUSE_NANOS < deadline) {
            try {
                Thread.sleep(BUSY_PAUSE_NANOS / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            result = attempt.get();
        }
        return result;
    }

    /** What is said on one connection; {@link Connection#request} answers the camera's challenges. */
    private interface Dialog {
        ProbeResult talk(Connection connection) throws IOException;
    }

    private ProbeResult describeDialog(Connection c) throws IOException {
        Response response = c.request("DESCRIBE", c.url.withoutCredentials(), "Accept: application/sdp\r\n");
        return response == null ? c.noAnswer() : classify(response, c.url.hasCredentials());
    }

    private ProbeResult setupDialog(Connection c, Transport transport) throws IOException {
        String requestUri = c.url.withoutCredentials();
        Response describe = c.request("DESCRIBE", requestUri, "Accept: application/sdp\r\n");
        if (describe == null) {
            return c.noAnswer();
        }
        if (describe.status != 200) {
            return classify(describe, c.url.hasCredentials());
        }
        Optional<Sdp.Track> track = Sdp.firstVideoTrack(describe.body);
        if (track.isEmpty()) {
            return ProbeResult.of(ProbeResult.Outcome.OTHER_STATUS, "the stream description (SDP) has no video track");
        }
        String base = describe.header("content-base").or(() -> describe.header("content-location"))
                .orElse(requestUri);
        String trackUri = Sdp.resolveControl(base, track.get().control());
        String name = transport == Transport.TCP ? OVER_TCP : OVER_UDP;
        try (RtpTransport.UdpPorts ports = transport == Transport.UDP ? RtpTransport.UdpPorts.bind() : null) {
            String offer = ports == null ? RtpTransport.TCP_INTERLEAVED : ports.transport();
            Response setup = c.request("SETUP", trackUri, "Transport: " + offer + "\r\n");
            if (setup == null) {
                return ProbeResult.of(ProbeResult.Outcome.IO_ERROR, c.where + " closed the connection");
            }
            String status = "RTSP " + setup.status + " " + setup.reasonPhrase;
            if (setup.status == RtpTransport.UNSUPPORTED_TRANSPORT) {
                return ProbeResult.of(ProbeResult.Outcome.UNSUPPORTED_TRANSPORT, status + " " + name);
            }
            if (setup.status != 200) {
                return classify(setup, c.url.hasCredentials());
            }
            setup.header("session").map(session -> session.split(";")[0].strip())
                    .ifPresent(session -> c.teardown(base, session));
            return new ProbeResult(ProbeResult.Outcome.OK, status + " " + name,
                    videoEncoding(describe.body));
        }
    }

    private ProbeResult talk(RtspUrl url, Dialog dialog) {
        if (!url.scheme().equals("rtsp")) {
            return ProbeResult.of(ProbeResult.Outcome.NOT_PROBED, url.scheme() + " is not probed");
        }
        String host = url.host().startsWith("[") ? url.host().substring(1, url.host().length() - 1) : url.host();
        int port = url.port().orElse(554);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return ProbeResult.of(ProbeResult.Outcome.UNKNOWN_HOST, "host '" + url.host() + "' does not resolve");
        }
        String where = url.host() + ":" + port;
        int millis = (int) timeout.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), millis);
            socket.setSoTimeout(millis);
            return dialog.talk(new Connection(socket, url, where));
        } catch (ConnectException e) {
            return ProbeResult.of(ProbeResult.Outcome.REFUSED, "connection to " + where + " refused");
        } catch (SocketTimeoutException e) {
            return ProbeResult.of(ProbeResult.Outcome.TIMEOUT, "no answer from " + where + " within " + millis + " ms");
        } catch (IOException e) {
            return ProbeResult.of(ProbeResult.Outcome.IO_ERROR, "talking to " + where + " failed ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static ProbeResult classify(Response response, boolean hadCredentials) {
        String status = "RTSP " + response.status + " " + response.reasonPhrase;
        return switch (response.status) {
            case 200 -> new ProbeResult(ProbeResult.Outcome.OK, status, videoEncoding(response.body));
            case 401, 403 -> ProbeResult.of(ProbeResult.Outcome.UNAUTHORIZED,
                    status + (hadCredentials ? " with the given credentials" : " and the URL has no credentials"));
            case 404 -> ProbeResult.of(ProbeResult.Outcome.NOT_FOUND, status);
            default -> ProbeResult.of(ProbeResult.Outcome.OTHER_STATUS, status);
        };
    }

    /** The encoding name of the first video rtpmap in the SDP, upper case; empty when it names none. */
    static Optional<String> videoEncoding(String sdp) {
        return Sdp.firstVideoTrack(sdp).map(Sdp.Track::encoding).filter(encoding -> !encoding.isEmpty());
    }

    /**
     * One RTSP connection: numbers the requests and answers a 401 with the URL's credentials (Digest
     * preferred, else Basic), once per request, keeping the challenge for the next requests.
     */
    private static final class Connection {
        final Socket socket;
        final RtspUrl url;
        final String where;
        private int cseq;
        private boolean answered;
        private RtspAuth.State auth;

        Connection(Socket socket, RtspUrl url, String where) {
            this.socket = socket;
            this.url = url;
            this.where = where;
        }

        /** @return the answer, or null when the camera closed the connection or did not answer in RTSP */
        Response request(String method, String uri, String headers) throws IOException {
            Response response = send(method, uri, headers);
            if (response != null && response.status == 401 && url.hasCredentials()) {
                Optional<RtspAuth.State> state = RtspAuth.answer(response.headers("www-authenticate"),
                        url.user().orElse(""), url.password().orElse(""));
                if (state.isPresent()) {
                    auth = state.get();
                    response = send(method, uri, headers);
                }
            }
            return response;
        }

        /** The result when {@link #request} got no RTSP answer. */
        ProbeResult noAnswer() {
            return answered ? ProbeResult.of(ProbeResult.Outcome.IO_ERROR, where + " closed the connection")
                    : ProbeResult.of(ProbeResult.Outcome.NOT_RTSP, where + " answered, but not in RTSP");
        }

        /** Ends the session; the check is done whatever the camera answers. */
        void teardown(String uri, String session) {
            try {
                send("TEARDOWN", uri, "Session: " + session + "\r\n");
            } catch (IOException e) {
                // a camera that drops the connection first is fine
            }
        }

        private Response send(String method, String uri, String headers) throws IOException {
            StringBuilder request = new StringBuilder()
                    .append(method).append(' ').append(uri).append(" RTSP/1.0\r\n")
                    .append("CSeq: ").append(++cseq).append("\r\n")
                    .append("User-Agent: DualStream probe\r\n")
                    .append(headers);
            if (auth != null) {
                request.append("Authorization: ").append(RtspAuth.forRequest(auth, method, uri)).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            Response response = Response.read(socket.getInputStream());
            answered |= response != null;
            return response;
        }
    }

    /** One RTSP response: status, headers, body. */
    private static final class Response {
        final int status;
        final String reasonPhrase;
        final List<String[]> headers;
        final String body;

        private Response(int status, String reasonPhrase, List<String[]> headers, String body) {
            this.status = status;
            this.reasonPhrase = reasonPhrase;
            this.headers = headers;
            this.body = body;
        }

        Optional<String> header(String lowerName) {
            List<String> values = headers(lowerName);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        List<String> headers(String lowerName) {
            List<String> values = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equals(lowerName)) {
                    values.add(h[1]);
                }
            }
            return values;
        }

        /** @return null when the peer closed at once or did not answer in RTSP */
        static Response read(InputStream in) throws IOException {
            String statusLine = readLine(in);
            if (statusLine == null || !statusLine.startsWith("RTSP/1.")) {
                return null;
            }
            String[] parts = statusLine.split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(parts.length > 1 ? parts[1] : "");
            } catch (NumberFormatException e) {
                return null;
            }
            String reason = parts.length > 2 ? printable(parts[2]) : "";
            List<String[]> headers = new ArrayList<>();
            int contentLength = 0;
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = line.substring(colon + 1).trim();
                    headers.add(new String[] {name, value});
                    if (name.equals("content-length")) {
                        try {
                            contentLength = Math.min(Integer.parseInt(value), MAX_RESPONSE_BYTES);
                        } catch (NumberFormatException e) {
                            contentLength = 0;
                        }
                    }
                }
            }
            byte[] body = in.readNBytes(Math.max(contentLength, 0));
            return new Response(status, reason, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    break;
                }
                if (line.size() >= MAX_RESPONSE_BYTES) {
                    throw new IOException("RTSP header line too long");
                }
                line.write(c);
            }
            if (c < 0 && line.size() == 0) {
                return null;
            }
            String s = line.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        private static String printable(String s) {
            String cleaned = s.replaceAll("[^\\x20-\\x7E]", "?");
            return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
        }
    }
}
