package org.parallelworkbench.process.host.internal;

import java.lang.System.Logger.Level;

import org.parallelworkbench.core.WorkerStateFactory;

/**
 * The provider's worker state in a worker process, with the engine's thread-worker semantics: created when a
 * unit first asks for it, checked between units (an invalid state is destroyed and made again when next
 * asked for), and destroyed as the host ends.
 * <p>
 * Threading: confined to the host's executor thread, which runs every unit; so a state is never destroyed
 * under a unit still using it.
 */
final class WorkerState {

    private static final System.Logger LOG = System.getLogger(WorkerState.class.getName());

    private final WorkerStateFactory<?> factory;
    private Object state;

    /** @param factory the provider's {@code workerStateFactory()}, or null when it declares none */
    WorkerState(WorkerStateFactory<?> factory) {
        this.factory = factory;
    }

    /** The state, created now if there is none; what {@code UnitContext.workerState} returns. */
    <S> S get(Class<S> type) {
        if (factory == null) {
            throw new IllegalStateException("The provider declares no worker state");
        }
        Class<?> stateType = factory.type();
        if (!type.isAssignableFrom(stateType)) {
            throw new IllegalStateException("The provider's worker state is a " + stateType.getName() + ", not a "
                    + type.getName());
        }
        if (state == null) {
            state = create();
        }
        return type.cast(state);
    }

    private Object create() {
        Object created;
        try {
            created = factory.create();
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("Worker state could not be created: " + messageOf(e), e);
        }
        if (created == null) {
            throw new IllegalStateException("Worker state could not be created: the factory returned null");
        }
        if (!isValid(factory, created)) {
            destroy(factory, created);
            throw new IllegalStateException("Worker state could not be created: a new state failed validation");
        }
        return created;
    }

    /** Between units: destroys the state if it is no longer valid, so the next unit that asks gets a new one. */
    void renewInvalid() {
        if (state != null && !isValid(factory, state)) {
            destroy();
        }
    }

    /** Destroys the state if there is one (after a failed unit, which may have left it in any state, or at the end). */
    void destroy() {
        Object current = state;
        state = null;
        if (current != null) {
            destroy(factory, current);
        }
    }

    private static <S> boolean isValid(WorkerStateFactory<S> factory, Object state) {
        try {
            return factory.isValid(factory.type().cast(state));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Worker state validation threw; the state is discarded", e);
            return false;
        }
    }

    private static <S> void destroy(WorkerStateFactory<S> factory, Object state) {
        try {
            factory.destroy(factory.type().cast(state));
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "Could not destroy a worker state: " + e, e);
        }
    }

    /** The throwable's message, or its class name when it has none (as the engine words a failure). */
    static String messageOf(Throwable t) {
        String text = t.getMessage();
        return text == null || text.isBlank() ? t.getClass().getName() : text;
    }
}
