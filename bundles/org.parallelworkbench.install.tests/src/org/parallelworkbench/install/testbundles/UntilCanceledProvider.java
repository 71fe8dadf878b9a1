package org.parallelworkbench.install.testbundles;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/**
 * Copied into a generated bundle as a DS component: a one-unit provider whose unit works until its run
 * is cancelled, so a run is still using the bundle's classes when the bundle is updated or removed. The
 * id comes from the component property {@code providerId}.
 */
public final class UntilCanceledProvider implements WorkProvider {

    private static final long POLL_NANOS = 1_000_000;

    private volatile ProviderInfo info;

    /** Named in the generated component description's {@code activate} attribute. */
    public void activate(Map<String, Object> properties) {
        info = new ProviderInfo(String.valueOf(properties.get("providerId")), "Until cancelled", "", "1.0.0");
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
        // A unit that checks for cancellation as real work does, between small steps.
        while (!context.isCanceled() && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        return new UnitResult(unit.index(), "stopped");
    }
}
