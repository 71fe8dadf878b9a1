package org.parallelworkbench.engine.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's Config Admin configuration: its PID, every key, and the default the engine uses when a key is
 * unset. A change applies while the engine runs, without cancelling active runs. A value out of range counts as
 * unset, with a warning in the log.
 */
public final class EngineConfiguration {

    /** The engine's Config Admin PID; in the product, {@code conf/<PID>.cfg} holds it. */
    public static final String PID = "org.parallelworkbench.engine";

    /** Worker threads in total; 0 means one per available processor. */
    public static final String POOL_SIZE = "poolSize";
    public static final int DEFAULT_POOL_SIZE = 0;

    /** Runs executing at once; further runs wait their turn. */
    public static final String MAX_CONCURRENT_RUNS = "maxConcurrentRuns";
    public static final int DEFAULT_MAX_CONCURRENT_RUNS = 4;

    /** How long a run waits for a free worker before it fails. */
    public static final String BORROW_TIMEOUT_MILLIS = "borrowTimeoutMillis";
    /** Long enough for busy workers of other runs to come free; a worker that cannot be made fails at once. */
    public static final long DEFAULT_BORROW_TIMEOUT_MILLIS = 30_000;

    /** Where runs left to the engine execute for the providers the product ships: threads, processes or cluster. */
    public static final String SHIPPED_TARGET = "defaultTarget";
    public static final String DEFAULT_SHIPPED_TARGET = "threads";

    /**
     * The same for providers of drop-in bundles. Processes by default: code the product did not ship may call
     * {@code System.exit} or crash its JVM, which only a process walls off.
     */
    public static final String DROPIN_TARGET = "dropinTarget";
    public static final String DEFAULT_DROPIN_TARGET = "processes";

    /** Worker processes in total; 0 means one per available processor. */
    public static final String PROCESS_POOL_SIZE = "processPoolSize";
    public static final int DEFAULT_PROCESS_POOL_SIZE = 0;

    /** How long a worker process may stay idle before it ends; 0 means never. */
    public static final String PROCESS_IDLE_MILLIS = "processIdleMillis";
    public static final long DEFAULT_PROCESS_IDLE_MILLIS = 60_000;

    /** Units after which a worker process is replaced by a fresh one; 0 means never. */
    public static final String PROCESS_MAX_UNITS = "processMaxUnits";
    public static final long DEFAULT_PROCESS_MAX_UNITS = 0;

    /** JVM options of every worker process, separated by white space (no quoting). */
    public static final String PROCESS_JVM_OPTIONS = "processJvmOptions";
    public static final String DEFAULT_PROCESS_JVM_OPTIONS = "-Xmx1g";

    /** Keys {@code processJvmOptions.<provider id>}: more JVM options for one provider's processes; none by default. */
    public static final String PROVIDER_JVM_OPTIONS_PREFIX = PROCESS_JVM_OPTIONS + ".";

    private EngineConfiguration() {
    }

    /** Every key but the per-provider ones, with its default, in the order the shipped .cfg file documents them. */
    public static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(POOL_SIZE, DEFAULT_POOL_SIZE);
        defaults.put(MAX_CONCURRENT_RUNS, DEFAULT_MAX_CONCURRENT_RUNS);
        defaults.put(BORROW_TIMEOUT_MILLIS, DEFAULT_BORROW_TIMEOUT_MILLIS);
        defaults.put(SHIPPED_TARGET, DEFAULT_SHIPPED_TARGET);
        defaults.put(DROPIN_TARGET, DEFAULT_DROPIN_TARGET);
        defaults.put(PROCESS_POOL_SIZE, DEFAULT_PROCESS_POOL_SIZE);
        defaults.put(PROCESS_IDLE_MILLIS, DEFAULT_PROCESS_IDLE_MILLIS);
        defaults.put(PROCESS_MAX_UNITS, DEFAULT_PROCESS_MAX_UNITS);
        defaults.put(PROCESS_JVM_OPTIONS, DEFAULT_PROCESS_JVM_OPTIONS);
        return Collections.unmodifiableMap(defaults);
    }
}
