package io.dualstream.internal.natives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code windows\install-service.cmd} and {@code uninstall-service.cmd} under Wine's {@code cmd.exe},
 * with two stand-ins: {@code java.exe} ({@code src/test/wine/java_stand_in.c}) and WinSW
 * ({@code src/test/wine/winsw_stand_in.c}, which needs its XML next to it as WinSW does, and records
 * each call and the XML it found). WinSW-x64.exe itself cannot be downloaded here, and Wine's cmd
 * is close to Windows' but not the same: this proves the scripts' checks, their one-line errors,
 * the XML they write (parsed here, element by element, against WinSW v2.12.0's names) and the WinSW
 * commands in order; it does not prove that Windows starts the service at boot, restarts it on
 * failure, or that WinSW's Ctrl+C reaches java.exe.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WindowsServiceWineTest {
    private static final String[] SCRIPTS = {"dualstream-env.cmd", "dualstream-gstreamer.cmd",
            "install-service.cmd", "uninstall-service.cmd"};
    /** The child elements of {@code <service>}, in the order the script writes them (WinSW v2.12.0 names). */
    private static final String[] ELEMENTS = {"id", "name", "description", "executable", "arguments",
            "workingdirectory", "env", "env", "startmode", "delayedAutoStart", "onfailure", "onfailure", "onfailure",
            "resetfailure", "stoptimeout", "stopparentprocessfirst", "logpath", "log"};

    @TempDir
    static Path work;

    private static Path scripts;
    private static Path javaBin;
    private static Path noJavaBin;
    private static Path winsw;
    private static Path config;
    private static Path gstreamerRoot;

    @BeforeAll
    static void prepare() throws IOException, InterruptedException {
        Wine.requireNothingMissing("WindowsServiceWineTest", Wine.missingTools());
        scripts = Files.createDirectories(work.resolve("dualstream"));
        for (String script : SCRIPTS) {
            // CRLF, as a checkout gets them (.gitattributes)
            String text = Files.readString(Path.of("windows", script), StandardCharsets.UTF_8).replace("\r\n", "\n");
            Files.writeString(scripts.resolve(script), text.replace("\n", "\r\n"), StandardCharsets.UTF_8);
        }
        Files.write(scripts.resolve("dualstream.jar"), new byte[] {'P', 'K'});
        javaBin = Files.createDirectories(work.resolve("java/bin"));
        Files.move(Wine.compile("java_stand_in", javaBin), javaBin.resolve("java.exe"));
        Path downloads = Files.createDirectories(work.resolve("downloads"));
        winsw = Files.move(Wine.compile("winsw_stand_in", downloads), downloads.resolve("WinSW-x64.exe"));
        // a folder name with a space: the script must quote the path and make it absolute
        config = Files.writeString(Files.createDirectories(work.resolve("station 1")).resolve("inspection.yaml"),
                "cameras: []\n");
        gstreamerRoot = Files.createDirectories(work.resolve("gstreamer/1.0/msvc_x86_64"));
        Files.write(Files.createDirectories(gstreamerRoot.resolve("bin")).resolve("gstreamer-1.0-0.dll"),
                new byte[] {'M', 'Z'});
        noJavaBin = Files.createDirectories(work.resolve("no-java"));
    }

    /** The environment of a PC where the checks pass: GStreamer found, `run --dry-run` accepts the config. */
    private static Map<String, String> goodEnv(String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("GSTREAMER_1_0_ROOT_MSVC_X86_64", Wine.windowsPath(gstreamerRoot));
        env.put("JAVA_STAND_IN_EXIT", "0");
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static Wine.Result cmd(Map<String, String> env, List<Path> path, String... line)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cmd", "/c"));
        command.addAll(List.of(line));
        return Wine.run(command, scripts, path, env);
    }

    /** install-service.cmd WinSW-x64.exe ..\station 1\inspection.yaml [name [account]], config path relative. */
    private static Wine.Result install(Map<String, String> env, String... nameAndAccount)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("install-service.cmd", Wine.windowsPath(winsw),
                "..\\station 1\\inspection.yaml"));
        line.addAll(List.of(nameAndAccount));
        return cmd(env, List.of(javaBin), line.toArray(String[]::new));
    }

    private static Path serviceFolder(String name) {
        return scripts.resolve("service").resolve(name);
    }

    /** The WinSW stand-in's record: one entry per call, its arguments. */
    private static List<String> calls(String name) throws IOException {
        Path record = serviceFolder(name).resolve(name + ".stand-in.txt");
        if (!Files.exists(record)) {
            return List.of();
        }
        return Files.readAllLines(record, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("call: "))
                .map(l -> l.substring("call: ".length())).toList();
    }

    /** The XML the stand-in found next to itself when it was asked to install. */
    private static String xmlSeenAtInstall(String name) throws IOException {
        String record = Files.readString(serviceFolder(name).resolve(name + ".stand-in.txt"), StandardCharsets.UTF_8);
        int begin = record.lastIndexOf("xml-begin ");
        assertTrue(begin >= 0, "install was not called with an XML beside WinSW:\n" + record);
        int start = record.indexOf('\n', begin) + 1;
        int end = record.indexOf("xml-end\n", start);
        String header = record.substring(begin, start).strip();
        assertEquals("xml-begin " + Wine.windowsPath(serviceFolder(name).resolve(name + ".xml")), header);
        return record.substring(start, end);
    }

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element root = document.getDocumentElement();
        assertEquals("service", root.getTagName());
        return root;
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    private static Element only(Element parent, String tag) {
        List<Element> found = children(parent).stream().filter(e -> e.getTagName().equals(tag)).toList();
        assertEquals(1, found.size(), "<" + tag + "> elements");
        return found.get(0);
    }

    private static String text(Element parent, String tag) {
        return only(parent, tag).getTextContent();
    }

    private static void assertOneFailedLine(Wine.Result result, String prefix, String... expected) {
        String output = result.output().strip();
        assertEquals(1, result.exit(), output);
        List<String> failed = output.lines().filter(l -> l.contains("FAILED")).toList();
        assertEquals(1, failed.size(), "one FAILED line:\n" + output);
        String line = failed.get(0);
        assertTrue(line.startsWith(prefix + " FAILED: "), line);
        assertTrue(line.contains(" -- fix: "), "the line names the fix: " + line);
        for (String text : expected) {
            assertTrue(line.contains(text), "'" + text + "' in: " + line);
        }
    }

    @Test
    void installWritesWinswXmlThenInstallsAndStarts() throws Exception {
        Wine.Result result = install(
                goodEnv("DUALSTREAM_JAVA_OPTS", "-Xmx2g", "DUALSTREAM_OPENCV_BIN", "C:\\opencv\\bin"));
        assertEquals(0, result.exit(), result.output());
        String jar = Wine.windowsPath(scripts.resolve("dualstream.jar"));
        String configPath = Wine.windowsPath(config);
        // the config was checked the way the service will load it, before anything was installed
        assertTrue(result.output().contains("java-stand-in: [-Xmx2g] [-jar] [" + jar + "] [run] [--config] ["
                + configPath + "] [--dry-run]"), result.output());
        assertTrue(result.output().contains("[install-service] SHA-256 of " + Wine.windowsPath(winsw)),
                result.output());
        assertTrue(result.output().contains("[install-service] OK: service DualStream installed and started"),
                result.output());
        assertEquals(List.of("[version]", "[install]", "[start]"), calls("DualStream"));

        Path folder = serviceFolder("DualStream");
        assertArrayEquals(Files.readAllBytes(winsw), Files.readAllBytes(folder.resolve("DualStream.exe")));
        assertTrue(Files.isDirectory(folder.resolve("logs")));
        String xml = xmlSeenAtInstall("DualStream");
        assertEquals(Files.readString(folder.resolve("DualStream.xml"), StandardCharsets.UTF_8), xml);

        Element service = parse(xml);
        assertEquals(List.of(ELEMENTS), children(service).stream().map(Element::getTagName).toList());
        assertEquals("DualStream", text(service, "id"));
        assertEquals("DualStream", text(service, "name"));
        assertEquals(Wine.windowsPath(javaBin.resolve("java.exe")), text(service, "executable"));
        assertEquals("-XX:+ExitOnOutOfMemoryError -Xmx2g -jar \"" + jar + "\" run --config \"" + configPath + "\"",
                text(service, "arguments"));
        assertEquals(Wine.windowsPath(config.getParent()) + "\\", text(service, "workingdirectory"));
        // what the checks found, written down: a service does not see the installing user's environment
        List<String> env = children(service).stream().filter(e -> e.getTagName().equals("env"))
                .map(e -> e.getAttribute("name") + "=" + e.getAttribute("value")).toList();
        assertEquals(List.of("GSTREAMER_1_0_ROOT_MSVC_X86_64=" + Wine.windowsPath(gstreamerRoot),
                "DUALSTREAM_OPENCV_BIN=C:\\opencv\\bin"), env);
        assertEquals("Automatic", text(service, "startmode"));
        List<String> onFailure = children(service).stream().filter(e -> e.getTagName().equals("onfailure"))
                .map(e -> e.getAttribute("action") + " " + e.getAttribute("delay")).toList();
        assertEquals(List.of("restart 10 sec", "restart 10 sec", "restart 60 sec"), onFailure);
        assertEquals("1 day", text(service, "resetfailure"));
        assertEquals("30 sec", text(service, "stoptimeout"));
        assertEquals("true", text(service, "stopparentprocessfirst"));
        assertEquals("%BASE%\\logs", text(service, "logpath"));
        Element log = only(service, "log");
        assertEquals("roll-by-size", log.getAttribute("mode"));
        assertEquals("10240", text(log, "sizeThreshold"));
        assertEquals("8", text(log, "keepFiles"));

        // a second install of the same name is refused before anything is touched
        Wine.Result again = install(goodEnv());
        assertOneFailedLine(again, "[install-service]", "already holds service DualStream",
                "uninstall-service.cmd DualStream");
        assertEquals(3, calls("DualStream").size(), "WinSW not called again");
    }

    @Test
    void aUserAccountIsLeftToWinswToAskForItsPassword() throws Exception {
        Wine.Result result = install(goodEnv(), "Line-2", ".\\inspector");
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("type .\\inspector, then its password"), result.output());
        assertEquals(List.of("[version]", "[install] [/p]", "[start]"), calls("Line-2"));
        Element account = only(parse(xmlSeenAtInstall("Line-2")), "serviceaccount");
        assertEquals(List.of("domain", "user", "allowservicelogon"),
                children(account).stream().map(Element::getTagName).toList(), "no <password>");
        assertEquals(".", text(account, "domain"));
        assertEquals("inspector", text(account, "user"));
        assertEquals("true", text(account, "allowservicelogon"));

        Wine.Result builtIn = install(goodEnv(), "Line-3", "NT AUTHORITY\\LocalService");
        assertEquals(0, builtIn.exit(), builtIn.output());
        assertEquals(List.of("[version]", "[install]", "[start]"), calls("Line-3"));
        Element local = only(parse(xmlSeenAtInstall("Line-3")), "serviceaccount");
        assertEquals(List.of("domain", "user"), children(local).stream().map(Element::getTagName).toList());
        assertEquals("NT AUTHORITY", text(local, "domain"));
        assertEquals("LocalService", text(local, "user"));
    }

    @Test
    void uninstallStopsThenUninstallsAndKeepsTheLogs() throws Exception {
        assertEquals(0, install(goodEnv(), "Line-4").exit());
        Path folder = serviceFolder("Line-4");
        Files.writeString(folder.resolve("logs/Line-4.out.log"), "what the station printed\n");

        Wine.Result result = cmd(Map.of(), List.of(javaBin), "uninstall-service.cmd", "Line-4");
        assertEquals(0, result.exit(), result.output());
        assertEquals(List.of("[version]", "[install]", "[start]", "[stopwait]", "[uninstall]"), calls("Line-4"));
        assertFalse(Files.exists(folder.resolve("Line-4.exe")));
        assertFalse(Files.exists(folder.resolve("Line-4.xml")));
        assertTrue(Files.exists(folder.resolve("logs/Line-4.out.log")), "logs kept");
        assertTrue(result.output().contains("its logs stay in " + Wine.windowsPath(folder.resolve("logs"))),
                result.output());

        assertOneFailedLine(cmd(Map.of(), List.of(javaBin), "uninstall-service.cmd", "Line-4"),
                "[uninstall-service]", "no service Line-4 installed", "give the name used at install");
        // the folder is free again
        assertEquals(0, install(goodEnv(), "Line-4").exit());
    }

    @Test
    void everyBadInputIsOneLineWithTheFixAndInstallsNothing() throws Exception {
        String release = "https://github.com/winsw/winsw/releases/tag/v2.12.0";
        String cfg = "..\\station 1\\inspection.yaml";
        Path ampersand = Files.createDirectories(work.resolve("R&D 1"));
        Files.copy(config, ampersand.resolve("inspection.yaml"));
        record Case(String prefix, Map<String, String> env, List<Path> path, List<String> line, List<String> expected) {
        }
        List<Case> cases = List.of(
                new Case("[install-service]", goodEnv(), List.of(javaBin), List.of(),
                        List.of("no WinSW exe given", release)),
                new Case("[install-service]", goodEnv(), List.of(javaBin),
                        List.of(Wine.windowsPath(work.resolve("downloads/WinSW-x64-missing.exe")), cfg),
                        List.of("WinSW not found: " + Wine.windowsPath(work.resolve("downloads/WinSW-x64-missing.exe")),
                                "download WinSW-x64.exe from " + release)),
                new Case("[install-service]", goodEnv(), List.of(javaBin),
                        List.of(Wine.windowsPath(work.resolve("downloads")), cfg),
                        List.of("is a folder, not WinSW")),
                new Case("[install-service]", goodEnv(), List.of(javaBin),
                        List.of(Wine.windowsPath(winsw), "..\\station 1\\missing.yaml"),
                        List.of("config file not found: " + Wine.windowsPath(work.resolve("station 1/missing.yaml")))),
                new Case("[install-service]", goodEnv(), List.of(javaBin),
                        List.of(Wine.windowsPath(winsw), cfg, "Dual Stream"),
                        List.of("service name \"Dual Stream\" may hold only letters, digits, - and _")),
                new Case("[install-service]", goodEnv(), List.of(javaBin),
                        List.of(Wine.windowsPath(winsw), cfg, "DualStream-X", "a\\b\\c"),
                        List.of("account \"a\\b\\c\" is not DOMAIN\\user")),
                new Case("[dualstream]", goodEnv(), List.of(noJavaBin), List.of(Wine.windowsPath(winsw), cfg),
                        List.of("java not found on PATH", "Java 17 x64 runtime")),
                new Case("[dualstream]", goodEnv("JAVA_STAND_IN_VERSION", "11.0.22"), List.of(javaBin),
                        List.of(Wine.windowsPath(winsw), cfg), List.of("version 11.0.22, Java 17 or newer is needed")),
                new Case("[install-service]",
                        Map.of("GSTREAMER_1_0_ROOT_MSVC_X86_64", Wine.windowsPath(noJavaBin)), List.of(javaBin),
                        List.of(Wine.windowsPath(winsw), cfg),
                        List.of("GStreamer's MSVC x86_64 runtime not found",
                                "gstreamer-1.0-msvc-x86_64-<version>.msi")),
                new Case("[install-service]", goodEnv(), List.of(javaBin),
                        List.of(Wine.windowsPath(winsw), Wine.windowsPath(ampersand.resolve("inspection.yaml"))),
                        List.of("a path holds & or ^", "R&D 1")));
        for (Case c : cases) {
            List<String> line = new ArrayList<>(List.of("install-service.cmd"));
            line.addAll(c.line());
            Wine.Result result = cmd(c.env(), c.path(), line.toArray(String[]::new));
            assertEquals(1, result.output().strip().lines().count(), c + ":\n" + result.output());
            assertOneFailedLine(result, c.prefix(), c.expected().toArray(String[]::new));
        }
        assertFalse(Files.exists(scripts.resolve("service/DualStream-X")), "nothing written");
    }

    @Test
    void failuresAfterTheChecksUndoWhatTheyCan() throws Exception {
        Wine.Result badConfig = install(goodEnv("JAVA_STAND_IN_EXIT", "2"), "Bad-Config");
        assertOneFailedLine(badConfig, "[install-service]", "run --dry-run refused the config (exit 2",
                "--dry-run accepts it");
        assertFalse(Files.exists(serviceFolder("Bad-Config")), "nothing written");

        Wine.Result version3 = install(goodEnv("WINSW_STAND_IN_VERSION", "3.0.0-alpha.11"), "Version-3");
        assertOneFailedLine(version3, "[install-service]",
                "is not WinSW v2 (its version command says: 3.0.0-alpha.11)");
        assertEquals(List.of("[version]"), calls("Version-3"));
        assertFalse(Files.exists(serviceFolder("Version-3").resolve("Version-3.exe")));
        assertFalse(Files.exists(serviceFolder("Version-3").resolve("Version-3.xml")));

        Wine.Result installFails = install(goodEnv("WINSW_STAND_IN_FAIL", "install"), "Install-Fails");
        assertOneFailedLine(installFails, "[install-service]", "WinSW install ended with 1073",
                "Run as administrator");
        assertEquals(List.of("[version]", "[install]"), calls("Install-Fails"), "no start after a failed install");
        assertFalse(Files.exists(serviceFolder("Install-Fails").resolve("Install-Fails.xml")), "undone");

        Wine.Result startFails = install(goodEnv("WINSW_STAND_IN_FAIL", "start"), "Start-Fails");
        assertOneFailedLine(startFails, "[install-service]", "service Start-Fails is installed but did not start",
                "Start-Fails.wrapper.log");
        assertTrue(Files.exists(serviceFolder("Start-Fails").resolve("Start-Fails.xml")), "stays installed");
    }
}
