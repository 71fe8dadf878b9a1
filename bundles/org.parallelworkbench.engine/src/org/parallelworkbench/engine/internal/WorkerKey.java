package org.parallelworkbench.engine.internal;

/**
 * Which workers a run may use: one key per bound provider service. Equality is identity on purpose, so
 * an updated provider with the same id never gets a worker made for the old one.
 */
final class WorkerKey {

    private final String providerId;
    private final UnitExecutor executor;

    WorkerKey(String providerId, UnitExecutor executor) {
        this.providerId = providerId;
        this.executor = executor;
    }

    String providerId() {
        return providerId;
    }

    UnitExecutor executor() {
        return executor;
    }

    @Override
    public String toString() {
        return "WorkerKey[" + providerId + "]";
    }
}
