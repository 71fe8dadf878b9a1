package org.parallelworkbench.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The hand-written JSON codec: round trips of awkward strings, and rejection of broken text. */
class JsonTest {

    private static final List<String> AWKWARD = List.of("", "plain", "quote \" and backslash \\ and slash /",
            "line\nbreak\rreturn\ttab\bback\fform", "\u0000nul and \u001f unit separator and \u007f delete",
            "unicode: äöü € 日本語 \uD83D\uDE00 emoji", "lone high \uD800 surrogate", "lone low \uDC00 surrogate",
            "reversed pair \uDC00\uD800", "ends with high \uD83D", "line separators \u2028 \u2029",
            "json-looking {\"a\":[1,2]} and \\u0041", "   spaces around   ", "\\", "\"");

    @Test
    void awkwardStringsSurviveTheRoundTripOnOneLine() {
        for (String text : AWKWARD) {
            String encoded = Json.encode(text);
            assertEquals(text, Json.decode(encoded), "round trip of " + Arrays.toString(text.toCharArray()));
            assertFalse(encoded.contains("\n") || encoded.contains("\r"), "raw line break in " + encoded);
            String throughUtf8 = new String(encoded.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertEquals(text, Json.decode(throughUtf8), "UTF-8 round trip of " + encoded);
        }
    }

    @Test
    void objectsKeepTheirMembersAndOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z\"name", "last\nfirst");
        value.put("number", 42L);
        value.put("negative", -7L);
        value.put("fraction", 0.25);
        value.put("flag", true);
        value.put("nothing", null);
        value.put("nested", Map.of("k", "v"));
        value.put("array", List.of(1L, "two", List.of()));

        Object decoded = Json.decode(Json.encode(value));

        assertEquals(value, decoded);
        assertEquals(List.copyOf(value.keySet()), List.copyOf(((Map<?, ?>) decoded).keySet()));
    }

    @Test
    void decodesWhiteSpaceAndEscapesOtherWritersUse() {
        assertEquals(Map.of("a", "A/\u00e9", "b", List.of(1L, 2L)),
                Json.decode(" { \"a\" : \"\\u0041\\/\\u00E9\" ,\r\n\t\"b\":[ 1 , 2 ] } "));
        assertEquals(1.5e3, Json.decode("1.5E+3"));
    }

    @Test
    void rejectsBrokenText() {
        List<String> broken = List.of("", "{", "{\"a\":1", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "\"open", "\"bad \\x\"",
                "\"short \\u12\"", "\"raw \n break\"", "tru", "nul", "-", "1.2.3", "01x", "{} {}", "{\"a\":1,\"a\":2}",
                "{a:1}", "\u0000\u0000\u0000", "[".repeat(Json.MAX_DEPTH + 2));
        for (String text : broken) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.decode(text),
                    "accepted " + text);
            assertTrue(e.getMessage().startsWith("Bad JSON at character "), e.getMessage());
        }
    }

    @Test
    void refusesValuesJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Json.encode(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.encode(Double.NaN));
    }
}
