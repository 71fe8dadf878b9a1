package org.parallelworkbench.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a run ended, also when it was cancelled or failed.
 * <p>
 * {@code results} holds, in unit order, every completed unit's result for a finite plan
 * ({@link WorkPlan.Finite}), but for an open-ended plan ({@link WorkPlan.Open}) only the results of the
 * latest {@link #OPEN_ENDED_RESULTS_KEPT} units to complete: such a run has no end of its own, and keeping
 * every result would grow without bound for as long as it runs. Nothing is lost for the run's result:
 * the provider's {@link ResultAccumulator} sees every completed unit, and {@code result} (with its one-line
 * {@code summary}) is what it made of all of them.
 *
 * @param unitsCompleted units that completed, each counted also when its result is not in {@code results};
 *                       at least {@code results.size()} (since 0.3)
 * @param reason         why the run failed or was cancelled; empty otherwise
 */
public record RunOutcome(RunState state, List<UnitResult> results, long unitsCompleted, ResultValue result,
        String reason, Duration elapsed) {

    /**
     * How many results an open-ended run's outcome keeps: the latest ones. Enough to see how a run
     * ended (a ticker's last 16 minutes at one unit a second), yet with short values about 100 KB per
     * run however long it ran, also for a run completing millions of units a second.
     *
     * @since 0.3
     */
    public static final int OPEN_ENDED_RESULTS_KEPT = 1_000;

    public RunOutcome {
        if (!Objects.requireNonNull(state, "state").isFinal()) {
            throw new IllegalArgumentException("An outcome needs a final state, not " + state);
        }
        results = List.copyOf(results);
        if (unitsCompleted < results.size()) {
            throw new IllegalArgumentException("unitsCompleted (" + unitsCompleted + ") is less than the "
                    + results.size() + " results");
        }
        result = result == null ? new ResultValue.Scalar("") : result;
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** An outcome that has every completed unit's result, as a finite run's has. */
    public RunOutcome(RunState state, List<UnitResult> results, ResultValue result, String reason, Duration elapsed) {
        this(state, results, results.size(), result, reason, elapsed);
    }

    public String summary() {
        return result.summary();
    }
}
