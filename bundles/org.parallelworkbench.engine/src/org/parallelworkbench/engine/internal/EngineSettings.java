package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;

/**
 * The engine's settings after validation, and every default in one place.
 *
 * @param poolSize            workers in total, at least 1
 * @param maxConcurrentRuns   runs executing at once, at least 1
 * @param borrowTimeoutMillis longest wait of a run for a free worker before it fails, at least 1
 */
record EngineSettings(int poolSize, int maxConcurrentRuns, long borrowTimeoutMillis) {

    private static final System.Logger LOG = System.getLogger(EngineSettings.class.getName());

    /** 0 stands for the number of available processors. */
    static final int DEFAULT_POOL_SIZE = 0;
    static final int DEFAULT_MAX_CONCURRENT_RUNS = 4;
    /** Long enough for busy workers of other runs to come free; a factory failure fails at once. */
    static final long DEFAULT_BORROW_TIMEOUT_MILLIS = 30_000;
    /** How long a stopping run waits for its units to return after the interrupt, before abandoning them. */
    static final long UNIT_STOP_GRACE_MILLIS = 250;
    /** How long closing the engine waits for runs to end and for worker threads to die. */
    static final long CLOSE_WAIT_MILLIS = 1_000;

    EngineSettings {
        if (poolSize < 1 || maxConcurrentRuns < 1 || borrowTimeoutMillis < 1) {
            throw new IllegalArgumentException("Engine settings must be positive: " + poolSize + ", "
                    + maxConcurrentRuns + ", " + borrowTimeoutMillis);
        }
    }

    /** Settings from configuration; a value out of range is replaced by its default, with a warning. */
    static EngineSettings from(EngineConfig config) {
        int poolSize = config.poolSize();
        if (poolSize < 0) {
            warn("poolSize", poolSize);
            poolSize = DEFAULT_POOL_SIZE;
        }
        if (poolSize == 0) {
            poolSize = Runtime.getRuntime().availableProcessors();
        }
        int maxConcurrentRuns = config.maxConcurrentRuns();
        if (maxConcurrentRuns < 1) {
            warn("maxConcurrentRuns", maxConcurrentRuns);
            maxConcurrentRuns = DEFAULT_MAX_CONCURRENT_RUNS;
        }
        long borrowTimeoutMillis = config.borrowTimeoutMillis();
        if (borrowTimeoutMillis < 1) {
            warn("borrowTimeoutMillis", borrowTimeoutMillis);
            borrowTimeoutMillis = DEFAULT_BORROW_TIMEOUT_MILLIS;
        }
        return new EngineSettings(poolSize, maxConcurrentRuns, borrowTimeoutMillis);
    }

    private static void warn(String key, long value) {
        LOG.log(Level.WARNING, "Configuration " + EngineConfig.PID + ": '" + key + "' = " + value
                + " is out of range; using the default");
    }
}
