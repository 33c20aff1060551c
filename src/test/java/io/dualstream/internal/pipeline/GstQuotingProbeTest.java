package io.dualstream.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves with real GStreamer ({@code Gst.parse_launch} through {@code gst_parse_probe.py}) that a
 * rendered pipeline has exactly the intended elements and that rtspsrc reads back the location,
 * user and password byte for byte, whatever the user typed. Nothing is played: no network is
 * touched.
 */
class GstQuotingProbeTest {

    private static Decoder decoder;
    private static List<String> expectedElements;

    @BeforeAll
    static void realGStreamer() {
        GstParseProbe.assumeAvailable();
        RealGStreamer.assumeGstInspect();
        // nvh265dec where this machine has it, else avdec_h265: parse_launch needs it to exist.
        decoder = new DecoderSelector(new GstInspectRegistry())
                .select(Codec.H265, DecoderPreference.AUTO);
        expectedElements = List.of("rtspsrc", "rtph265depay", "h265parse", decoder.element(),
                "queue", "videoconvert", "capsfilter", "appsink");
    }

    private static final String INJECTING_PATH =
            "rtsp://cam.local/a\" ! identity name=evil ! queue name=\"x";

    static Stream<Arguments> hostileUrls() {
        return Stream.of(
                // url typed by the user, expected location, user, password
                Arguments.of("rtsp://admin:p@ss:/!'\" x\\ y@192.0.2.10:554/main",
                        "rtsp://192.0.2.10:554/main", "admin", "p@ss:/!'\" x\\ y"),
                Arguments.of("rtsp://cam.local/a\" ! fakesink name=evil location=\"b",
                        "rtsp://cam.local/a\" ! fakesink name=evil location=\"b", null, null),
                Arguments.of(INJECTING_PATH, INJECTING_PATH, null, null),
                Arguments.of("rtsp://u:p\\@cam/a\\\" ! identity name=evil ! queue name=\"x\\",
                        "rtsp://cam/a\\\" ! identity name=evil ! queue name=\"x\\", "u", "p\\"),
                Arguments.of("rtsp://u:x\" ! fakesink name=evil2 user-pw=\"y@cam/main",
                        "rtsp://cam/main", "u", "x\" ! fakesink name=evil2 user-pw=\"y"),
                Arguments.of("rtsp://u:ends with backslash\\@cam/path\\",
                        "rtsp://cam/path\\", "u", "ends with backslash\\"),
                Arguments.of("rtsp://u:\\\"@cam/", "rtsp://cam/", "u", "\\\""),
                Arguments.of("rtsp://u:\"quoted\"@cam/", "rtsp://cam/", "u", "\"quoted\""),
                Arguments.of("rtsp://u:\"@cam/", "rtsp://cam/", "u", "\""),
                Arguments.of("rtsp://u:\"\"@cam/", "rtsp://cam/", "u", "\"\""),
                Arguments.of("rtsp://u:\"only-leading@cam/", "rtsp://cam/", "u", "\"only-leading"),
                Arguments.of("rtsp://u:\"ü ! x\\\"@cam/", "rtsp://cam/", "u", "\"ü ! x\\\""),
                Arguments.of("rtsp://u:NULL@cam/", "rtsp://cam/", "u", "NULL"),
                Arguments.of("rtsp://NULL:null@cam/", "rtsp://cam/", "NULL", "null"),
                Arguments.of("rtsp://u:@cam/", "rtsp://cam/", "u", ""),
                Arguments.of("rtsp://\"us er\":p@cam/", "rtsp://cam/", "\"us er\"", "p"),
                Arguments.of("rtsp://u:pässwörd€😀 %2541%@cam/", "rtsp://cam/", "u",
                        "pässwörd€😀 %41%"),
                Arguments.of("rtsp://u%20x:p%40ss%3Aw%2Frd%21%25%27x%22@cam/", "rtsp://cam/", "u x",
                        "p@ss:w/rd!%'x\""),
                Arguments.of("rtsp://u:a=b,c;d{e}[f]<g>|h^`~#$&*()@cam/", "rtsp://cam/", "u",
                        "a=b,c;d{e}[f]<g>|h^`~#$&*()"),
                Arguments.of("rtsp://u:\\\\\\@cam/x", "rtsp://cam/x", "u", "\\\\\\"),
                Arguments.of("rtsp://u:p@[2001:db8::1]:554/s?ch=1&sub=0 ! x",
                        "rtsp://[2001:db8::1]:554/s?ch=1&sub=0 ! x", "u", "p"));
    }

    @ParameterizedTest
    @MethodSource("hostileUrls")
    void gstreamerReadsBackExactlyWhatWasTyped(String typed, String location, String user,
            String password) {
        StreamPipeline p = PipelineRenderer.renderWith(spec(typed), decoder);

        GstParseProbe.Report real = GstParseProbe.parse(p.pipeline());
        assertEquals(expectedElements, real.elements());
        assertFalse(real.names().stream().anyMatch(n -> n.startsWith("evil")), real.toString());
        assertEquals(location, real.property("rtspsrc", "location"));
        assertEquals(user, real.property("rtspsrc", "user-id"));
        assertEquals(password, real.property("rtspsrc", "user-pw"));

        GstParseProbe.Report masked = GstParseProbe.parse(p.maskedPipeline());
        assertEquals(expectedElements, masked.elements());
        assertEquals(location, masked.property("rtspsrc", "location"));
        assertEquals(user, masked.property("rtspsrc", "user-id"));
        assertEquals(password == null ? null : "***", masked.property("rtspsrc", "user-pw"));
    }

