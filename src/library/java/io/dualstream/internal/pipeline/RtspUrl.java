package io.dualstream.internal.pipeline;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A camera's {@code rtsp://} or {@code rtsps://} URL as the user typed it, credentials and all.
 *
 * <p><b>Credentials are percent-decoded, leniently.</b> The user info is everything between
 * {@code ://} and the <em>last</em> {@code @}; the user name is the user info up to its first
 * {@code :}, and the password is the rest. Each of the two is then percent-decoded as UTF-8, as
 * RFC 3986, FFmpeg and GStreamer's own {@code rtspsrc location=} do: {@code p%40ss} is the
 * password {@code p@ss}, and {@code %3A} is a colon in the user name. Camera passwords are often
 * typed with characters that a URL would require to be percent-encoded, and those work too: a raw
 * {@code @ : / ! ' "} or space is taken as typed (the last-{@code @} rule), and a {@code %} that is
 * not followed by two hex digits ({@code 100%}, {@code %'x}) stays a literal {@code %}. The one
 * thing that cannot be typed raw is a literal {@code %XY} with two hex digits: write it
 * {@code %25XY}. A percent-encoded sequence that is not UTF-8, or that decodes to a control
 * character, is refused. The price of the last-{@code @} rule: an {@code @} in the path must be
 * written {@code %40} (which rtspsrc passes to the camera unchanged). Paths are never decoded.
 *
 * <p>Credentials given apart from the URL ({@link #withCredentials}: the config's
 * {@code credentials:}, its secrets file, environment variables) are <em>not</em> decoded: what is
 * given is the password, and {@code p%40ss} stays six characters.
 *
 * <p><b>Credentials never go into rtspsrc's {@code location}.</b> rtspsrc splits a location's user
 * info at the <em>first</em> {@code @} and cannot take a raw {@code /} or {@code @} in a password,
 * so the pipeline gets {@link #withoutCredentials()} as {@code location} and the credentials through
 * rtspsrc's {@code user-id} and {@code user-pw} properties.
 *
 * <p><b>The password stays out of text.</b> {@link #toString()} is {@link #masked()}, and no
 * exception message from this class contains any part of the URL except a well-formed scheme.
 *
 * <p>Refused: {@code null} or blank text, schemes other than rtsp/rtsps, a missing host, a port
 * outside 1..65535, and any control character (line feed, tab, NUL, ...) anywhere. Spaces at either
 * end of the text are ignored. Immutable.
 */
public final class RtspUrl {

    private static final String MASK = "***";

    private final String scheme;
    private final String user;
    /** The user name as {@link #masked()} shows it: as typed in the URL, or verbatim when given apart. */
    private final String shownUser;
    private final String password;
    private final String host;
    private final int port;
    private final String address;

    private RtspUrl(String scheme, String user, String shownUser, String password, String host,
            int port, String address) {
        this.scheme = scheme;
        this.user = user;
        this.shownUser = shownUser;
        this.password = password;
        this.host = host;
        this.port = port;
        this.address = address;
    }

    /**
     * Parses a URL such as {@code rtsp://admin:p@ss/w:rd@192.0.2.10:554/Streaming/Channels/101}.
     *
     * @throws IllegalArgumentException when the text is not a usable RTSP URL; the message says
     *     what is wrong and never contains the password
     */
    public static RtspUrl parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("RTSP URL must not be null");
        }
        String s = stripSpaces(text);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("RTSP URL must not be blank");
        }
        int schemeEnd = s.indexOf("://");
        int lastAt = s.lastIndexOf('@');
        String bad = TextChecks.firstBadCharacter(s);
        if (bad != null) {
            boolean inCredentials = schemeEnd >= 0 && lastAt > schemeEnd
                    && TextChecks.firstBadCharacter(s.substring(schemeEnd + 3, lastAt)) != null;
            throw new IllegalArgumentException("RTSP URL contains a " + bad + " in its "
                    + (inCredentials ? "user name or password" : "address")
                    + "; retype it without line breaks, tabs or other control characters");
        }
        if (schemeEnd < 0) {
            throw new IllegalArgumentException(
                    "RTSP URL must start with rtsp:// or rtsps:// (expected"
                            + " rtsp://[user[:password]@]host[:port][/path])");
        }
        String scheme = s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
            String shown = scheme.matches("[a-z][a-z0-9+.-]{0,15}") ? "'" + scheme + "'" : "another";
            throw new IllegalArgumentException(
                    "RTSP URL scheme must be rtsp or rtsps, got " + shown + " scheme");
        }
        String afterScheme = s.substring(schemeEnd + 3);
        String typedUser = null;
        String typedPassword = null;
        String address = afterScheme;
        int at = afterScheme.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = afterScheme.substring(0, at);
            address = afterScheme.substring(at + 1);
            if (!userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                typedUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
                typedPassword = colon < 0 ? null : userInfo.substring(colon + 1);
            }
        }
        String user = typedUser == null ? null : percentDecode(typedUser, "user name");
        String password = typedPassword == null ? null : percentDecode(typedPassword, "password");
        return fromAddress(scheme, user, typedUser, password, address);
    }

    /**
     * RFC 3986 percent-decoding of one user info part, UTF-8, lenient: a {@code %} not followed by
     * two hex digits is kept as a literal {@code %}. Messages name the part, never its text.
     *
     * @throws IllegalArgumentException when the decoded bytes are not UTF-8 or contain a control
     *     character
     */
    static String percentDecode(String text, String part) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int high = c == '%' && i + 2 < text.length() ? hexDigit(text.charAt(i + 1)) : -1;
            int low = high >= 0 ? hexDigit(text.charAt(i + 2)) : -1;
            if (low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("RTSP URL's " + part + " has percent-encoded bytes that are"
                    + " not UTF-8; write a literal % as %25");
        }
        String bad = TextChecks.firstBadCharacter(decoded);
        if (bad != null) {
            throw new IllegalArgumentException("RTSP URL's " + part + " decodes to a " + bad
                    + " (percent-encoded); write a literal % as %25");
        }
        return decoded;
    }

    /** 0..15 for an ASCII hex digit, else -1 (not Character.digit, which takes other scripts' digits). */
    private static int hexDigit(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private static RtspUrl fromAddress(String scheme, String user, String shownUser,
            String password, String address) {
        int end = indexOfAny(address, "/?#");
        String authority = end < 0 ? address : address.substring(0, end);
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("RTSP URL host starts with '[' (an IPv6"
                        + " address) but has no closing ']'");
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    throw new IllegalArgumentException(
                            "RTSP URL has text after the IPv6 address that is not ':port'");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty() || host.equals("[]")) {
            throw new IllegalArgumentException("RTSP URL has no host (expected"
                    + " rtsp://[user[:password]@]host[:port][/path])");
        }
        if (!validHost(host)) {
            throw new IllegalArgumentException("RTSP URL host contains a space or another"
                    + " character that a host name or IP address cannot have");
        }
        return new RtspUrl(scheme, user, shownUser, password, host, parsePort(portText), address);
    }

    private static int parsePort(String portText) {
        if (portText == null) {
            return -1;
        }
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(
                c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("RTSP URL port must be a number from 1 to 65535");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("RTSP URL port must be a number from 1 to 65535");
        }
        return port;
    }

    /** RFC 3986 reg-name, IPv4 or bracketed IP literal characters; non-ASCII allowed for IDNs. */
    private static boolean validHost(String host) {
        if (host.startsWith("[")) {
            return host.length() > 2 && host.substring(1, host.length() - 1)
                    .chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.'
                            || c == '%' || Character.isLetterOrDigit(c));
        }
        return host.chars().allMatch(c -> c > 0x7F && !Character.isWhitespace(c)
                || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~%!$&'()*+,;=".indexOf(c) >= 0);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String stripSpaces(String text) {
        int begin = 0;
        int end = text.length();
        while (begin < end && text.charAt(begin) == ' ') {
            begin++;
        }
        while (end > begin && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(begin, end);
    }

    /**
     * Returns a copy with these credentials in place of any in the URL, for user names and
     * passwords that come from somewhere else than the URL (the config's {@code credentials:}, its
     * secrets file, an environment variable). Both are taken verbatim: no percent-decoding.
     *
     * @param user the user name, not null
     * @param password the password, or null for none
     * @throws IllegalArgumentException if either contains a control character (message without
     *     the value)
     */
    public RtspUrl withCredentials(String user, String password) {
        Objects.requireNonNull(user, "user");
        String bad = TextChecks.firstBadCharacter(user);
        if (bad != null) {
            throw new IllegalArgumentException("RTSP user name contains a " + bad);
        }
        if (password != null && (bad = TextChecks.firstBadCharacter(password)) != null) {
            throw new IllegalArgumentException("RTSP password contains a " + bad);
        }
        return new RtspUrl(scheme, user, user, password, host, port, address);
    }

    /** "rtsp" or "rtsps", lower case. */
    public String scheme() {
        return scheme;
    }

    /**
     * The user name, percent-decoded when it came from the URL, verbatim when given by
     * {@link #withCredentials}; empty when there are no credentials. May be the empty string.
     */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /**
     * The password, percent-decoded when it came from the URL, verbatim when given by
     * {@link #withCredentials}; empty when there is none. Secret: for rtspsrc's {@code user-pw} and
     * the probe's Authorization header only, never for logs.
     */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Whether a user name (and maybe a password) was given. */
    public boolean hasCredentials() {
        return user != null;
    }

    /** The host as written: a name, an IPv4 address, or an IPv6 address in brackets. */
    public String host() {
        return host;
    }

    /** The port, when the URL names one (rtspsrc uses 554 / 322 otherwise). */
    public OptionalInt port() {
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /**
     * The URL without user info, e.g. {@code rtsp://192.0.2.10:554/main}: the value of rtspsrc's
     * {@code location}. Everything after the host is kept as typed.
     */
    public String withoutCredentials() {
        return scheme + "://" + address;
    }

    /**
     * The URL for logs: {@code rtsp://user:***@host:554/path}, or {@code rtsp://user@host/...} when
     * there is no password, or {@link #withoutCredentials()} when there are no credentials. The
     * user name is shown as typed in the URL (not decoded); the password, in any form, never.
     */
    public String masked() {
        if (user == null) {
            return withoutCredentials();
        }
        return scheme + "://" + shownUser + (password == null ? "" : ":" + MASK) + "@" + address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtspUrl other && scheme.equals(other.scheme)
                && Objects.equals(user, other.user) && Objects.equals(password, other.password)
                && address.equals(other.address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, user, password, address);
    }

    /** Same as {@link #masked()}: the password never reaches a log through string conversion. */
    @Override
    public String toString() {
        return masked();
    }
}
