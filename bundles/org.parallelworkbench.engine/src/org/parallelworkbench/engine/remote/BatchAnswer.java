package org.parallelworkbench.engine.remote;

import java.util.List;
import java.util.Optional;

import org.parallelworkbench.core.UnitResult;

/**
 * A member's answer to a {@link UnitBatch}: the results of the units that completed, in the batch's order, and
 * the failure of the unit that stopped the batch, if one threw. Units after a failed one did not execute.
 *
 * @param failure null when every unit completed
 */
public record BatchAnswer(List<UnitResult> results, UnitFailure failure) {

    public BatchAnswer {
        results = List.copyOf(results);
    }

    public Optional<UnitFailure> failed() {
        return Optional.ofNullable(failure);
    }
}
