package io.dualstream.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtspUrlTest {

    @Test
    void plainUrlWithoutCredentials() {
        RtspUrl u = RtspUrl.parse("rtsp://192.0.2.10:554/main");
        assertEquals("rtsp", u.scheme());
        assertEquals("192.0.2.10", u.host());
        assertEquals(OptionalInt.of(554), u.port());
        assertEquals(Optional.empty(), u.user());
        assertEquals(Optional.empty(), u.password());
        assertFalse(u.hasCredentials());
        assertEquals("rtsp://192.0.2.10:554/main", u.withoutCredentials());
        assertEquals("rtsp://192.0.2.10:554/main", u.masked());
        assertEquals("rtsp://192.0.2.10:554/main", u.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"p@ss", "a:b:c", "with/slash", "bang!", "it's", "say \"hi\"",
            "two  spaces ", "100%", "%'x", "%4", "%G1", "50%", "p@ss:/!'\" x\\ y", "\\", "\"", "NULL", "",
            "pässwörd€😀", "@@@", "://"})
    void passwordsRoundTripVerbatim(String password) {
        RtspUrl u = RtspUrl.parse("rtsp://admin:" + password + "@cam.example:8554/Streaming/101");
        assertEquals(Optional.of("admin"), u.user());
        assertEquals(Optional.of(password), u.password());
        assertEquals("cam.example", u.host());
        assertEquals(OptionalInt.of(8554), u.port());
        assertEquals("rtsp://cam.example:8554/Streaming/101", u.withoutCredentials());
        assertEquals("rtsp://admin:***@cam.example:8554/Streaming/101", u.masked());
        assertEquals(u.masked(), u.toString());
        if (password.length() >= 4) { // shorter ones ("://", "@@@") occur in any masked URL
            assertFalse(u.masked().contains(password));
            assertFalse(u.toString().contains(password));
        }
    }

    @Test
    void userEndsAtTheFirstColonAndMayContainAt() {
        RtspUrl u = RtspUrl.parse("rtsp://me@corp:pw:x@host/p");
        assertEquals(Optional.of("me@corp"), u.user());
        assertEquals(Optional.of("pw:x"), u.password());
        assertEquals("rtsp://me@corp:***@host/p", u.masked());
    }

    @Test
    void userWithoutPassword() {
        RtspUrl u = RtspUrl.parse("rtsp://viewer@host/p");
        assertEquals(Optional.of("viewer"), u.user());
        assertEquals(Optional.empty(), u.password());
        assertEquals("rtsp://viewer@host/p", u.masked());
    }

    @Test
    void emptyUserInfoMeansNoCredentials() {
        RtspUrl u = RtspUrl.parse("rtsp://@host/p");
        assertFalse(u.hasCredentials());
        assertEquals("rtsp://host/p", u.withoutCredentials());
    }

    @Test
    void userAndPasswordArePercentDecodedButNotThePath() {
        // The verified rtspsrc case: this password authenticates as p@ss:w/rd!%'x.
        RtspUrl u = RtspUrl.parse("rtsp://a%20b:p%40ss%3Aw%2Frd%21%25%27x@host/pa%20th");
        assertEquals(Optional.of("a b"), u.user());
        assertEquals(Optional.of("p@ss:w/rd!%'x"), u.password());
        assertEquals("rtsp://host/pa%20th", u.withoutCredentials());
        assertEquals("rtsp://a%20b:***@host/pa%20th", u.masked());
    }

    @Test
    void decodingIsUtf8AndTakesBothCases() {
        assertEquals(Optional.of("päss€"), RtspUrl.parse("rtsp://u:p%C3%A4ss%e2%82%ac@h/").password());
        assertEquals(Optional.of("ä"), RtspUrl.parse("rtsp://u:ä@h/").password());
    }

    @Test
    void anEncodedColonBelongsToTheUserAndRawAndEncodedMix() {
        RtspUrl u = RtspUrl.parse("rtsp://me%3Ayou:p@ss%40x@h/p");
        assertEquals(Optional.of("me:you"), u.user());
        assertEquals(Optional.of("p@ss@x"), u.password());
        assertEquals("rtsp://me%3Ayou:***@h/p", u.masked());
    }

    @ParameterizedTest
    @ValueSource(strings = {"100%:100%", "%'x:%'x", "%4:%4", "a%4:a%4", "%G1:%G1", "%%41:%A", "50%%:50%%",
            "%25:%", "%2541:%41", "%١٢:%١٢"})
    void aPercentWithoutTwoHexDigitsStaysLiteral(String typedAndMeant) {
        int split = typedAndMeant.lastIndexOf(':');
        RtspUrl u = RtspUrl.parse("rtsp://admin:" + typedAndMeant.substring(0, split) + "@h/x");
        assertEquals(Optional.of(typedAndMeant.substring(split + 1)), u.password());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sup3r%FFTail", "Sup3r%C3Tail", "Sup3r%0ATail", "Sup3r%00Tail", "Sup3r%7FTail",
            "Sup3r%ED%A0%80Tail"})
    void encodedBytesThatAreNotUtf8TextAreRefusedWithoutEchoingThePassword(String password) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtspUrl.parse("rtsp://admin:" + password + "@host/main"));
        assertFalse(e.getMessage().contains("Sup3r"), e.getMessage());
        assertFalse(e.getMessage().contains("Tail"), e.getMessage());
        assertTrue(e.getMessage().contains("password") && e.getMessage().contains("%25"), e.getMessage());
        IllegalArgumentException user = assertThrows(IllegalArgumentException.class,
                () -> RtspUrl.parse("rtsp://" + password + ":pw@host/main"));
        assertTrue(user.getMessage().contains("user name"), user.getMessage());
    }

    @Test
    void maskingHidesTheDecodedAndTheTypedPassword() {
        RtspUrl u = RtspUrl.parse("rtsp://admin:Sec%40ret%2F1@host/x");
        assertEquals(Optional.of("Sec@ret/1"), u.password());
        for (String shown : new String[] {u.masked(), u.toString()}) {
            assertEquals("rtsp://admin:***@host/x", shown);
            assertFalse(shown.contains("Sec"), shown);
        }
    }

    @Test
    void encodedAndRawFormsOfOnePasswordAreEqual() {
        assertEquals(RtspUrl.parse("rtsp://a:p%40ss@h/x"), RtspUrl.parse("rtsp://a:p@ss@h/x"));
    }

    @Test
    void credentialsGivenApartAreNotDecoded() {
        RtspUrl u = RtspUrl.parse("rtsp://host/x").withCredentials("a%20b", "p%40ss");
        assertEquals(Optional.of("a%20b"), u.user());
        assertEquals(Optional.of("p%40ss"), u.password());
        assertEquals(6, u.password().orElseThrow().length());
        assertEquals("rtsp://a%20b:***@host/x", u.masked());
    }

    @Test
    void schemeIsCaseInsensitiveAndRtspsIsAccepted() {
        assertEquals("rtsps://h:322/x", RtspUrl.parse("RTSPS://h:322/x").withoutCredentials());
        assertEquals("rtsp", RtspUrl.parse("Rtsp://h").scheme());
    }

    @Test
    void hostForms() {
        assertEquals("cam", RtspUrl.parse("rtsp://cam").host());
        assertEquals(OptionalInt.empty(), RtspUrl.parse("rtsp://cam/").port());
        RtspUrl v6 = RtspUrl.parse("rtsp://u:p@[2001:db8::1]:554/s");
        assertEquals("[2001:db8::1]", v6.host());
        assertEquals(OptionalInt.of(554), v6.port());
        assertEquals("rtsp://[2001:db8::1]:554/s", v6.withoutCredentials());
        RtspUrl query = RtspUrl.parse("rtsp://u:p@10.0.0.2:554?channel=1&subtype=0");
        assertEquals("10.0.0.2", query.host());
        assertEquals("rtsp://10.0.0.2:554?channel=1&subtype=0", query.withoutCredentials());
    }

    @Test
    void surroundingSpacesAreIgnored() {
        assertEquals("rtsp://h/x", RtspUrl.parse("  rtsp://h/x ").withoutCredentials());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r", "\t", "\0", "\u0007", "\u007f", "\u0085"})
    void controlCharactersInThePasswordAreRefusedWithoutEchoingIt(String control) {
        String secret = "Sup3rSecret" + control + "Tail";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtspUrl.parse("rtsp://admin:" + secret + "@host/main"));
        assertFalse(e.getMessage().contains("Sup3rSecret"), e.getMessage());
        assertFalse(e.getMessage().contains("Tail"), e.getMessage());
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
        assertTrue(e.getMessage().contains("user name or password"), e.getMessage());
    }

    @Test
    void controlCharacterMessageNamesTheCharacter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtspUrl.parse("rtsp://host/main\n"));
        assertTrue(e.getMessage().contains("U+000A (line feed) in its address"), e.getMessage());
    }

    @Test
    void unpairedSurrogateIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtspUrl.parse("rtsp://a:Secret\ud800x@host/"));
        assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
    }

    @Test
    void nullAndBlankAreRefused() {
        assertEquals("RTSP URL must not be null",
                assertThrows(IllegalArgumentException.class, () -> RtspUrl.parse(null))
                        .getMessage());
        assertEquals("RTSP URL must not be blank",
                assertThrows(IllegalArgumentException.class, () -> RtspUrl.parse("   "))
                        .getMessage());
    }

    @Test
    void otherSchemesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtspUrl.parse("http://admin:Secret@host/"));
        assertEquals("RTSP URL scheme must be rtsp or rtsps, got 'http' scheme", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RtspUrl.parse("rtspt://host/"));
        assertThrows(IllegalArgumentException.class, () -> RtspUrl.parse("host/main"));
    }

    @Test
    void aSchemeThatIsReallyAPasswordIsNotEchoed() {
        // User forgot the scheme, and the password happens to contain "://".
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtspUrl.parse("admin:Se!cret://x@host/"));
        assertFalse(e.getMessage().contains("Se!cret"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtsp://", "rtsp:///main", "rtsp://user:pw@/main", "rtsp://:554/x",
            "rtsp://[]/x"})
    void missingHostIsRefused(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtspUrl.parse(url));
        assertTrue(e.getMessage().startsWith("RTSP URL has no host"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtsp://h:0/", "rtsp://h:65536/", "rtsp://h:/", "rtsp://h:http/",
            "rtsp://admin:Secret host/"})
    void badPortsAreRefusedWithoutEcho(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtspUrl.parse(url));
        assertTrue(e.getMessage().contains("port must be a number from 1 to 65535"),
                e.getMessage());
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
    }

    @Test
    void badHostsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RtspUrl.parse("rtsp://ho st/"));
        assertThrows(IllegalArgumentException.class, () -> RtspUrl.parse("rtsp://ho\"st/"));
        assertThrows(IllegalArgumentException.class, () -> RtspUrl.parse("rtsp://[::1/"));
        assertThrows(IllegalArgumentException.class, () -> RtspUrl.parse("rtsp://[::1]x/"));
    }

    @Test
    void withCredentialsReplacesThem() {
        RtspUrl u = RtspUrl.parse("rtsp://old:pw@host:554/x").withCredentials("new", "p@ss/\"");
        assertEquals(Optional.of("new"), u.user());
        assertEquals(Optional.of("p@ss/\""), u.password());
        assertEquals("rtsp://new:***@host:554/x", u.masked());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> u.withCredentials("a", "Secret\n"));
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
    }

    @Test
    void equalityIsByValue() {
        assertEquals(RtspUrl.parse("rtsp://a:b@h/x"), RtspUrl.parse("RTSP://a:b@h/x"));
        assertEquals(RtspUrl.parse("rtsp://a:b@h/x").hashCode(),
                RtspUrl.parse("rtsp://a:b@h/x").hashCode());
        assertNotEquals(RtspUrl.parse("rtsp://a:b@h/x"), RtspUrl.parse("rtsp://a:c@h/x"));
    }
}
