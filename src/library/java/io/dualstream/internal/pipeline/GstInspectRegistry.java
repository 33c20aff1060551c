package io.dualstream.internal.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link ElementRegistry} that asks the installed GStreamer, by running
 * {@code gst-inspect-1.0 --exists <element>} (exit status 0: present, 1: absent), and for properties
 * {@code gst-inspect-1.0 <element>} (its "Element Properties" section).
 *
 * <p>Why a separate process rather than GStreamer in this JVM: the pipeline itself runs inside
 * OpenCV's plugin, and this check must work before (and without) any native library is loaded. The
 * tool sees the same plugin registry as OpenCV's GStreamer as long as both find the same GStreamer
 * (same PATH / {@code GST_PLUGIN_PATH}). Elements OpenCV's GStreamer registers in this process only
 * ({@link InProcessElements}) are answered without the tool.
 *
 * <p>Answers are cached per element for the life of this object (plugins do not appear while the
 * application runs); failures are not cached. Each lookup waits at most the configured timeout
 * (default 10 s; the first run after installing plugins rebuilds GStreamer's registry cache and is
 * the slow one). Thread-safe.
 */
public final class GstInspectRegistry implements ElementRegistry {

    /** System property that overrides the default executable (e.g. a full path on Windows). */
    public static final String EXECUTABLE_PROPERTY = "dualstream.gst.inspect";
    /**
     * The tool's name on PATH. On Windows with ".exe": the name already has a dot ("-1.0"), which
     * {@code CreateProcess} takes for an extension, so it would not add ".exe" itself.
     */
    public static final String DEFAULT_EXECUTABLE =
            Platform.isWindows() ? "gst-inspect-1.0.exe" : "gst-inspect-1.0";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = System.getLogger(GstInspectRegistry.class.getName());
    /** Element factory names; also keeps option-like text ("--help") away from the tool. */
    private static final Pattern ELEMENT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");
    /** A property's first line: two spaces, its name, padding, a colon (its blurb lines are indented deeper). */
    private static final Pattern PROPERTY_LINE = Pattern.compile("  ([a-z][a-z0-9-]*)\\s*:.*");

    private final String executable;
    private final Duration timeout;
    private final ConcurrentMap<String, Boolean> cache = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<String>> properties = new ConcurrentHashMap<>();

    /** Uses {@value #EXECUTABLE_PROPERTY} if set, else {@link #DEFAULT_EXECUTABLE}, and 10 s. */
    public GstInspectRegistry() {
        this(System.getProperty(EXECUTABLE_PROPERTY, DEFAULT_EXECUTABLE), DEFAULT_TIMEOUT);
    }

    /** @param executable the tool's name on PATH or its full path */
    public GstInspectRegistry(String executable) {
        this(executable, DEFAULT_TIMEOUT);
    }

    /**
     * @param executable the tool's name on PATH or its full path
     * @param timeout the longest wait for one lookup; must be positive
     */
    public GstInspectRegistry(String executable, Duration timeout) {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(timeout, "timeout");
        if (executable.isBlank()) {
            throw new IllegalArgumentException("executable must not be blank");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
        this.executable = executable;
        this.timeout = timeout;
    }

    /** The tool this registry runs. */
    public String executable() {
        return executable;
    }

    /**
     * @throws IllegalArgumentException if the name is not a valid element factory name
     * @throws GStreamerNotFoundException if the tool cannot be started
     * @throws IllegalStateException if the tool fails, times out, or the thread is interrupted
     *     (the interrupt flag is set again)
     */
    @Override
    public boolean has(String elementName) {
        Objects.requireNonNull(elementName, "elementName");
        if (!ELEMENT_NAME.matcher(elementName).matches()) {
            throw new IllegalArgumentException("elementName must be a GStreamer element name"
                    + " (letters, digits, '_', '-', '.', '+'), got '" + elementName + "'");
        }
        if (InProcessElements.contains(elementName)) {
            return true;
        }
        Boolean known = cache.get(elementName);
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: a lookup can take seconds and must not block other keys.
        boolean present = lookUp(elementName);
        cache.putIfAbsent(elementName, present);
        return present;
    }

    /**
     * @throws IllegalArgumentException if the element name is not a valid element factory name
     * @throws GStreamerNotFoundException if the tool cannot be started
     * @throws IllegalStateException as {@link #has(String)}
     */
    @Override
    public boolean hasProperty(String elementName, String propertyName) {
        Objects.requireNonNull(propertyName, "propertyName");
        if (!has(elementName)) {
            return false;
        }
        Set<String> known = properties.get(elementName);
        if (known == null) {
            known = propertiesOf(elementName);
            properties.putIfAbsent(elementName, known);
        }
        return known.contains(propertyName);
    }

    /** Property names: the lines "  name   : blurb" after "Element Properties:" in gst-inspect's output. */
    private Set<String> propertiesOf(String elementName) {
        Process process;
        try {
            process = new ProcessBuilder(executable, elementName).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new GStreamerNotFoundException(notFoundMessage(e), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = process.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, runnable -> {
            Thread reader = new Thread(runnable, "gst-inspect-output");
            reader.setDaemon(true);
            reader.start();
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + executable + " " + elementName + "' did not finish within "
                        + timeout.toMillis() + " ms");
            }
            Set<String> names = new HashSet<>();
            boolean inProperties = false;
            for (String line : output.get(timeout.toMillis(), TimeUnit.MILLISECONDS).split("\\R")) {
                if (line.startsWith("Element Properties:")) {
                    inProperties = true;
                } else if (inProperties && !line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                    break;   // the next section
                } else if (inProperties) {
                    Matcher m = PROPERTY_LINE.matcher(line);
                    if (m.matches()) {
                        names.add(m.group(1));
                    }
                }
            }
            LOG.log(Level.DEBUG, "{0} {1}: properties {2}", executable, elementName, names);
            return Set.copyOf(names);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for '" + executable + " " + elementName + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the output of '" + executable + " " + elementName + "'", e);
        }
    }

    private boolean lookUp(String elementName) {
        Process process = start(elementName);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + executable + " --exists " + elementName
                        + "' did not finish within " + timeout.toMillis() + " ms (a first run after"
                        + " installing plugins rebuilds GStreamer's registry; try again, or raise"
                        + " the timeout)");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for '" + executable + " --exists " + elementName
                            + "'", e);
        }
        int status = process.exitValue();
        LOG.log(Level.DEBUG, "{0} --exists {1}: exit status {2}", executable, elementName, status);
        if (status == 0) {
            return true;
        }
        if (status == 1) {
            return false;
        }
        throw new IllegalStateException("'" + executable + " --exists " + elementName
                + "' failed with exit status " + status + "; run it by hand to see why");
    }

    private Process start(String elementName) {
        try {
            return new ProcessBuilder(executable, "--exists", elementName)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new GStreamerNotFoundException(notFoundMessage(e), e);
        }
    }

    private String notFoundMessage(IOException e) {
        String fix = Platform.isWindows()
                ? "install the GStreamer 1.x MSVC runtime (\"Complete\" setup type) from"
                        + " gstreamer.freedesktop.org/download and put its bin folder on PATH"
                : "on Debian/Ubuntu: sudo apt-get install gstreamer1.0-tools";
        return "GStreamer is not installed or not on PATH: could not run '" + executable
                + "' (" + e.getMessage() + "); " + fix + ", or set -D" + EXECUTABLE_PROPERTY
                + "=<full path to gst-inspect-1.0>";
    }

    @Override
    public String toString() {
        return "GstInspectRegistry{" + executable + ", timeout=" + timeout + "}";
    }
}
