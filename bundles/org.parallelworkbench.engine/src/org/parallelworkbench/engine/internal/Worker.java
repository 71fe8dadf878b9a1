package org.parallelworkbench.engine.internal;

import java.util.concurrent.CompletableFuture;

import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;

/**
 * Executes one unit at a time on a resource it owns: a thread here, later a separate JVM or a cluster
 * member behind the same interface. Only plain data ({@link WorkUnit}, {@link UnitResult}) crosses it.
 * <p>
 * Threading: the pool's borrower (a run's Job thread) calls {@link #submit}; {@link #interrupt()},
 * {@link #isReady()}, {@link #stateIsValid()} and {@link #destroy()} may be called from any thread; no
 * method blocks except {@link #workerState} (the provider's factory, on the worker's thread).
 */
interface Worker {

    /** A name for logs, e.g. {@code pw-worker-3}. */
    String name();

    /**
     * Hands a unit over and returns at once. The future completes with the unit's result or with the
     * exception it threw; it may never complete if the unit hangs, so callers wait with a deadline.
     *
     * @throws IllegalStateException if a unit is still in progress or the worker was destroyed
     */
    CompletableFuture<UnitResult> submit(WorkUnit unit, UnitContext context);

    /**
     * The provider's pooled state of this worker, created on first use by the worker's own thread and
     * destroyed on that thread when the worker ends. Called only by the unit this worker executes.
     *
     * @throws IllegalStateException if the provider declares no state of this type, or creating it failed
     */
    <S> S workerState(Class<S> type);

    /** Whether the worker's state (if it has one) may be used again; false if the provider says no or throws. */
    boolean stateIsValid();

    /** Interrupts the unit in progress, if any; an idle worker is not affected. */
    void interrupt();

    /** True when the worker is alive and idle, so it may go back to the pool. */
    boolean isReady();

    /** Stops the worker without waiting; a unit still in progress is abandoned to finish on its own. */
    void destroy();

    /** What the worker is doing now (the thread's stack here), for a stuck-unit report. */
    String describe();
}
