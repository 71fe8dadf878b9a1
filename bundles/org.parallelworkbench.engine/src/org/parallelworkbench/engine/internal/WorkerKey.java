package org.parallelworkbench.engine.internal;

import java.util.List;
import java.util.function.Supplier;

import org.parallelworkbench.core.WorkerStateFactory;

/**
 * Which workers a run may use: one key per bound provider service and kind of worker (a thread key, a process
 * key and a cluster key). Equality is identity on purpose, so an updated provider with the same id never gets a worker
 * made for the old one: a worker process runs exactly the provider version its key was made for.
 */
final class WorkerKey {

    private final String providerId;
    private final String providerVersion;
    private final UnitExecutor executor;
    private final WorkerStateFactory<?> stateFactory;
    private final Supplier<List<String>> bundleLocations;
    /** Kept on the key, not in a set of the pool, so a retired key is forgotten with its last run and worker. */
    private volatile boolean retired;

    /** A key for threads; {@code stateFactory} is the provider's per-worker state, or null when it has none. */
    WorkerKey(String providerId, UnitExecutor executor, WorkerStateFactory<?> stateFactory) {
        this(providerId, "", executor, stateFactory, null);
    }

    private WorkerKey(String providerId, String providerVersion, UnitExecutor executor,
            WorkerStateFactory<?> stateFactory, Supplier<List<String>> bundleLocations) {
        this.providerId = providerId;
        this.providerVersion = providerVersion;
        this.executor = executor;
        this.stateFactory = stateFactory;
        this.bundleLocations = bundleLocations;
    }

    /**
     * A key for worker processes of this provider.
     *
     * @param bundleLocations the locations of the bundles a worker process starts: the provider's bundle and
     *                        what it is wired to, read when a process starts
     */
    static WorkerKey forProcesses(String providerId, String providerVersion, Supplier<List<String>> bundleLocations) {
        return new WorkerKey(providerId, providerVersion, null, null, bundleLocations);
    }

    /** A key for slots on cluster members, which take units only of this provider version. */
    static WorkerKey forCluster(String providerId, String providerVersion) {
        return new WorkerKey(providerId, providerVersion, null, null, null);
    }

    String providerVersion() {
        return providerVersion;
    }

    /** The bundles a worker process of this key starts; only for process keys. */
    List<String> bundleLocations() {
        return bundleLocations.get();
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
