package org.parallelworkbench.core;

import org.osgi.annotation.versioning.ProviderType;

/** What the engine offers a unit while it executes. Called only from the unit's worker thread. */
@ProviderType
public interface UnitContext {

    /**
     * @return true once the run was cancelled. Long units should check this often; the engine also
     *         interrupts the worker thread, so blocking calls end with {@link InterruptedException}.
     */
    boolean isCanceled();
}
