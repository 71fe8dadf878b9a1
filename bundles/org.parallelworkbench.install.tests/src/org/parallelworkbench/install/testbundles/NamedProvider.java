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
 * Copied into a generated bundle as a DS component: a one-unit provider whose id comes from the
 * component property {@code providerId}, so one class serves as a new provider or as a duplicate id. With
 * {@code holdUntilCanceled=true} its unit works until its run is cancelled, so a run is still using the
 * bundle's classes when the bundle is updated or removed.
 */
public final class NamedProvider implements WorkProvider {

    private static final long POLL_NANOS = 1_000_000;

    private volatile ProviderInfo info;
    private volatile boolean holdUntilCanceled;

    /** Named in the generated component description's {@code activate} attribute. */
    public void activate(Map<String, Object> properties) {
        info = new ProviderInfo(String.valueOf(properties.get("providerId")), "Generated", "", "1.0.0");
        holdUntilCanceled = Boolean.parseBoolean(String.valueOf(properties.get("holdUntilCanceled")));
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
        if (!holdUntilCanceled) {
            return new UnitResult(unit.index(), "1");
        }
        // Checks for cancellation as real work does, between small steps.
        while (!context.isCanceled() && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        return new UnitResult(unit.index(), "stopped");
    }
}
