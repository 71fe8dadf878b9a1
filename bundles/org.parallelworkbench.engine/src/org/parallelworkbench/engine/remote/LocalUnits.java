package org.parallelworkbench.engine.remote;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Executes batches sent by another machine's engine, through this engine's own workers (threads, or processes
 * where this engine's settings put the provider), as a cluster member does. Registered by the engine.
 */
@ProviderType
public interface LocalUnits {

    /** How many units this engine executes at once: its pool size. */
    int capacity();

    /**
     * Executes the batch's units one after the other and returns once all completed or one threw. Interrupting
     * the calling thread cancels the batch: its units are interrupted as a cancelled run's are.
     *
     * @throws IllegalArgumentException if this provider version is not installed here
     * @throws InterruptedException     if the calling thread was interrupted (the batch was cancelled)
     */
    BatchAnswer execute(UnitBatch batch) throws InterruptedException;
}
