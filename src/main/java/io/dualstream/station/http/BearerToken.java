package io.dualstream.station.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}; answers 401 otherwise. The
 * comparison takes the same time whatever matches, so the token cannot be guessed byte by byte. The
 * token is never logged or echoed.
 */
final class BearerToken extends Filter {
    private final byte[] expected;

    BearerToken(String token) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] given = header == null ? new byte[0] : header.strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"dualstream\"");
            Responses.error(exchange, 401, header == null ? "send Authorization: Bearer <http.token of the config>"
                    : "wrong bearer token");
            return;
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "bearer token";
    }
}
