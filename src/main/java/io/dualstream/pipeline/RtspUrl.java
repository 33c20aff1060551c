package io.dualstream.pipeline;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A camera's {@code rtsp://} or {@code rtsps://} URL as the user typed it, credentials and all.
 *
 * <p><b>Lenient about credentials.</b> Camera passwords are often typed with characters that a
 * URL would require to be percent-encoded. This class does not require that: the user info is
 * everything between {@code ://} and the <em>last</em> {@code @}; the user name is the user info
 * up to its first {@code :}, and the password is the rest. So {@code @ : / ! ' "}, spaces and
 * {@code %} may appear verbatim in a password. There is no percent-decoding anywhere: what is typed
 * is the password, and {@code p%40ss} is six characters, not {@code p@ss}. The price of the
 * last-{@code @} rule: an {@code @} in the path must be written {@code %40} (which rtspsrc passes to
 * the camera unchanged).
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
    private final String password;
    private final String host;
    private final int port;
    private final String address;

    private RtspUrl(String scheme, String user, String password, String host, int port,
            String address) {
        this.scheme = scheme;
        this.user = user;
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
        String user = null;
        String password = null;
        String address = afterScheme;
        int at = afterScheme.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = afterScheme.substring(0, at);
            address = afterScheme.substring(at + 1);
            if (!userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                user = colon < 0 ? userInfo : userInfo.substring(0, colon);
                password = colon < 0 ? null : userInfo.substring(colon + 1);
            }
        }
        return fromAddress(scheme, user, password, address);
    }

    private static RtspUrl fromAddress(String scheme, String user, String password,
            String address) {
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
        return new RtspUrl(scheme, user, password, host, parsePort(portText), address);
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
     * passwords that come from somewhere else than the URL (a prompt, an environment variable).
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
        return new RtspUrl(scheme, user, password, host, port, address);
    }

    /** "rtsp" or "rtsps", lower case. */
    public String scheme() {
        return scheme;
    }

    /** The user name, verbatim; empty when the URL has no credentials. May be the empty string. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /**
     * The password, verbatim (no percent-decoding); empty when the URL has none. Secret: for
     * rtspsrc's {@code user-pw} only, never for logs.
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
     * there is no password, or {@link #withoutCredentials()} when there are no credentials.
     */
    public String masked() {
        if (user == null) {
            return withoutCredentials();
        }
        return scheme + "://" + user + (password == null ? "" : ":" + MASK) + "@" + address;
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
