package org.parallelworkbench.core;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Combines unit results into the run's result as they arrive, so that a long run shows its result
 * growing (a chart, an image filling in) and the final result needs no second pass.
 * <p>
 * The engine creates one per run and calls it from one thread at a time: {@link #accept} once for each
 * completed unit, in completion order (not index order), and {@link #snapshot} whenever it publishes the
 * result, a few times a second at most and once at the end.
 */
@ConsumerType
public interface ResultAccumulator {

    void accept(UnitResult result);

    /** The result so far; must not share mutable state with the accumulator. */
    ResultValue snapshot();

    /** The default: the latest unit result's value, as text. */
    static ResultAccumulator latestValue() {
        return new ResultAccumulator() {
            private String latest = "";

            @Override
            public void accept(UnitResult result) {
                latest = result.value();
            }

            @Override
            public ResultValue snapshot() {
                return new ResultValue.Scalar(latest);
            }
        };
    }
}
