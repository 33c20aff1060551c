package io.dualstream.station.mqtt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The station's MQTT connection (config section {@code mqtt:}). Its {@link #toString()} never shows
 * the password.
 *
 * @param broker       {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param clientId     the station's MQTT client id, unique per broker
 * @param topicPrefix  every topic starts with it: {@code <prefix>/status}, {@code <prefix>/<camera>/...}
 * @param username     user name, if the broker asks for one
 * @param password     its password (from {@code ${secret:...}} or {@code ${env:...}})
 * @param tls          with {@code ssl://}: whom to trust and the station's own certificate
 * @param qos          0 or 1 for events (1: the broker acknowledges each, so none is lost when the
 *                     connection drops; 2 is allowed and costs a round trip more)
 * @param queueSize    events kept while the broker is away; more are counted and logged as dropped
 * @param reconnectMax the longest wait between two connection attempts
 */
public record MqttSettings(URI broker, String clientId, String topicPrefix, Optional<String> username,
                           Optional<String> password, Optional<Tls> tls, int qos, int queueSize,
                           Duration reconnectMax) {
    public static final int DEFAULT_QOS = 1;
    public static final int DEFAULT_QUEUE_SIZE = 10_000;
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);

    public MqttSettings {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
    }

    /** The broker URL as Paho takes it. */
    public String serverUri() {
        return broker.toString();
    }

    /**
     * TLS towards the broker.
     *
     * @param caFile           PEM file of the CA (or the broker's own certificate) to trust; empty: Java's
     *                         default trust store
     * @param keystore         PKCS#12 file with the station's client certificate and key, if the broker
     *                         asks for one
     * @param keystorePassword that file's password
     */
    public record Tls(Optional<Path> caFile, Optional<Path> keystore, Optional<String> keystorePassword) {
        @Override
        public String toString() {
            return "Tls[caFile=" + caFile.map(Path::toString).orElse("default trust store") + ", keystore="
                    + keystore.map(Path::toString).orElse("none") + "]";
        }
    }

    @Override
    public String toString() {
        return "mqtt " + broker + " as " + clientId + (username.isPresent() ? " (user " + username.get() + ", "
                + "password ***)" : "") + ", topics " + topicPrefix + "/..., qos " + qos + ", queue " + queueSize
                + tls.map(t -> ", " + t).orElse("");
    }
}
