package org.parallelworkbench.engine.internal;

import org.parallelworkbench.engine.config.EngineConfiguration;

/**
 * The engine's configuration as a component property type: each method is a key of {@link EngineConfiguration},
 * with its default from there; {@link EngineSettings} validates the values.
 */
public @interface EngineConfig {

    int poolSize() default EngineConfiguration.DEFAULT_POOL_SIZE;

    int maxConcurrentRuns() default EngineConfiguration.DEFAULT_MAX_CONCURRENT_RUNS;

    long borrowTimeoutMillis() default EngineConfiguration.DEFAULT_BORROW_TIMEOUT_MILLIS;

    /** Key {@link EngineConfiguration#SHIPPED_TARGET}. */
    String defaultTarget() default EngineConfiguration.DEFAULT_SHIPPED_TARGET;

    String dropinTarget() default EngineConfiguration.DEFAULT_DROPIN_TARGET;

    int processPoolSize() default EngineConfiguration.DEFAULT_PROCESS_POOL_SIZE;

    long processIdleMillis() default EngineConfiguration.DEFAULT_PROCESS_IDLE_MILLIS;

    long processMaxUnits() default EngineConfiguration.DEFAULT_PROCESS_MAX_UNITS;

    String processJvmOptions() default EngineConfiguration.DEFAULT_PROCESS_JVM_OPTIONS;
}
