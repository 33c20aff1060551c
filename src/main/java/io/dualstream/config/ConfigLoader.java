package io.dualstream.config;

import io.dualstream.inspect.CameraSettings;
import io.dualstream.inspect.CrossingDirection;
import io.dualstream.inspect.DetectorSettings;
import io.dualstream.inspect.OutputSettings;
import io.dualstream.inspect.RelativePoint;
import io.dualstream.inspect.TriggerLine;
import io.dualstream.inspect.TriggerSources;
import io.dualstream.station.http.HttpSettings;
import io.dualstream.station.mqtt.MqttSettings;
import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.stream.CodecChoice;
import io.dualstream.internal.stream.RtspSource;
import io.dualstream.internal.stream.TransportChoice;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the YAML config file of one inspection PC into {@link InspectionConfig}. Every value is checked
 * where it is read, and every error names the file, the line and the key. The format is documented in
 * README.md ("Config file") and shown by {@code config/sample.yaml}.
 *
 * <p>Credentials may be written as {@code ${env:NAME}} (an environment variable) or
 * {@code ${secret:NAME}} (an entry of a separate secrets file, {@code secrets-file:} or
 * {@code --secrets}), so the config file itself can be shared without passwords.
 */
public final class ConfigLoader {
    private static final Logger LOG = LogManager.getLogger(ConfigLoader.class);
    private static final Set<String> TOP = Set.of("secrets-file", "station", "output", "detector", "mqtt", "http",
            "cameras");
    private static final Set<String> OUTPUT = Set.of("folder", "jpeg-quality", "keep-count", "keep-age");
    private static final Set<String> DETECTOR = Set.of("min-area", "history", "var-threshold", "max-match-distance",
            "max-missed-frames");
    private static final Set<String> CAMERA = Set.of("name", "main", "sub", "credentials", "trigger",
            "pre-trigger-frames", "main-stream-delay", "detector", "output", "trigger-sources");
    private static final Set<String> STREAM = Set.of("url", "codec", "transport", "credentials", "resolution");
    private static final Set<String> CREDENTIALS = Set.of("user", "password");
    private static final Set<String> TRIGGER = Set.of("from", "to", "direction");

    private final Function<String, String> environment;

    /** Reads {@code ${env:...}} from the process environment. */
    public ConfigLoader() {
        this(System::getenv);
    }

    /** @param environment looks up {@code ${env:NAME}}; tests pass a map's {@code get} */
    public ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * @param file         the config file
     * @param secretsFile  a secrets file given on the command line; overrides the config's {@code secrets-file}
     */
    public InspectionConfig load(Path file, Optional<Path> secretsFile) throws ConfigException {
        Node root = parse(file);
        // Pass 1 without secrets, only to find secrets-file; values are resolved lazily, so nothing is looked up yet.
        ConfigNode plain = new ConfigNode(file, "", root, new ValueResolver(environment, Map.of(), ""));
        Map<String, ConfigNode> top = plain.mapping(TOP);
        Optional<Path> secretsPath = secretsFile.isPresent() ? secretsFile
                : ConfigNode.get(top, "secrets-file").isPresent()
                ? Optional.of(relativeTo(file, ConfigNode.get(top, "secrets-file").get().nonBlankText()))
                : Optional.empty();
        ValueResolver resolver = secretsPath.isPresent()
                ? new ValueResolver(environment, readSecrets(secretsPath.get()),
                "secrets file " + secretsPath.get().getFileName())
                : new ValueResolver(environment, Map.of(), "");
        Map<String, ConfigNode> entries = new ConfigNode(file, "", root, resolver).mapping(TOP);

        Optional<Map<String, ConfigNode>> output = section(entries, "output", OUTPUT);
        Optional<Map<String, ConfigNode>> detector = section(entries, "detector", DETECTOR);
        ConfigNode camerasNode = required(entries, "cameras", new ConfigNode(file, "", root, resolver));
        List<ConfigNode> cameraNodes = camerasNode.sequence();
        if (cameraNodes.isEmpty()) {
            throw camerasNode.error("needs at least one camera");
        }
        String station = StationSections.station(ConfigNode.get(entries, "station"));
        Optional<MqttSettings> mqtt = StationSections.mqtt(ConfigNode.get(entries, "mqtt"), station, file);
        Optional<HttpSettings> http = StationSections.http(ConfigNode.get(entries, "http"));
        boolean externalChannel = mqtt.isPresent() || http.isPresent();
        List<CameraSettings> cameras = new ArrayList<>();
        Map<String, Resolution> resolutions = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (ConfigNode cameraNode : cameraNodes) {
            CameraSettings camera = camera(file, cameraNode, output, detector, externalChannel);
            resolutions.putAll(resolutions(camera.name(), cameraNode));
            Integer firstLine = names.putIfAbsent(camera.name().toLowerCase(java.util.Locale.ROOT), cameraNode.line());
            if (firstLine != null) {
                throw cameraNode.error("camera name '" + camera.name() + "' is already used on line " + firstLine
                        + " (names must differ, ignoring case: they name the output folders)");
            }
            cameras.add(camera);
        }
        return new InspectionConfig(file, cameras, resolutions, station, mqtt, http);
    }

