package io.dualstream.station.http;

import java.util.Objects;
import java.util.Optional;

/**
 * The station's HTTP endpoint (config section {@code http:}; off without it). Its
 * {@link #toString()} never shows the token.
 *
 * @param bind   the address to listen on; a loopback address (the default, 127.0.0.1) keeps it on this PC
 * @param port   the TCP port; 0 takes any free one (tests)
 * @param token  the bearer token every request must carry; required when {@code bind} is not loopback
 */
public record HttpSettings(String bind, int port, Optional<String> token) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Shorter tokens can be guessed. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public HttpSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(token, "token");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return "http " + bind + ":" + port + (token.isPresent() ? " (bearer token ***)" : " (no token)");
    }
}
