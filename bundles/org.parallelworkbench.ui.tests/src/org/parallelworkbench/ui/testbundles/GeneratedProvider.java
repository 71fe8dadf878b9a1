package org.parallelworkbench.ui.testbundles;

import java.util.List;
import java.util.Map;

import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/**
 * Copied into a worker bundle jar that a UI test writes and installs: a one-unit provider whose id and
 * name come from the component properties {@code providerId} and {@code providerName}.
 */
public final class GeneratedProvider implements WorkProvider {

    private volatile ProviderInfo info;

    /** Named in the generated component description's {@code activate} attribute. */
    public void activate(Map<String, Object> properties) {
        info = new ProviderInfo(String.valueOf(properties.get("providerId")), String.valueOf(properties.get("providerName")),
                "Installed by a test", "1.0.0");
    }

    @Override
    public ProviderInfo info() {
        return info;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        return WorkPlan.of(List.of(new WorkUnit(0, Map.of())), 1);
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        return new UnitResult(unit.index(), "1");
    }
}
