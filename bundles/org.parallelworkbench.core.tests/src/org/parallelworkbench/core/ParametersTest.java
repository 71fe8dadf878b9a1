package org.parallelworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void parsesCommandLinePairsTrimmingAroundTheFirstEquals() {
        Parameters parameters = Parameters.parse(List.of("n = 100", "label=a=b"));

        assertEquals(Map.of("n", "100", "label", "a=b"), parameters.values());
    }

    @Test
    void aPairWithoutNameOrEqualsIsRejectedNamingIt() {
        IllegalArgumentException noEquals = assertThrows(IllegalArgumentException.class, () -> Parameters.parse(List.of("n100")));
        assertTrue(noEquals.getMessage().contains("'n100'"), noEquals.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Parameters.parse(List.of("=5")));
    }

    @Test
    void wholeNumbersFallBackToTheDefaultWhenAbsentAndNameTheParameterWhenMalformed() {
        Parameters parameters = new Parameters(Map.of("n", "12", "bad", "1.5"));

        assertEquals(12, parameters.getLong("n", 0));
        assertEquals(7, parameters.getLong("missing", 7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parameters.getLong("bad", 0));
        assertEquals("Parameter 'bad' must be a whole number, not '1.5'", e.getMessage());
    }

    @Test
    void isImmutableAndIndependentOfTheMapItWasMadeFrom() {
        Map<String, String> source = new HashMap<>(Map.of("a", "1"));
        Parameters parameters = new Parameters(source);
        source.put("a", "2");

        assertEquals("1", parameters.get("a", null));
        assertThrows(UnsupportedOperationException.class, () -> parameters.values().put("b", "3"));
        assertEquals("3", parameters.with("b", "3").get("b", null));
        assertEquals(null, parameters.get("b", null), "with() must not change the original");
    }
}
