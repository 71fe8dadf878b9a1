package org.parallelworkbench.ui.internal;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/** A finite provider for UI tests whose units wait until the test releases them: a run that stays active. */
final class LatchProvider implements WorkProvider {

    static final ProviderInfo INFO = new ProviderInfo("latch", "Latch", "Units wait until the test releases them.", "1");
    static final int UNITS = 3;

    private final CountDownLatch release = new CountDownLatch(1);

    /** Lets every waiting and future unit finish. */
    void release() {
        release.countDown();
    }

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        return WorkPlan.of(IntStream.range(0, UNITS).mapToObj(i -> new WorkUnit(i, Map.of())).toList(), 1);
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) throws InterruptedException {
        release.await(); // a cancel interrupts the wait
        return new UnitResult(unit.index(), "done");
    }
}
