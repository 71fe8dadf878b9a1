package org.parallelworkbench.engine.internal;

/**
 * The engine's configuration (component property type), read from Config Admin under
 * {@link #PID}. A change applies at once without cancelling active runs: the pool is resized, and new
 * runs get the new run limit and borrow time-out. Defaults live in {@link EngineSettings}.
 */
public @interface EngineConfig {

    String PID = "org.parallelworkbench.engine";

    /** Number of workers; 0 means one per available processor. */
    int poolSize() default EngineSettings.DEFAULT_POOL_SIZE;

    /** Runs executing at once; further runs wait in the Jobs queue. */
    int maxConcurrentRuns() default EngineSettings.DEFAULT_MAX_CONCURRENT_RUNS;

    /** How long a run waits for a free worker before it fails. */
    long borrowTimeoutMillis() default EngineSettings.DEFAULT_BORROW_TIMEOUT_MILLIS;

    /** Where runs left to the engine execute for providers the product ships: threads or processes. */
    String defaultTarget() default "threads";

    /** Where runs left to the engine execute for providers of drop-in bundles: threads or processes. */
    String dropinTarget() default "processes";

    /** Worker processes in total; 0 means one per available processor. */
    int processPoolSize() default 0;

    /** How long a worker process may stay idle before it ends; 0 = never. */
    long processIdleMillis() default ProcessSettings.DEFAULT_IDLE_MILLIS;

    /** Units after which a worker process is replaced by a fresh one; 0 = never. */
    long processMaxUnits() default 0;

    /** JVM options of every worker process, separated by spaces; {@code processJvmOptions.<provider id>} adds more. */
    String processJvmOptions() default ProcessSettings.DEFAULT_JVM_OPTIONS;
}
