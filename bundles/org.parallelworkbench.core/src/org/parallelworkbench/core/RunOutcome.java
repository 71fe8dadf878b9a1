package org.parallelworkbench.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a run ended. {@code results} holds every completed unit's result in unit order, also for a
 * cancelled run; {@code result} is what the provider's accumulator made of them, and {@code summary}
 * its one line. {@code reason} says why a run failed or was cancelled, and is empty otherwise.
 */
public record RunOutcome(RunState state, List<UnitResult> results, ResultValue result, String reason,
        Duration elapsed) {

    public RunOutcome {
        if (!Objects.requireNonNull(state, "state").isFinal()) {
            throw new IllegalArgumentException("An outcome needs a final state, not " + state);
        }
        results = List.copyOf(results);
        result = result == null ? new ResultValue.Scalar("") : result;
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public String summary() {
        return result.summary();
    }
}
