package org.parallelworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ParameterDescriptorTest {

    private static final List<ParameterDescriptor> PRIMES = List.of(
            ParameterDescriptor.integer("limit", "Count primes below", 1_000_000, 2, 2_000_000_000).withUnit("numbers"),
            ParameterDescriptor.decimal("ratio", "Ratio", 0.5, 0, 1),
            ParameterDescriptor.bool("verbose", "Verbose", false),
            ParameterDescriptor.choice("mode", "Mode", "fast", List.of("fast", "exact")));

    @Test
    void everyProblemIsReportedAtOnceEachTiedToItsParameter() {
        Parameters bad = new Parameters(Map.of("limit", "1", "ratio", "x", "verbose", "yes", "mode", "slow", "colour", "red"));

        List<ParameterProblem> problems = ParameterDescriptor.validate(PRIMES, bad);

        assertEquals(List.of("limit", "ratio", "verbose", "mode", "colour"),
                problems.stream().map(ParameterProblem::parameter).toList());
        assertEquals("must be between 2 and 2000000000 numbers, not 1", problems.get(0).message());
        assertEquals("must be a number, not 'x'", problems.get(1).message());
        assertEquals("must be true or false, not 'yes'", problems.get(2).message());
        assertEquals("must be one of fast, exact, not 'slow'", problems.get(3).message());
        assertEquals("unknown parameter; known: limit, ratio, verbose, mode", problems.get(4).message());
    }

    @Test
    void validValuesAndAbsentOnesPassAndDefaultsFillTheGaps() {
        Parameters given = new Parameters(Map.of("limit", "100", "ratio", "1.0"));

        assertTrue(ParameterDescriptor.validate(PRIMES, given).isEmpty());
        assertEquals(Map.of("limit", "100", "ratio", "1.0", "verbose", "false", "mode", "fast"),
                ParameterDescriptor.withDefaults(PRIMES, given).values());
    }

    @Test
    void wholeNumbersAcceptExactlyWhatParametersGetLongReads() {
        ParameterDescriptor n = PRIMES.get(0);
        assertEquals(Optional.of("must be a whole number, not '10.5'"), n.problemWith("10.5"));
        assertEquals(Optional.of("must be a whole number, not '10.0'"), n.problemWith("10.0"));
        assertEquals(Optional.of("must be a whole number, not '1e3'"), n.problemWith("1e3"));
        assertEquals(Optional.empty(), n.problemWith("1000"));
        assertEquals(1000, new Parameters(java.util.Map.of("limit", "1000")).getLong("limit", 0));
    }

    @Test
    void descriptorsWithAnInvalidDefaultOrNoChoicesCannotBeMade() {
        assertThrows(IllegalArgumentException.class, () -> ParameterDescriptor.integer("n", "n", 0, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> ParameterDescriptor.choice("c", "c", "a", List.of()));
        assertThrows(IllegalArgumentException.class, () -> ParameterDescriptor.text("1st", "x", ""));
    }

    @Test
    void aProviderCannotDeclareAParameterTwice() {
        ParameterDescriptor n = PRIMES.get(0);
        assertThrows(IllegalArgumentException.class, () -> new ProviderInfo("p", "P", "", "1", List.of(n, n)));
    }

    @Test
    void invalidParametersExceptionListsEveryProblem() {
        InvalidParametersException e = new InvalidParametersException("primes",
                List.of(new ParameterProblem("limit", "too small"), new ParameterProblem("mode", "unknown")));

        assertEquals("Invalid parameters for 'primes': limit: too small; mode: unknown", e.getMessage());
        assertEquals(2, e.problems().size());
    }
}
