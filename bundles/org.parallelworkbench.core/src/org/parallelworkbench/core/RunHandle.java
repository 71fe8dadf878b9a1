package org.parallelworkbench.core;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.osgi.annotation.versioning.ProviderType;

/** A started run. All methods are thread-safe and never block. */
@ProviderType
public interface RunHandle {

    String id();

    ProviderInfo provider();

    Parameters parameters();

    RunState state();

    /**
     * Where this run's units execute: {@link ExecutionTarget#THREADS}, {@link ExecutionTarget#PROCESSES} or
     * {@link ExecutionTarget#CLUSTER},
     * never {@link ExecutionTarget#AUTO} (the engine chose when it started the run).
     *
     * @since 0.4
     */
    ExecutionTarget target();

    /**
     * Which machines executed its units, for a run on {@link ExecutionTarget#CLUSTER}: the addresses of the members
     * that completed units of it so far, in the order they first did (e.g. {@code 127.0.0.1:5701}); empty for a run
     * on another target.
     *
     * @since 0.5
     */
    default List<String> executedBy() {
        return List.of();
    }

    /**
     * Asks the run to stop: units see {@link UnitContext#isCanceled()} and their threads are
     * interrupted; the run reaches {@link RunState#CANCELED} without waiting for units that ignore both.
     * Does nothing once the run has ended.
     */
    void cancel(String reason);

    /**
     * Events from now on. A slow subscriber never slows the workers: events it cannot take in time
     * are dropped for it, never from the run's {@link RunOutcome}.
     */
    Flow.Publisher<RunEvent> events();

    /**
     * {@link #events()} without a {@link RunEvent.UnitCompleted} per unit: state changes, progress and result
     * updates, a few a second at most however fast units complete. For a view of the run rather than of each unit
     * (the window's Runs table), so a run of millions of units sends it thousands of events, not millions.
     *
     * @since 0.5
     */
    default Flow.Publisher<RunEvent> summaryEvents() {
        return subscriber -> events().subscribe(RunEvent.withoutUnitEvents(subscriber));
    }

    /** Completes, on an engine thread, once the run has reached a final state. */
    CompletionStage<RunOutcome> outcome();
}
