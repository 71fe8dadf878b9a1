package org.parallelworkbench.core;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A parallel-job provider, registered by a worker bundle as an OSGi service. It knows nothing of the
 * UI or of threads: the engine calls {@link #plan} once per run, on the thread that starts the run
 * (so it must be quick: splitting, not computing), then {@link #execute} for each unit on pooled
 * worker threads, possibly concurrently.
 */
@ConsumerType
public interface WorkProvider {

    ProviderInfo info();

    /**
     * Splits a run into units.
     *
     * @throws IllegalArgumentException with a message for the user when the parameters are invalid
     */
    WorkPlan plan(Parameters parameters);

    /**
     * Executes one unit. Must be safe to call concurrently for different units. Should return
     * promptly once {@link UnitContext#isCanceled()} is true or the thread is interrupted.
     *
     * @throws Exception fails the run with this exception's message and the unit's index
     */
    UnitResult execute(WorkUnit unit, UnitContext context) throws Exception;

    /** Combines the results of a finished run (in unit order) into a one-line summary. */
    default String summarize(List<UnitResult> results) {
        return results.isEmpty() ? "no results" : results.get(results.size() - 1).value();
    }
}
