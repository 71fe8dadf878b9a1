package org.parallelworkbench.core;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates the expensive per-worker state of a provider (a buffer, a native handle, a solver), which the
 * engine keeps in its worker pool and hands to units through {@link UnitContext#workerState(Class)}
 * instead of rebuilding it for every unit. A state is used by one unit at a time.
 *
 * @param <S> the state's type
 */
@ConsumerType
public interface WorkerStateFactory<S> {

    Class<S> type();

    /** @throws Exception fails the unit that needed a worker, with this exception's message */
    S create() throws Exception;

    /** Whether a pooled state may be used again; a state that fails this is destroyed. */
    default boolean isValid(S state) {
        return true;
    }

    default void destroy(S state) throws Exception {
        if (state instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
