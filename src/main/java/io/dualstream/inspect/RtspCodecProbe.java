package io.dualstream.inspect;

import io.dualstream.pipeline.Codec;
import io.dualstream.pipeline.RtspUrl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code codec: auto} by asking the camera: one RTSP {@code DESCRIBE} (with Basic or Digest
 * authentication when the camera asks for it) and the first video {@code a=rtpmap} of the SDP it
 * returns, {@code H264/90000} or {@code H265/90000}. Plain {@code rtsp://} only; the password never
 * appears in a message.
 */
final class RtspCodecProbe {
    private static final Pattern RTPMAP = Pattern.compile("(?im)^a=rtpmap:\\d+\\s+(H264|H265|HEVC)/");
    private static final Pattern STATUS = Pattern.compile("^RTSP/1\\.0 (\\d{3})");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^Content-Length:\\s*(\\d+)");
    private static final Pattern AUTHENTICATE = Pattern.compile("(?im)^WWW-Authenticate:\\s*(Basic|Digest)(.*)$");

    private RtspCodecProbe() {
    }

    static Codec codecOf(RtspUrl url, Duration timeout) throws IOException {
        if (!url.scheme().equalsIgnoreCase("rtsp")) {
            throw new IOException("codec 'auto' needs a plain rtsp:// URL to ask " + url.masked()
                    + ": set codec h264 or h265");
        }
        String location = url.withoutCredentials();
        Response response = describe(url, location, null, timeout);
        if (response.status == 401 && url.user().isPresent()) {
            response = describe(url, location, authorization(url, location, response.head), timeout);
        }
        if (response.status != 200) {
            throw new IOException("codec 'auto': " + url.masked() + " answered DESCRIBE with RTSP " + response.status
                    + (response.status == 401 ? " (wrong or missing credentials)" : "")
                    + ": fix the URL, or set codec h264 or h265");
        }
        Matcher matcher = RTPMAP.matcher(response.body);
        if (!matcher.find()) {
            throw new IOException("codec 'auto': the stream description of " + url.masked()
                    + " names neither H.264 nor H.265: set the codec by hand if the camera sends one of them");
        }
        return matcher.group(1).equalsIgnoreCase("H264") ? Codec.H264 : Codec.H265;
    }

    private record Response(int status, String head, String body) {
    }

    private static Response describe(RtspUrl url, String location, String authorization, Duration timeout)
            throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.host(), url.port().orElse(554)), millis);
            socket.setSoTimeout(millis);
            String request = "DESCRIBE " + location + " RTSP/1.0\r\nCSeq: " + (authorization == null ? 1 : 2)
                    + "\r\nAccept: application/sdp\r\nUser-Agent: DualStream\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            Matcher status = STATUS.matcher(head);
            if (!status.find()) {
                throw new IOException("codec 'auto': " + url.masked() + " did not answer like an RTSP server");
            }
            Matcher length = CONTENT_LENGTH.matcher(head);
            String body = length.find() ? new String(in.readNBytes(Integer.parseInt(length.group(1))),
                    StandardCharsets.UTF_8) : "";
            return new Response(Integer.parseInt(status.group(1)), head, body);
        } catch (java.net.SocketTimeoutException e) {
            throw new IOException("codec 'auto': no answer from " + url.masked() + " within " + millis + " ms");
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("RTSP answer header longer than 64 KiB");
            }
        }
        return head.toString(StandardCharsets.UTF_8);
    }

    private static String authorization(RtspUrl url, String location, String head) throws IOException {
        Matcher challenge = AUTHENTICATE.matcher(head);
        String user = url.user().orElseThrow();
        String password = url.password().orElse("");
        boolean digest = false;
        String parameters = "";
        while (challenge.find()) {
            if (challenge.group(1).equalsIgnoreCase("Digest")) {
                digest = true;
                parameters = challenge.group(2);
                break;
            }
        }
        if (!digest) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
        String realm = parameter(parameters, "realm").orElse("");
        String nonce = parameter(parameters, "nonce").orElseThrow(() -> new IOException(
                "codec 'auto': " + url.masked() + " asked for Digest authentication without a nonce"));
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\""
                + location + "\", response=\"" + digestResponse(user, realm, password, "DESCRIBE", location, nonce)
                + "\"";
    }

    /** RFC 2617 without qop, as RTSP cameras use it: MD5(MD5(user:realm:password):nonce:MD5(method:uri)). */
    static String digestResponse(String user, String realm, String password, String method, String uri,
                                 String nonce) {
        return md5(md5(user + ":" + realm + ":" + password) + ":" + nonce + ":" + md5(method + ":" + uri));
    }

    private static Optional<String> parameter(String parameters, String name) {
        Matcher matcher = Pattern.compile("(?i)\\b" + name + "=\"([^\"]*)\"").matcher(parameters);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no MD5", e);
        }
    }
}