    /**
     * Many random hostile credentials and paths, rendered by the renderer and parsed in one
     * gst_parse call (one chain per URL): every chain must come back whole and every value
     * byte for byte. Seeded, so a failure repeats.
     */
    @Test
    void randomHostileValuesRoundTrip() {
        Random random = new Random(Long.getLong("dualstream.test.seed", 20240611L));
        int[] alphabet = ("\"\\ !@:/'=,;.aZ9é€%#?{}$&|<>^`~" + "😀").codePoints().toArray();
        List<String[]> cases = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String user = randomText(random, alphabet, 1, 8).replace(":", "");
            String password = random.nextInt(20) == 0 ? "NULL" : randomText(random, alphabet, 0, 14);
            String path = "/" + randomText(random, alphabet, 0, 14).replace("@", "");
            String shownUser = user.isEmpty() ? "u" : user;
            // A literal % is typed as %25: RtspUrl percent-decodes user and password.
            String typed = "rtsp://" + shownUser.replace("%", "%25") + ":" + password.replace("%", "%25")
                    + "@cam" + path;
            RtspUrl url = RtspUrl.parse(typed);
            assertEquals(shownUser, url.user().get());
            assertEquals(password, url.password().get());
            // RtspUrl ignores spaces at the end of what was typed, i.e. of the path.
            String location = ("rtsp://cam" + path).replaceAll(" +$", "");
            assertEquals(location, url.withoutCredentials());
            cases.add(new String[] {location, shownUser, password});
            all.append(PipelineRenderer.renderWith(spec(typed), decoder).pipeline()).append('\n');
        }
        GstParseProbe.Report real = GstParseProbe.parse(all.toString().replace('\n', ' '));
        List<String> expected = new ArrayList<>();
        cases.forEach(c -> expected.addAll(expectedElements));
        assertEquals(expected, real.elements());
        for (int i = 0; i < cases.size(); i++) {
            String[] c = cases.get(i);
            String name = "rtspsrc" + i;
            assertEquals(c[0], real.propertyOf(name, "location"), name + " location");
            assertEquals(c[1], real.propertyOf(name, "user-id"), name + " user-id");
            assertEquals(c[2], real.propertyOf(name, "user-pw"), name + " user-pw");
        }
    }

    private static String randomText(Random random, int[] alphabet, int min, int max) {
        StringBuilder s = new StringBuilder();
        int n = min + random.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            s.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return s.toString();
    }

    @Test
    void otherPropertiesReachTheElements() {
        StreamSpec spec = spec("rtsp://cam/x").newBuilder().latencyMillis(123)
                .transport(Transport.UDP).outputFormat(OutputFormat.NV12)
                .queueOptions(QueueOptions.builder().maxSizeBuffers(2).build())
                .appSinkOptions(AppSinkOptions.builder().maxBuffers(3).build()).build();
        GstParseProbe.Report real = GstParseProbe.parse(
                PipelineRenderer.renderWith(spec, decoder).pipeline());
        assertEquals("udp", real.property("rtspsrc", "protocols"));
        assertEquals(123L, real.property("rtspsrc", "latency"));
        assertEquals(2L, real.property("queue", "max-size-buffers"));
        assertEquals("downstream", real.property("queue", "leaky"));
        assertEquals("video/x-raw, format=(string)NV12", real.property("capsfilter", "caps"));
        assertEquals(true, real.property("appsink", "drop"));
        assertEquals(3L, real.property("appsink", "max-buffers"));
        assertEquals(false, real.property("appsink", "sync"));
    }

    @Test
    void theArticleStringParses() {
        String article = PipelineRenderer.renderWith(
                ArticlePipeline.spec(RtspUrl.parse("rtsp://192.0.2.10:554/main")),
                new Decoder(Codec.H265, DecoderBackend.NVDEC)).pipeline();
        // nvh265dec exists only with an NVIDIA driver; the rest of the string must parse anyway.
        String here = article.replace("nvh265dec", decoder.element());
        GstParseProbe.Report real = GstParseProbe.parse(here);
        assertNull(real.error());
        assertEquals(expectedElements, real.elements());
        assertEquals(0L, real.property("rtspsrc", "latency"));
    }

    @Test
    void theProbeReallyCatchesAnInjection() {
        // Control: the hostile path of hostileUrls(), pasted between quotes without escaping,
        // does add elements; so the element-list assertion above would notice one.
        String naive = "rtspsrc location=\"" + INJECTING_PATH + "\" ! rtph265depay ! fakesink";
        GstParseProbe.Report r = GstParseProbe.parse(naive);
        assertEquals(List.of("rtspsrc", "identity", "queue", "rtph265depay", "fakesink"),
                r.elements());
        assertEquals("evil", r.names().get(1));
    }

    private static StreamSpec spec(String url) {
        return StreamSpec.builder().url(url).codec(Codec.H265).build();
    }
}