    private static Node parse(Path file) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(1024 * 1024);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new ConfigException(file, 0, "", "the file is empty: start from config/sample.yaml");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, "", "no such file (" + file.toAbsolutePath() + "): copy "
                    + "config/sample.yaml there, or pass the right path");
        } catch (MalformedInputException e) {
            throw new ConfigException(file, 0, "", "not UTF-8 text: save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigException(file, 0, "", "cannot read it: " + e.getMessage());
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ConfigException(file, line, "", "not valid YAML: " + problem.replaceAll("\\s+", " ").strip());
        } catch (YAMLException e) {
            throw new ConfigException(file, 0, "", "not valid YAML: " + String.valueOf(e.getMessage())
                    .replaceAll("\\s+", " ").strip());
        }
    }

    /** A flat mapping {@code name: value}; values are never shown in errors. */
    private Map<String, String> readSecrets(Path secrets) throws ConfigException {
        Node root = parse(secrets);
        warnIfOthersCanRead(secrets);
        ValueResolver noReferences = new ValueResolver(name -> null, Map.of(), "");
        ConfigNode node = new ConfigNode(secrets, "", root, noReferences);
        if (!(root instanceof org.yaml.snakeyaml.nodes.MappingNode mapping)) {
            throw node.error("must be a mapping of names to values, e.g. `gate1-password: ...`");
        }
        Set<String> names = new java.util.LinkedHashSet<>();
        for (org.yaml.snakeyaml.nodes.NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key) {
                names.add(key.getValue());
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : node.mapping(names).entrySet()) {
            values.put(entry.getKey(), entry.getValue().rawText());
        }
        return values;
    }

    /** The optional {@code resolution:} of a camera's streams, keyed {@code camera/main}, {@code camera/sub}. */
    private static Map<String, Resolution> resolutions(String camera, ConfigNode cameraNode) throws ConfigException {
        Map<String, Resolution> found = new HashMap<>();
        Map<String, ConfigNode> entries = cameraNode.mapping(CAMERA);
        for (String stream : List.of("main", "sub")) {
            ConfigNode resolution = entries.get(stream).mapping(STREAM).get("resolution");
            if (resolution != null) {
                found.put(camera + "/" + stream, resolution.as(Resolution::parse));
            }
        }
        return found;
    }

    /** Not an error (an operator may have reasons), but worth a line in the log. */
    private static void warnIfOthersCanRead(Path secrets) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(secrets);
            if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(
                    PosixFilePermission.GROUP_READ)) {
                LOG.warn("secrets file {} can be read by other users: chmod 600 {}", secrets, secrets);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Windows (ACLs) or unreadable attributes: nothing to say
        }
    }

    private CameraSettings camera(Path file, ConfigNode node, Optional<Map<String, ConfigNode>> globalOutput,
                                  Optional<Map<String, ConfigNode>> globalDetector, boolean externalChannel)
            throws ConfigException {
        Map<String, ConfigNode> entries = node.mapping(CAMERA);
        ConfigNode nameNode = required(entries, "name", node);
        String name = nameNode.nonBlankText();
        Optional<Credentials> cameraCredentials = credentials(entries);
        RtspSource main = stream(required(entries, "main", node), cameraCredentials);
        RtspSource sub = stream(required(entries, "sub", node), cameraCredentials);
        TriggerSources sources = entries.containsKey("trigger-sources")
                ? triggerSources(entries.get("trigger-sources"), externalChannel) : TriggerSources.BOTH;
        // The line is the detector's; a camera triggered from outside only needs none.
        TriggerLine trigger = sources.detector() || entries.containsKey("trigger")
                ? trigger(required(entries, "trigger", node)) : null;
        int preTrigger = ConfigNode.get(entries, "pre-trigger-frames").isPresent()
                ? entries.get("pre-trigger-frames").integer(0, CameraSettings.MAX_PRE_TRIGGER_FRAMES) : 0;
        Duration mainStreamDelay = entries.containsKey("main-stream-delay")
                ? entries.get("main-stream-delay").duration() : Duration.ZERO;
        DetectorSettings detector = detector(layered(globalDetector, section(entries, "detector", DETECTOR)), node);
        OutputSettings output = output(file, layered(globalOutput, section(entries, "output", OUTPUT)), node);
        try {
            return new CameraSettings(name, main, sub, trigger, detector, output, preTrigger, mainStreamDelay, sources);
        } catch (IllegalArgumentException e) {
            ConfigNode at = e.getMessage().startsWith("camera name") ? nameNode
                    : e.getMessage().startsWith("main stream delay") && entries.containsKey("main-stream-delay")
                    ? entries.get("main-stream-delay") : node;
            throw at.error(e.getMessage());
        }
    }

    /** {@code [detector]}, {@code [external]} or {@code [detector, external]}. */
    private static TriggerSources triggerSources(ConfigNode node, boolean externalChannel) throws ConfigException {
        boolean detector = false;
        boolean external = false;
        for (ConfigNode item : node.sequence()) {
            String value = item.rawText().strip();
            if (!value.equals("detector") && !value.equals("external")) {
                throw item.error("must be detector or external, got '" + value + "'");
            }
            if (value.equals("detector") ? detector : external) {
                throw item.error("'" + value + "' is given twice");
            }
            detector |= value.equals("detector");
            external |= value.equals("external");
        }
        if (!detector && !external) {
            throw node.error("needs at least one of detector, external");
        }
        if (!detector && !externalChannel) {
            throw node.error("external triggers come over HTTP or MQTT: add an `http:` or `mqtt:` section, or add "
                    + "detector");
        }
        return new TriggerSources(detector, external);
    }

    private record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + ", ***]";
        }
    }

    private Optional<Credentials> credentials(Map<String, ConfigNode> owner) throws ConfigException {
        Optional<ConfigNode> node = ConfigNode.get(owner, "credentials");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ConfigNode> entries = node.get().mapping(CREDENTIALS);
        String user = required(entries, "user", node.get()).nonBlankText();
        String password = required(entries, "password", node.get()).text();
        return Optional.of(new Credentials(user, password));
    }

    private RtspSource stream(ConfigNode node, Optional<Credentials> cameraCredentials) throws ConfigException {
        Map<String, ConfigNode> entries = node.mapping(STREAM);
        ConfigNode urlNode = required(entries, "url", node);
        RtspUrl url = urlNode.as(RtspUrl::parse);
        Optional<Credentials> own = credentials(entries);
        Optional<Credentials> credentials = own.isPresent() ? own : cameraCredentials;
        if (credentials.isPresent()) {
            if (url.hasCredentials()) {
                throw urlNode.error("the URL has a user and password, and `credentials:` gives them again: "
                        + "keep one of the two");
            }
            Credentials c = credentials.get();
            ConfigNode at = own.isPresent() ? entries.get("credentials") : urlNode;
            try {
                url = url.withCredentials(c.user(), c.password());
            } catch (IllegalArgumentException e) {
                throw at.error(e.getMessage());
            }
        }
        CodecChoice codec = ConfigNode.get(entries, "codec").isPresent()
                ? entries.get("codec").as(CodecChoice::parse) : CodecChoice.AUTO;
        TransportChoice transport = ConfigNode.get(entries, "transport").isPresent()
                ? entries.get("transport").as(TransportChoice::parse) : TransportChoice.AUTO;
        return new RtspSource(url, codec, transport);
    }

    private static TriggerLine trigger(ConfigNode node) throws ConfigException {
        Map<String, ConfigNode> entries = node.mapping(TRIGGER);
        RelativePoint from = point(required(entries, "from", node));
        RelativePoint to = point(required(entries, "to", node));
        CrossingDirection direction = ConfigNode.get(entries, "direction").isPresent()
                ? entries.get("direction").as(CrossingDirection::parse) : CrossingDirection.ANY;
        try {
            return new TriggerLine(from, to, direction);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static RelativePoint point(ConfigNode node) throws ConfigException {
        List<ConfigNode> xy = node.sequence();
        if (xy.size() != 2) {
            throw node.error("must be [x, y], fractions of the sub stream's width and height, e.g. [0.5, 0]");
        }
        return new RelativePoint(xy.get(0).number(0, false, 1), xy.get(1).number(0, false, 1));
    }

    private static DetectorSettings detector(Map<String, ConfigNode> entries, ConfigNode camera)
            throws ConfigException {
        DetectorSettings d = DetectorSettings.defaults();
        double minArea = entries.containsKey("min-area") ? entries.get("min-area").number(0, true, 0.999)
                : d.minAreaFraction();
        int history = entries.containsKey("history") ? entries.get("history").integer(1, 10_000) : d.history();
        double varThreshold = entries.containsKey("var-threshold")
                ? entries.get("var-threshold").number(0, true, 10_000) : d.varThreshold();
        double distance = entries.containsKey("max-match-distance")
                ? entries.get("max-match-distance").number(0, true, 1) : d.maxMatchDistance();
        int missed = entries.containsKey("max-missed-frames") ? entries.get("max-missed-frames").integer(0, 1000)
                : d.maxMissedFrames();
        try {
            return new DetectorSettings(minArea, history, varThreshold, distance, missed);
        } catch (IllegalArgumentException e) {
            throw camera.error(e.getMessage());
        }
    }

    private static OutputSettings output(Path file, Map<String, ConfigNode> entries, ConfigNode camera)
            throws ConfigException {
        Path folder = entries.containsKey("folder") ? relativeTo(file, entries.get("folder").nonBlankText())
                : relativeTo(file, "snapshots");
        int quality = entries.containsKey("jpeg-quality") ? entries.get("jpeg-quality").integer(1, 100) : 95;
        int keepCount = entries.containsKey("keep-count") ? entries.get("keep-count").integer(0, 10_000_000) : 0;
        Duration keepAge = entries.containsKey("keep-age") ? entries.get("keep-age").duration() : Duration.ZERO;
        try {
            return new OutputSettings(folder, quality, keepCount, keepAge);
        } catch (IllegalArgumentException e) {
            throw camera.error(e.getMessage());
        }
    }

    /** A relative path in the config means: next to the config file, wherever the program was started. */
    private static Path relativeTo(Path configFile, String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        Path folder = configFile.toAbsolutePath().getParent();
        return folder.resolve(p).normalize();
    }

    private static Optional<Map<String, ConfigNode>> section(Map<String, ConfigNode> owner, String name,
                                                             Set<String> keys) throws ConfigException {
        Optional<ConfigNode> node = ConfigNode.get(owner, name);
        return node.isPresent() ? Optional.of(node.get().mapping(keys)) : Optional.empty();
    }

    /** The camera's own keys win over the file-wide section's. */
    private static Map<String, ConfigNode> layered(Optional<Map<String, ConfigNode>> global,
                                                   Optional<Map<String, ConfigNode>> own) {
        Map<String, ConfigNode> merged = new LinkedHashMap<>(global.orElse(Map.of()));
        merged.putAll(own.orElse(Map.of()));
        return merged;
    }

    private static ConfigNode required(Map<String, ConfigNode> entries, String name, ConfigNode owner)
            throws ConfigException {
        ConfigNode node = entries.get(name);
        if (node == null) {
            throw owner.error("missing key '" + name + "'" + (owner.key().isEmpty() ? "" : " in this section"));
        }
        return node;
    }
}
