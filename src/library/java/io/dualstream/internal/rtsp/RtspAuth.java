package io.dualstream.internal.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RTSP authentication (RFC 2617 as used by RTSP 1.0): Digest preferred, Basic otherwise. The challenge
 * is kept as a {@link State} and a header value is computed per request, since a Digest
 * response depends on the method and URI. The one implementation shared by {@link RtspProbe} (DESCRIBE)
 * and the probe command's wire meter (DESCRIBE, SETUP, PLAY).
 */
public final class RtspAuth {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    private RtspAuth() {
    }

    /** State kept between requests. Holds the password: never printed ({@code toString} masks it). */
    public record State(String scheme, String user, String password, Map<String, String> params, int[] nonceCount) {
        @Override
        public String toString() {
            return "RtspAuth.State[" + scheme + ", " + user + ", ***]";
        }
    }

    /** @return the state for {@link #forRequest}, or empty when no challenge is Basic or Digest */
    public static Optional<State> answer(List<String> challenges, String user, String password) {
        State chosen = null;
        for (String challenge : challenges) {
            String lower = challenge.toLowerCase(Locale.ROOT);
            if (lower.startsWith("digest ")) {
                chosen = new State("Digest", user, password, params(challenge.substring(7)), new int[1]);
                break;
            }
            if (lower.startsWith("basic") && chosen == null) {
                chosen = new State("Basic", user, password, Map.of(), new int[1]);
            }
        }
        return Optional.ofNullable(chosen);
    }

    public static String forRequest(State s, String method, String uri) {
        if (s.scheme().equals("Basic")) {
            return "Basic " + Base64.getEncoder().encodeToString((s.user() + ":" + s.password())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return digest(s, method, uri);
    }

    static String digest(State s, String method, String uri) {
        String realm = s.params().getOrDefault("realm", "");
        String nonce = s.params().getOrDefault("nonce", "");
        String ha1 = md5(s.user() + ":" + realm + ":" + s.password());
        String ha2 = md5(method + ":" + uri);
        StringBuilder header = new StringBuilder("Digest username=\"").append(s.user()).append("\", realm=\"")
                .append(realm).append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append('"');
        String qop = s.params().get("qop");
        if (qop != null && List.of(qop.split(",")).stream().map(String::strip).anyMatch("auth"::equals)) {
            String nc = String.format("%08x", ++s.nonceCount()[0]);
            String cnonce = Long.toHexString(new SecureRandom().nextLong());
            header.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append("\", response=\"")
                    .append(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)).append('"');
        } else {
            header.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (s.params().containsKey("opaque")) {
            header.append(", opaque=\"").append(s.params().get("opaque")).append('"');
        }
        return header.toString();
    }

    static Map<String, String> params(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(text);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return params;
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
