package org.parallelworkbench.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonToken;

/** The journal's JSON through Jackson: round trips of awkward strings, the bytes written, broken text refused. */
class JournalJsonTest {

    private static final List<String> AWKWARD = List.of("", "plain", "quote \" and backslash \\ and slash /",
            "line\nbreak\rreturn\ttab\bback\fform", "\u0000nul and \u001f unit separator and \u007f delete",
            "unicode: äöü € 日本語 \uD83D\uDE00 emoji", "lone high \uD800 surrogate", "lone low \uDC00 surrogate",
            "reversed pair \uDC00\uD800", "ends with high \uD83D", "\uDC00starts low", "line separators \u2028 \u2029",
            "json-looking {\"a\":[1,2]} and \\u0041", "   spaces around   ", "\\", "\"");

    @Test
    void awkwardStringsSurviveTheRoundTripThroughUtf8OnOneLine() {
        for (String text : AWKWARD) {
            String encoded = JournalJson.encode(Map.of("s", text));
            String throughUtf8 = new String(encoded.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertEquals(Map.of("s", text), JournalJson.decode(throughUtf8), "round trip of " + Arrays.toString(text.toCharArray()));
            assertFalse(encoded.matches("(?s).*[\n\r\u2028\u2029].*"), "raw line break in " + encoded);
        }
    }

    @Test
    void writesWhatTheHandWrittenCodecWrote() {
        // Lower-case hex, a pair as UTF-8, a lone surrogate and the line separators as escapes, '/' as it is.
        assertEquals("{\"s\":\"\\u0001\\b\\f\\n/ \uD83D\uDE00 \\ud800 \\u2028\\u2029 \u00e4\",\"n\":-7}",
                JournalJson.encode(ordered("s", "\u0001\b\f\n/ \uD83D\uDE00 \uD800 \u2028\u2029 \u00e4", "n", -7L)));
    }

    @Test
    void objectsKeepTheirMembersAndOrder() {
        Map<String, Object> value = ordered("z\"name", "last\nfirst", "seq", 42L, "big", 1L << 40, "nested",
                ordered("k", "v", "a", ""));

        Map<?, ?> decoded = JournalJson.decode(JournalJson.encode(value));

        assertEquals(List.copyOf(value.keySet()), List.copyOf(decoded.keySet()));
        assertEquals("last\nfirst", decoded.get("z\"name"));
        assertEquals(42, decoded.get("seq"), "a small whole number reads as an Integer");
        assertEquals(1L << 40, decoded.get("big"));
        assertEquals(List.of("k", "a"), List.copyOf(((Map<?, ?>) decoded.get("nested")).keySet()));
    }

    @Test
    void decodesWhiteSpaceAndEscapesOtherWritersUse() {
        assertEquals(Map.of("a", "A/\u00e9", "b", Map.of("c", 1)),
                JournalJson.decode(" { \"a\" : \"\\u0041\\/\\u00E9\" ,\r\n\t\"b\":{ \"c\" : 1 } } "));
    }

    @Test
    void readsValuesNoMemberHoldsAsTheirKindSoThatNoneIsTakenForAnother() {
        Map<String, Object> decoded = JournalJson.decode(
                "{\"array\":[1,[2],{\"x\":3}],\"fraction\":7.0,\"flag\":true,\"nothing\":null,\"huge\":123456789012345678901,\"after\":\"x\"}");

        assertEquals(JsonToken.START_ARRAY, decoded.get("array"));
        assertEquals(JsonToken.VALUE_NUMBER_FLOAT, decoded.get("fraction"));
        assertEquals(JsonToken.VALUE_TRUE, decoded.get("flag"));
        assertTrue(decoded.containsKey("nothing") && decoded.get("nothing") == null, decoded::toString);
        assertEquals(new BigInteger("123456789012345678901"), decoded.get("huge"));
        assertEquals("x", decoded.get("after"), "the array was skipped to its end");
    }

    @Test
    void refusesBrokenTextOnOneLine() {
        List<String> broken = List.of("", "{", "{\"a\":1", "{\"a\" 1}", "{\"a\":1,}", "\"open", "{\"a\":\"bad \\x\"}",
                "{\"a\":\"short \\u12\"}", "{\"a\":\"raw \n break\"}", "tru", "nul", "-", "1.2.3", "01x", "{} {}", "{}x",
                "{\"a\":1,\"a\":2}", "{a:1}", "{\"a\":NaN}", "{\"a\":1} // comment", "\u0000\u0000\u0000", "[1,2]",
                "\"text\"", "{\"a\":".repeat(1_001) + "1" + "}".repeat(1_001)); // deeper than Jackson's limit of 1,000
        for (String text : broken) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JournalJson.decode(text),
                    "accepted " + text);
            assertTrue(e.getMessage().startsWith("Bad JSON") || e.getMessage().equals("not a JSON object"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "a warning takes one line: " + e.getMessage());
        }
    }

    @Test
    void sayWhereTheTextGoesWrong() {
        assertEquals("Bad JSON at character 3: unexpected text after the object",
                assertThrows(IllegalArgumentException.class, () -> JournalJson.decode("{} {}")).getMessage());
        assertEquals("Bad JSON at character 10: Duplicate field 'a'",
                assertThrows(IllegalArgumentException.class, () -> JournalJson.decode("{\"a\":1,\"a\":2}")).getMessage());
    }

    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
