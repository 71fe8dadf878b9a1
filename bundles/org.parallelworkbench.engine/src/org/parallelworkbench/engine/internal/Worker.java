package org.parallelworkbench.engine.internal;

/**
 * Executes one {@link WorkerShift} at a time on a resource it owns (a thread here): a run's units back to
 * back, so a unit costs no hand-off between threads; the worker is handed over once per shift.
 * <p>
 * Threading: the pool's borrower (a run's Job thread) calls {@link #start}; {@link #workerState} and
 * {@link #renewInvalidState()} are called by the shift on the worker's thread; {@link #interrupt()},
 * {@link #isReady()}, {@link #stateIsValid()} and {@link #destroy()} may be called from any thread. No
 * method blocks except {@link #workerState} (the provider's factory, on the worker's thread).
 */
interface Worker {

    /** A name for logs, e.g. {@code pw-worker-3}. */
    String name();

    /**
     * Hands a shift over and returns at once. The worker runs {@link WorkerShift#work()} and, once it is
     * idle again (an interrupt meant for the shift cleared), {@link WorkerShift#ended()}. Neither may ever
     * happen if a unit hangs, so callers wait with a deadline.
     *
     * @throws IllegalStateException if a shift is still in progress or the worker was destroyed
     */
    void start(WorkerShift shift);

    /**
     * The provider's pooled state of this worker, created on first use by the worker's own thread and
     * destroyed on that thread when the worker ends. Called only by the unit this worker executes.
     *
     * @throws IllegalStateException if the provider declares no state of this type, or creating it failed
     */
    <S> S workerState(Class<S> type);

    /**
     * Between units, on the worker's thread: destroys a state that no longer passes validation, so the next
     * unit that asks gets a new one.
     */
    void renewInvalidState();

    /** Whether the worker's state (if it has one) may be used again; false if the provider says no or throws. */
    boolean stateIsValid();

    /** Interrupts the shift in progress, if any; an idle worker is not affected. */
    void interrupt();

    /** True when the worker is alive and idle, so it may go back to the pool. */
    boolean isReady();

    /** Stops the worker without waiting; a shift still in progress is abandoned to finish on its own. */
    void destroy();

    /** What {@link #destroy()} does to a worker stuck in a unit, for the report: a thread can only be abandoned. */
    default String fateWhenAbandoned() {
        return "abandoned";
    }

    /** What the worker is doing now (the thread's stack here), for a stuck-unit report. */
    String describe();
}
