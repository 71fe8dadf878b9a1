package org.parallelworkbench.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.core.WorkerStateFactory;

/**
 * A provider made of a plan function and a unit body, for tests; {@link #withAccumulator} and
 * {@link #withWorkerState} add the optional parts before the provider is handed to an engine.
 */
final class TestProvider implements WorkProvider {

    @FunctionalInterface
    interface Body {
        String execute(WorkUnit unit, UnitContext context) throws Exception;
    }

    private final ProviderInfo info;
    private final Function<Parameters, WorkPlan> planner;
    private final Body body;
    private Supplier<ResultAccumulator> accumulators = ResultAccumulator::latestValue;
    private WorkerStateFactory<?> stateFactory;

    TestProvider(String id, Function<Parameters, WorkPlan> planner, Body body) {
        this(id, "0.0.1", planner, body);
    }

    TestProvider(String id, String version, Function<Parameters, WorkPlan> planner, Body body) {
        this.info = new ProviderInfo(id, id, "test provider", version);
        this.planner = planner;
        this.body = body;
    }

    /** A provider of {@code count} units, at most {@code maxConcurrentUnits} at once. */
    static TestProvider finite(String id, int count, int maxConcurrentUnits, Body body) {
        return new TestProvider(id, parameters -> WorkPlan.of(units(count), maxConcurrentUnits), body);
    }

    TestProvider withAccumulator(Supplier<ResultAccumulator> newAccumulators) {
        accumulators = newAccumulators;
        return this;
    }

    TestProvider withWorkerState(WorkerStateFactory<?> factory) {
        stateFactory = factory;
        return this;
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
    public ResultAccumulator accumulator(Parameters parameters) {
        return accumulators.get();
    }

    @Override
    public WorkerStateFactory<?> workerStateFactory() {
        return stateFactory;
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) throws Exception {
        return new UnitResult(unit.index(), body.execute(unit, context));
    }
}
