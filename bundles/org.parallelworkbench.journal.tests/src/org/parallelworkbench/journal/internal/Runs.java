package org.parallelworkbench.journal.internal;

import java.time.Duration;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.testing.FakeJobService.FakeRun;

/** Runs for the journal's tests: the testing bundle's fake runs, of a provider at version 1.2.3. */
final class Runs {

    private Runs() {
    }

    static FakeRun run(String id, String providerId, Parameters parameters) {
        return run(id, providerId, parameters, ExecutionTarget.THREADS);
    }

    static FakeRun run(String id, String providerId, Parameters parameters, ExecutionTarget target) {
        return new FakeRun(id, new ProviderInfo(providerId, null, null, "1.2.3"), parameters, target);
    }

    /** Ends the run as the engine would, its summary being its result. */
    static void end(FakeRun run, RunState state, String summary, String reason) {
        run.end(state, reason, new ResultValue.Scalar(summary), Duration.ofMillis(1));
    }
}
