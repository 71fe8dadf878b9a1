package org.parallelworkbench.ui.internal;

import java.util.Map;

import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/**
 * An open-ended provider for the responsiveness benchmark whose units do nothing: a run completes units,
 * and so publishes progress and result events, as fast as the engine can deliver them, until cancelled.
 */
final class FloodProvider implements WorkProvider {

    static final ProviderInfo INFO = new ProviderInfo("flood", "Flood",
            "Open-ended empty units: as many events as the engine delivers.", "1");
    /** More than any pool has workers: the engine's pool size is the limit. */
    private static final int MAX_CONCURRENT_UNITS = 64;
    private static final Map<String, String> NO_DATA = Map.of();
    private static final String VALUE = "1";

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        return WorkPlan.open(index -> new WorkUnit(index, NO_DATA), MAX_CONCURRENT_UNITS);
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        return new UnitResult(unit.index(), VALUE);
    }
}
