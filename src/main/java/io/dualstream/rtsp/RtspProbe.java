package io.dualstream.rtsp;

import io.dualstream.pipeline.RtspUrl;
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

/**
 * Asks a camera {@code DESCRIBE} over a plain socket (JDK only), with Basic or Digest credentials
 * when it asks for them, to tell why OpenCV could not open a stream: OpenCV itself only says
 * "not opened". Also reads the SDP's video encoding, so the pipeline's codec can be chosen or
 * checked. One connection, every step bounded by the timeout; the password is sent only in the
 * Authorization header and appears in no result or exception.
 */
public final class RtspProbe {
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private static final long BUSY_PAUSE_NANOS = 300_000_000L;

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
        long deadline = System.nanoTime() + timeout.toNanos();
        ProbeResult result = describeOnce(url);
        while (result.detail().startsWith("RTSP 503") && System.nanoTime() + BUSY_PAUSE_NANOS < deadline) {
            try {
                Thread.sleep(BUSY_PAUSE_NANOS / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            result = describeOnce(url);
        }
        return result;
    }

    private ProbeResult describeOnce(RtspUrl url) {
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
            Response first = exchange(socket, url, 1, null);
            if (first == null) {
                return ProbeResult.of(ProbeResult.Outcome.NOT_RTSP, where + " answered, but not in RTSP");
            }
            Response last = first;
            if (first.status == 401 && url.hasCredentials()) {
                String authorization = authorization(first, url);
                if (authorization != null) {
                    last = exchange(socket, url, 2, authorization);
                    if (last == null) {
                        return ProbeResult.of(ProbeResult.Outcome.IO_ERROR, where + " closed the connection");
                    }
                }
            }
            return classify(last, url.hasCredentials());
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

    private static Response exchange(Socket socket, RtspUrl url, int cseq, String authorization)
            throws IOException {
        StringBuilder request = new StringBuilder()
                .append("DESCRIBE ").append(url.withoutCredentials()).append(" RTSP/1.0\r\n")
                .append("CSeq: ").append(cseq).append("\r\n")
                .append("Accept: application/sdp\r\n")
                .append("User-Agent: DualStream probe\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return Response.read(socket.getInputStream());
    }

    /** Digest when offered (preferred by cameras), else Basic; null for a scheme this probe does not speak. */
    private static String authorization(Response challenge, RtspUrl url) {
        String uri = url.withoutCredentials();
        return RtspAuth.answer(challenge.headers("www-authenticate"), url.user().orElse(""), url.password().orElse(""))
                .map(state -> RtspAuth.forRequest(state, "DESCRIBE", uri)).orElse(null);
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
