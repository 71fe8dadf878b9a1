package org.parallelworkbench.process.host.internal;

import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.core.WorkerStateFactory;

/** A provider whose units do what the test says. */
final class TestProvider implements WorkProvider {

    interface Body {
        UnitResult execute(WorkUnit unit, UnitContext context) throws Exception;
    }

    private final ProviderInfo info;
    private final Body body;
    private final WorkerStateFactory<?> states;

    TestProvider(String id, String version, Body body, WorkerStateFactory<?> states) {
        this.info = new ProviderInfo(id, id, "", version);
        this.body = body;
        this.states = states;
    }

    TestProvider(String id, String version, Body body) {
        this(id, version, body, null);
    }

    /** Each unit answers its "value". */
    static TestProvider echo(String id, String version) {
        return new TestProvider(id, version, (unit, context) -> new UnitResult(unit.index(), unit.get("value")));
    }

    @Override
    public ProviderInfo info() {
        return info;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        throw new UnsupportedOperationException("a worker process never plans");
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) throws Exception {
        return body.execute(unit, context);
    }

    @Override
    public WorkerStateFactory<?> workerStateFactory() {
        return states;
    }
}
