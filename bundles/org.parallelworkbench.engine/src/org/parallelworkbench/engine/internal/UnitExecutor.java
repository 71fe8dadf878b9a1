package org.parallelworkbench.engine.internal;

import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;

/**
 * What a {@link Worker} runs for one unit. In process this is the provider's
 * {@link org.parallelworkbench.core.WorkProvider#execute}; a worker in another process would instead
 * send the unit's plain data to its peer, which looks the provider up locally.
 */
@FunctionalInterface
interface UnitExecutor {

    /** Called on the worker's own thread; may block and should stop when cancelled or interrupted. */
    UnitResult execute(WorkUnit unit, UnitContext context) throws Exception;
}
