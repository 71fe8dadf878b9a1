package org.parallelworkbench.engine.remote;

import java.util.List;
import java.util.Objects;

import org.parallelworkbench.core.WorkUnit;

/**
 * Units of one run sent to a member together, executed there one after the other in this order.
 *
 * @param runId           the run on the sending engine, for the member's log
 * @param providerVersion the member executes the units only with exactly this version of the provider
 */
public record UnitBatch(String runId, String providerId, String providerVersion, List<WorkUnit> units) {

    public UnitBatch {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(providerVersion, "providerVersion");
        units = List.copyOf(units);
        if (units.isEmpty()) {
            throw new IllegalArgumentException("A batch needs at least one unit");
        }
    }
}
