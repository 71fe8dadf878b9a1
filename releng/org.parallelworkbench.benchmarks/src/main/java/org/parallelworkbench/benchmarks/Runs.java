package org.parallelworkbench.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/** One run's worth of units, executed by the engine or by a plain executor; each call blocks its caller. */
public final class Runs {

    /** Longer than any benchmark operation; a run that takes longer is a hang, not a measurement. */
    public static final long RUN_TIMEOUT_SECONDS = 120;
    private static final UnitContext NEVER_CANCELED = UnitContext.canceledWhen(() -> false);

    private Runs() {
    }

    /**
     * Starts a run and waits for its outcome.
     *
     * @throws IllegalStateException if the run did not succeed within {@link #RUN_TIMEOUT_SECONDS}
     */
    public static RunOutcome onEngine(JobService engine, String providerId, Parameters parameters)
            throws InterruptedException {
        return onEngine(engine, providerId, parameters, RunOptions.DEFAULT);
    }

    /**
     * Starts a run with these options (e.g. its target) and waits for its outcome.
     *
     * @throws IllegalStateException if the run did not succeed within {@link #RUN_TIMEOUT_SECONDS}
     */
    public static RunOutcome onEngine(JobService engine, String providerId, Parameters parameters, RunOptions options)
            throws InterruptedException {
        RunOutcome outcome;
        try {
            outcome = engine.start(providerId, parameters, options).outcome().toCompletableFuture()
                    .get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Run of '" + providerId + "' did not end within " + RUN_TIMEOUT_SECONDS
                    + " s: " + e, e);
        }
        if (outcome.state() != RunState.SUCCEEDED) {
            throw new IllegalStateException("Run of '" + providerId + "' ended " + outcome.state() + ": "
                    + outcome.reason());
        }
        return outcome;
    }

    /**
     * The baseline: every unit submitted at once to a plain executor, results gathered in unit order, as
     * the engine returns them.
     */
    public static List<UnitResult> onExecutor(ExecutorService executor, WorkProvider provider, List<WorkUnit> units)
            throws InterruptedException {
        List<Future<UnitResult>> futures = new ArrayList<>(units.size());
        for (WorkUnit unit : units) {
            futures.add(executor.submit(() -> provider.execute(unit, NEVER_CANCELED)));
        }
        List<UnitResult> results = new ArrayList<>(units.size());
        try {
            for (Future<UnitResult> future : futures) {
                results.add(future.get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("A unit on the executor failed or hung: " + e, e);
        }
        results.sort(Comparator.comparingLong(UnitResult::unitIndex));
        return results;
    }
}
