package org.parallelworkbench.benchmarks;

import java.util.List;

import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/**
 * Plans every run as the same given units, each of which busy-waits a fixed time (0 = returns at once):
 * the units the engine and the plain executor are compared on. Stateless after construction, so safe
 * for concurrent units.
 */
public final class FixedUnitsProvider implements WorkProvider {

    public static final String ID = "bench-fixed";
    /** Shared by every result, so neither side allocates more than the result record. */
    private static final String DONE = "done";
    private static final ProviderInfo INFO = new ProviderInfo(ID, "Fixed units (benchmark)", "The same units every run",
            "1");

    private final List<WorkUnit> units;
    private final long unitNanos;

    public FixedUnitsProvider(List<WorkUnit> units, long unitNanos) {
        this.units = List.copyOf(units);
        this.unitNanos = unitNanos;
    }

    public List<WorkUnit> units() {
        return units;
    }

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        return WorkPlan.of(units, Integer.MAX_VALUE);
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        if (unitNanos > 0) {
            long end = System.nanoTime() + unitNanos;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
        return new UnitResult(unit.index(), DONE);
    }
}
