package org.parallelworkbench.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/** A provider made of a plan function and a unit body, for tests. */
final class TestProvider implements WorkProvider {

    @FunctionalInterface
    interface Body {
        String execute(WorkUnit unit, UnitContext context) throws Exception;
    }

    private final ProviderInfo info;
    private final Function<Parameters, WorkPlan> planner;
    private final Body body;

    TestProvider(String id, Function<Parameters, WorkPlan> planner, Body body) {
        this.info = new ProviderInfo(id, id, "test provider", "0.0.1");
        this.planner = planner;
        this.body = body;
    }

    /** A provider of {@code count} units, at most {@code maxConcurrentUnits} at once. */
    static TestProvider finite(String id, int count, int maxConcurrentUnits, Body body) {
        return new TestProvider(id, parameters -> WorkPlan.of(units(count), maxConcurrentUnits), body);
    }

    static List<WorkUnit> units(int count) {
        List<WorkUnit> units = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            units.add(new WorkUnit(i, Map.of()));
        }
        return units;
    }

    @Override
    public ProviderInfo info() {
        return info;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        return planner.apply(parameters);
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) throws Exception {
        return new UnitResult(unit.index(), body.execute(unit, context));
    }
}
