package org.parallelworkbench.core;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A parallel-job provider, registered by a worker bundle as an OSGi service. It knows nothing of the
 * UI or of threads. For each run the engine calls, in this order: {@link #validate} and {@link #plan}
 * on the thread that starts the run (so both must be quick: checking and splitting, not computing),
 * {@link #accumulator} once, then {@link #execute} for each unit on pooled worker threads, possibly
 * concurrently.
 * <p>
 * Units may execute in another JVM (a worker process or a cluster member, see {@link ExecutionTarget}), on another
 * instance of the provider made there by the same bundle: {@link #execute} must depend only on its unit's data,
 * never on what {@link #plan} or {@link #accumulator} left in fields. A unit may execute more than once (a retry,
 * or a cluster member that left while executing it), and only one result per unit index counts: units must be
 * idempotent, so a unit that writes somewhere must give the same outcome when it writes again.
 */
@ConsumerType
public interface WorkProvider {

    /** Id, name, description, version and parameters; must not change while the service is registered. */
    ProviderInfo info();

    /**
     * Every problem of a parameter set, each tied to its parameter; empty if the set may run. The default
     * checks the values against {@link ProviderInfo#parameters()} and rejects unknown names; override to add
     * checks that span parameters, and include the default's problems.
     */
    default List<ParameterProblem> validate(Parameters parameters) {
        return ParameterDescriptor.validate(info().parameters(), parameters);
    }

    /**
     * Splits a run into units. The parameters have passed {@link #validate} and hold every declared
     * parameter, defaults filled in.
     */
    WorkPlan plan(Parameters parameters);

    /**
     * Executes one unit. Must be safe to call concurrently for different units. Should return
     * promptly once {@link UnitContext#isCanceled()} is true or the thread is interrupted.
     *
     * @throws Exception fails the unit (and, once its retries are spent, the run) with this exception's
     *                   message and the unit's index
     */
    UnitResult execute(WorkUnit unit, UnitContext context) throws Exception;

    /** Combines this run's unit results into its result; the default shows the latest value. */
    default ResultAccumulator accumulator(Parameters parameters) {
        return ResultAccumulator.latestValue();
    }

    /**
     * Whether units should execute in worker processes when the user leaves the choice to the engine
     * ({@link ExecutionTarget#AUTO}): true for a provider that loads native code or may exit its JVM, so a
     * crash ends only its run. The user can still choose threads. The default is false.
     *
     * @since 0.4
     */
    default boolean prefersIsolation() {
        return false;
    }

    /** Per-worker state to pool, or null (the default) when units need none. */
    default WorkerStateFactory<?> workerStateFactory() {
        return null;
    }
}
