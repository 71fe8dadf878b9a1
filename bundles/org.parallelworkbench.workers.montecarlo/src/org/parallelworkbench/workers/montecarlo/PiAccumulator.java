package org.parallelworkbench.workers.montecarlo;

import java.util.ArrayList;
import java.util.List;

import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitResult;

/**
 * Sums the units' {@code hits/samples} and streams the running estimate of π as a series (x = samples so
 * far, y = estimate). The points follow completion order, but the last one is 4 · hits / samples over whole
 * sums, so the final estimate is the same in any order. Confined to the engine's accumulator thread.
 */
final class PiAccumulator implements ResultAccumulator {

    static final String SERIES_NAME = "π estimate";
    private static final char SEPARATOR = '/';

    private long hits;
    private long samples;
    private final List<ResultValue.Point> points = new ArrayList<>();

    static String format(long hits, long samples) {
        return Long.toString(hits) + SEPARATOR + samples;
    }

    /** @throws IllegalArgumentException if the value is not {@code hits/samples} with 0 ≤ hits ≤ samples */
    @Override
    public void accept(UnitResult result) {
        String value = result.value();
        int separator = value.indexOf(SEPARATOR);
        long unitHits;
        long unitSamples;
        try {
            unitHits = Long.parseLong(value.substring(0, Math.max(separator, 0)));
            unitSamples = Long.parseLong(value.substring(separator + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Unit " + result.unitIndex() + " gave '" + value + "', not hits/samples", e);
        }
        if (unitHits < 0 || unitHits > unitSamples) {
            throw new IllegalArgumentException("Unit " + result.unitIndex() + " gave '" + value + "': hits out of range");
        }
        hits += unitHits;
        samples += unitSamples;
        points.add(new ResultValue.Point(samples, estimate()));
    }

    /** 4 · hits / samples over all units so far; NaN before the first. */
    double estimate() {
        return 4.0 * hits / samples;
    }

    @Override
    public ResultValue.Series snapshot() {
        return new ResultValue.Series(SERIES_NAME, "samples", "estimate of π", points);
    }
}
