package org.parallelworkbench.core;

import java.util.Objects;

/**
 * How the engine treats one run, beyond the provider's parameters.
 *
 * @param unitRetries how often a unit that throws (or whose worker process dies) is tried again before it fails
 *                    the run (0 = never)
 * @param target      where the run's units execute; {@link ExecutionTarget#AUTO} lets the engine choose (since 0.4)
 */
public record RunOptions(int unitRetries, ExecutionTarget target) {

    public static final RunOptions DEFAULT = new RunOptions(0, ExecutionTarget.AUTO);
    public static final int MAX_UNIT_RETRIES = 10;

    public RunOptions {
        if (unitRetries < 0 || unitRetries > MAX_UNIT_RETRIES) {
            throw new IllegalArgumentException("unitRetries must be between 0 and " + MAX_UNIT_RETRIES + ": " + unitRetries);
        }
        Objects.requireNonNull(target, "target");
    }

    /** Options with these retries, the engine choosing where units execute. */
    public RunOptions(int unitRetries) {
        this(unitRetries, ExecutionTarget.AUTO);
    }

    /** @since 0.4 */
    public RunOptions withTarget(ExecutionTarget newTarget) {
        return new RunOptions(unitRetries, newTarget);
    }
}
