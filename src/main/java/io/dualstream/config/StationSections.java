package io.dualstream.config;

import io.dualstream.station.http.HttpSettings;
import io.dualstream.station.mqtt.MqttSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The config's station sections: {@code station:} (its name), {@code mqtt:} (events and trigger
 * commands) and {@code http:} (health, metrics, last snapshot, trigger). Each is off unless its
 * section is there. Errors name file, line and key like the rest of the file; secrets (password,
 * token) are never in a message.
 */
final class StationSections {
    static final Set<String> MQTT = Set.of("broker", "client-id", "topic-prefix", "username", "password", "tls", "qos",
            "queue-size", "reconnect-max");
    static final Set<String> TLS = Set.of("ca-file", "keystore", "keystore-password");
    static final Set<String> HTTP = Set.of("bind", "port", "token");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private StationSections() {
    }

    /** {@code station:}, or this PC's host name made safe for topics and file names. */
    static String station(Optional<ConfigNode> node) throws ConfigException {
        if (node.isPresent()) {
            String name = node.get().nonBlankText();
            if (!NAME.matcher(name).matches()) {
                throw node.get().error("must be 1..64 letters, digits, '.', '_' or '-' (it is part of MQTT topics), "
                        + "got '" + node.get().rawText() + "'");
            }
            return name;
        }
        return hostName();
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = System.getenv("COMPUTERNAME");
        }
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "station";
            }
        }
        String safe = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }

    static Optional<MqttSettings> mqtt(Optional<ConfigNode> section, String station, Path configFile)
            throws ConfigException {
        if (section.isEmpty()) {
            return Optional.empty();
        }
        ConfigNode node = section.get();
        Map<String, ConfigNode> entries = node.mapping(MQTT);
        ConfigNode brokerNode = entries.get("broker");
        if (brokerNode == null) {
            throw node.error("missing key 'broker' in this section, e.g. broker: tcp://127.0.0.1:1883");
        }
        URI broker = broker(brokerNode);
        String clientId = entries.containsKey("client-id") ? entries.get("client-id").nonBlankText()
                : "dualstream-" + station;
        if (clientId.length() > 64) {
            throw entries.get("client-id").error("must be at most 64 characters");
        }
        String prefix = entries.containsKey("topic-prefix") ? topicPrefix(entries.get("topic-prefix"))
                : "dualstream/" + station;
        Optional<String> username = entries.containsKey("username")
                ? Optional.of(entries.get("username").nonBlankText()) : Optional.empty();
        Optional<String> password = entries.containsKey("password")
                ? Optional.of(entries.get("password").text()) : Optional.empty();
        if (password.isPresent() && username.isEmpty()) {
            throw entries.get("password").error("a password needs a `username:` too");
        }
        Optional<MqttSettings.Tls> tls = Optional.empty();
        if (entries.containsKey("tls")) {
            if (!broker.getScheme().equals("ssl")) {
                throw entries.get("tls").error("TLS settings need an ssl:// broker, got " + brokerNode.rawText());
            }
            tls = Optional.of(tls(entries.get("tls"), configFile));
        }
        int qos = entries.containsKey("qos") ? entries.get("qos").integer(0, 2) : MqttSettings.DEFAULT_QOS;
        int queue = entries.containsKey("queue-size") ? entries.get("queue-size").integer(1, 1_000_000)
                : MqttSettings.DEFAULT_QUEUE_SIZE;
        Duration reconnectMax = entries.containsKey("reconnect-max") ? entries.get("reconnect-max").duration()
                : MqttSettings.DEFAULT_RECONNECT_MAX;
        if (reconnectMax.compareTo(Duration.ofMillis(100)) < 0 || reconnectMax.compareTo(Duration.ofMinutes(10)) > 0) {
            throw entries.get("reconnect-max").error("must be from 100ms to 10m, got '"
                    + entries.get("reconnect-max").rawText() + "'");
        }
        return Optional.of(new MqttSettings(broker, clientId, prefix, username, password, tls, qos, queue,
                reconnectMax));
    }

    private static URI broker(ConfigNode node) throws ConfigException {
        String text = node.nonBlankText().strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw node.error("not a broker URL: write tcp://HOST:1883 or ssl://HOST:8883");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
            throw node.error("must start with tcp:// or ssl://, got '" + node.rawText() + "'");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
            throw node.error("must be tcp://HOST:PORT or ssl://HOST:PORT (user and password go in `username:` and "
                    + "`password:`), got '" + node.rawText() + "'");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("ssl") ? 8883 : 1883;
        try {
            return new URI(scheme, null, uri.getHost(), port, null, null, null);
        } catch (URISyntaxException e) {
            throw node.error("not a broker URL: " + e.getReason());
        }
    }

    private static String topicPrefix(ConfigNode node) throws ConfigException {
        String prefix = node.nonBlankText();
        if (prefix.contains("+") || prefix.contains("#") || prefix.startsWith("/") || prefix.endsWith("/")
                || prefix.contains("//") || prefix.startsWith("$")) {
            throw node.error("must be topic levels like dualstream/pc7: no + or #, no leading, trailing or double /, "
                    + "not starting with $, got '" + node.rawText() + "'");
        }
        return prefix;
    }

    private static MqttSettings.Tls tls(ConfigNode node, Path configFile) throws ConfigException {
        Map<String, ConfigNode> entries = node.mapping(TLS);
        Optional<Path> ca = entries.containsKey("ca-file")
                ? Optional.of(readableFile(entries.get("ca-file"), configFile)) : Optional.empty();
        Optional<Path> keystore = entries.containsKey("keystore")
                ? Optional.of(readableFile(entries.get("keystore"), configFile)) : Optional.empty();
        Optional<String> keystorePassword = entries.containsKey("keystore-password")
                ? Optional.of(entries.get("keystore-password").text()) : Optional.empty();
        if (keystorePassword.isPresent() && keystore.isEmpty()) {
            throw entries.get("keystore-password").error("a keystore password needs a `keystore:` too");
        }
        return new MqttSettings.Tls(ca, keystore, keystorePassword);
    }

    private static Path readableFile(ConfigNode node, Path configFile) throws ConfigException {
        Path path = Path.of(node.nonBlankText());
        Path resolved = path.isAbsolute() ? path : configFile.toAbsolutePath().getParent().resolve(path).normalize();
        if (!Files.isReadable(resolved)) {
            throw node.error("no readable file " + resolved);
        }
        return resolved;
    }

    static Optional<HttpSettings> http(Optional<ConfigNode> section) throws ConfigException {
        if (section.isEmpty()) {
            return Optional.empty();
        }
        ConfigNode node = section.get();
        Map<String, ConfigNode> entries = node.mapping(HTTP);
        String bind = entries.containsKey("bind") ? entries.get("bind").nonBlankText().strip() : HttpSettings.DEFAULT_BIND;
        int port = entries.containsKey("port") ? entries.get("port").integer(0, 65535) : HttpSettings.DEFAULT_PORT;
        Optional<String> token = entries.containsKey("token") ? Optional.of(entries.get("token").text())
                : Optional.empty();
        if (token.isPresent() && token.get().length() < HttpSettings.MIN_TOKEN_LENGTH) {
            throw entries.get("token").error("must be at least " + HttpSettings.MIN_TOKEN_LENGTH + " characters "
                    + "(e.g. openssl rand -hex 24)");
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw (entries.containsKey("bind") ? entries.get("bind") : node).error("unknown address '" + bind
                    + "': give an IP address of this PC, 127.0.0.1 or 0.0.0.0");
        }
        if (!loopback && token.isEmpty()) {
            throw (entries.containsKey("bind") ? entries.get("bind") : node).error("listening on " + bind
                    + " lets other machines trigger snapshots and read health: add `token: ${secret:http-token}` "
                    + "(at least " + HttpSettings.MIN_TOKEN_LENGTH + " characters), or bind to 127.0.0.1");
        }
        return Optional.of(new HttpSettings(bind, port, token));
    }
}
