package org.parallelworkbench.core;

/**
 * How the engine treats one run, beyond the provider's parameters.
 *
 * @param unitRetries how often a unit that throws is tried again before it fails the run (0 = never)
 */
public record RunOptions(int unitRetries) {

    public static final RunOptions DEFAULT = new RunOptions(0);
    public static final int MAX_UNIT_RETRIES = 10;

    public RunOptions {
        if (unitRetries < 0 || unitRetries > MAX_UNIT_RETRIES) {
            throw new IllegalArgumentException("unitRetries must be between 0 and " + MAX_UNIT_RETRIES + ": " + unitRetries);
        }
    }
}
