package org.parallelworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ResultValueTest {

    @Test
    void eachKindSummarisesItselfInOneLine() {
        assertEquals("42", new ResultValue.Scalar("42").summary());
        assertEquals("pi = 3.14", new ResultValue.Series("pi", "samples", "estimate",
                List.of(new ResultValue.Point(1, 3.0), new ResultValue.Point(2, 3.14))).summary());
        assertEquals("1 row", new ResultValue.Table(List.of("a"), List.of(List.of("1"))).summary());
        assertEquals("2\u00d71 image", new ResultValue.Image(2, 1, new int[2]).summary());
    }

    @Test
    void malformedTablesAndImagesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ResultValue.Table(List.of("a", "b"), List.of(List.of("1"))));
        assertThrows(IllegalArgumentException.class, () -> new ResultValue.Image(2, 2, new int[3]));
    }

    @Test
    void theDefaultAccumulatorShowsTheLatestValue() {
        ResultAccumulator accumulator = ResultAccumulator.latestValue();
        accumulator.accept(new UnitResult(1, "b"));
        accumulator.accept(new UnitResult(0, "a"));
        assertEquals(new ResultValue.Scalar("a"), accumulator.snapshot());
    }
}
