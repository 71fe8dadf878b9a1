package org.parallelworkbench.ui.internal;

import java.util.List;
import java.util.Map;

import org.parallelworkbench.core.ParameterDescriptor;
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
 * {@code unitMicros} makes each unit spin that long instead, to see how far the flood itself matters.
 */
final class FloodProvider implements WorkProvider {

    static final String UNIT_MICROS = "unitMicros";
    static final ProviderInfo INFO = new ProviderInfo("flood", "Flood",
            "Open-ended empty units: as many events as the engine delivers.", "1",
            List.of(ParameterDescriptor.integer(UNIT_MICROS, "Busy time per unit (\u00b5s)", 0, 0, 10_000)));
    /** More than any pool has workers: the engine's pool size is the limit. */
    private static final int MAX_CONCURRENT_UNITS = 64;
    private static final String VALUE = "1";

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        long micros = parameters.getLong(UNIT_MICROS, 0);
        // One shared map: WorkUnit keeps an immutable map as it is, so a unit allocates no data.
        Map<String, String> data = micros == 0 ? Map.of() : Map.of(UNIT_MICROS, Long.toString(micros));
        return WorkPlan.open(index -> new WorkUnit(index, data), MAX_CONCURRENT_UNITS);
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        if (!unit.data().isEmpty()) {
            long end = System.nanoTime() + 1_000 * Long.parseLong(unit.get(UNIT_MICROS));
            while (System.nanoTime() - end < 0 && !context.isCanceled()) {
                Thread.onSpinWait();
            }
        }
        return new UnitResult(unit.index(), VALUE);
    }
}
