package org.parallelworkbench.cluster;

import org.osgi.annotation.versioning.ProviderType;

/**
 * This JVM as a cluster member that executes batches sent by other machines' engines, through the local engine;
 * for the command line. The cluster is configured in the product's {@code conf/hazelcast.yaml}.
 * <p>
 * Threading: thread-safe; {@link #join} blocks while the member starts.
 */
@ProviderType
public interface ClusterMember {

    /**
     * Starts this JVM as a cluster member that executes batches through the local engine's
     * {@link org.parallelworkbench.engine.remote.LocalUnits}; blocks until it has joined (bounded). Idempotent.
     *
     * @return what it joined, e.g. "Member 127.0.0.1:5701 of cluster 'parallel-workbench' (2 members)"
     * @throws IllegalStateException with a reason worded for users if it cannot start (port taken, bad
     *                               configuration)
     */
    String join();

    /** Leaves the cluster gracefully (its partitions move to the other members first); idempotent. */
    void leave();
}
