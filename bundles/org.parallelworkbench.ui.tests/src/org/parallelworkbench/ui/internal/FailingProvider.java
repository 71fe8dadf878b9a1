package org.parallelworkbench.ui.internal;

import java.util.List;
import java.util.Map;

import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/** For UI tests: a run whose one unit throws, so that the run fails with {@link #CAUSE} in its reason. */
final class FailingProvider implements WorkProvider {

    static final ProviderInfo INFO = new ProviderInfo("failing", "Failing", "Its unit throws.", "1");
    static final String CAUSE = "disk full";

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        return WorkPlan.of(List.of(new WorkUnit(0, Map.of())), 1);
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        throw new IllegalStateException(CAUSE);
    }
}
