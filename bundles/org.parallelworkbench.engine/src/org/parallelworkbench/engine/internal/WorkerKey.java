package org.parallelworkbench.engine.internal;

import org.parallelworkbench.core.WorkerStateFactory;

/**
 * Which workers a run may use: one key per bound provider service. Equality is identity on purpose, so
 * an updated provider with the same id never gets a worker made for the old one.
 */
final class WorkerKey {

    private final String providerId;
    private final UnitExecutor executor;
    private final WorkerStateFactory<?> stateFactory;
    /** Kept on the key, not in a set of the pool, so a retired key is forgotten with its last run and worker. */
    private volatile boolean retired;

    /** @param stateFactory the provider's per-worker state, or null when it has none */
    WorkerKey(String providerId, UnitExecutor executor, WorkerStateFactory<?> stateFactory) {
        this.providerId = providerId;
        this.executor = executor;
        this.stateFactory = stateFactory;
    }

    /** Null when the provider keeps no per-worker state. */
    WorkerStateFactory<?> stateFactory() {
        return stateFactory;
    }

    String providerId() {
        return providerId;
    }

    UnitExecutor executor() {
        return executor;
    }

    /** The provider is gone: no new worker for this key, and a given-back one is destroyed. */
    void retire() {
        retired = true;
    }

    boolean isRetired() {
        return retired;
    }

    @Override
    public String toString() {
        return "WorkerKey[" + providerId + "]";
    }
}
