package org.parallelworkbench.install.testbundles;

import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/** Copied into a generated bundle as a DS component whose construction throws. */
public final class ThrowingProvider implements WorkProvider {

    public static final String MESSAGE = "component broken on purpose";

    public ThrowingProvider() {
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public ProviderInfo info() {
        throw new AssertionError("never constructed");
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        throw new AssertionError("never constructed");
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        throw new AssertionError("never constructed");
    }
}
