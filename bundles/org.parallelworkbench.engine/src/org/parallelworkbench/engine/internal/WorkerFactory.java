package org.parallelworkbench.engine.internal;

import java.util.List;

/**
 * Makes the workers of one {@link WorkerPool}: threads of this JVM ({@link ThreadWorkers}) or worker processes
 * ({@link ProcessWorkers}). Called by the pool on the borrowing thread.
 */
interface WorkerFactory {

    /** A kind for logs, e.g. {@code "thread"}. */
    String kind();

    /**
     * A new worker for this key, ready for a shift; may take as long as starting a process.
     *
     * @throws Exception with a message for the user when no worker can be made (e.g. a process did not start)
     */
    Worker create(WorkerKey key) throws Exception;

    /** Whether making a worker takes long (starting a process): borrowers then borrow in the background. */
    default boolean startsSlowly() {
        return false;
    }

    /** Whether an idle worker may still serve this key (beyond being alive and idle). */
    default boolean fits(WorkerKey key, Worker worker) {
        return true;
    }

    /**
     * What a borrower of this key waits for while no worker can be made yet, for the run's status (e.g. "waiting
     * for cluster members"); empty when nothing is waited for beyond a worker's start.
     */
    default String waitingFor(WorkerKey key) {
        return "";
    }

    /** The pool destroyed this worker; it stops without waiting. */
    default void destroyed(Worker worker) {
        worker.destroy();
    }

    /** Worker threads not yet ended, for tests and reports. */
    default List<Thread> liveThreads() {
        return List.of();
    }

    /**
     * After the pool closed and destroyed its workers: waits up to this long for them to end; those still
     * running are reported and left to end on their own.
     */
    void awaitEnd(long waitMillis);
}
