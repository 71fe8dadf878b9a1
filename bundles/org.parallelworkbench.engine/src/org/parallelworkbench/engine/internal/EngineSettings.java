package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.engine.config.EngineConfiguration;

/**
 * The engine's settings after validation; the defaults are {@link EngineConfiguration}'s.
 *
 * @param poolSize            worker threads in total, at least 1
 * @param maxConcurrentRuns   runs executing at once, at least 1
 * @param borrowTimeoutMillis longest wait of a run for a free worker before it fails, at least 1
 * @param shippedTarget       where runs left to the engine execute, for providers of bundles the product ships
 * @param dropinTarget        the same for providers of drop-in bundles: code the product did not ship, which may
 *                            call {@code System.exit} or crash its JVM (nothing in a JVM stops that since Java 24)
 * @param processes           the worker-process pool's settings
 */
record EngineSettings(int poolSize, int maxConcurrentRuns, long borrowTimeoutMillis, ExecutionTarget shippedTarget,
        ExecutionTarget dropinTarget, ProcessSettings processes) {

    private static final System.Logger LOG = System.getLogger(EngineSettings.class.getName());

    /** How long a stopping run waits for its units to return after the interrupt, before abandoning them. */
    static final long UNIT_STOP_GRACE_MILLIS = 250;
    /** How long closing the engine waits for runs to end and for worker threads to die. */
    static final long CLOSE_WAIT_MILLIS = 1_000;

    static final ExecutionTarget DEFAULT_SHIPPED_TARGET = ExecutionTarget.parse(EngineConfiguration.DEFAULT_SHIPPED_TARGET);
    static final ExecutionTarget DEFAULT_DROPIN_TARGET = ExecutionTarget.parse(EngineConfiguration.DEFAULT_DROPIN_TARGET);

    EngineSettings {
        if (poolSize < 1 || maxConcurrentRuns < 1 || borrowTimeoutMillis < 1) {
            throw new IllegalArgumentException("Engine settings must be positive: " + poolSize + ", "
                    + maxConcurrentRuns + ", " + borrowTimeoutMillis);
        }
        if (shippedTarget == ExecutionTarget.AUTO || dropinTarget == ExecutionTarget.AUTO) {
            throw new IllegalArgumentException("A default target must be a place, not AUTO");
        }
    }

    /** Settings with these pool limits and the defaults for everything else. */
    EngineSettings(int poolSize, int maxConcurrentRuns, long borrowTimeoutMillis) {
        this(poolSize, maxConcurrentRuns, borrowTimeoutMillis, DEFAULT_SHIPPED_TARGET, DEFAULT_DROPIN_TARGET,
                ProcessSettings.DEFAULT);
    }

    /** What differs from the older settings, e.g. "poolSize 8 -> 2, processes.idleMillis 60000 -> 0"; "" if nothing. */
    String changesFrom(EngineSettings old) {
        List<String> changes = new ArrayList<>();
        addChanges("", old, this, changes);
        return String.join(", ", changes);
    }

    private static void addChanges(String prefix, Record older, Record newer, List<String> changes) {
        for (RecordComponent component : newer.getClass().getRecordComponents()) {
            Object before = value(component, older);
            Object after = value(component, newer);
            if (before instanceof Record beforeRecord && after instanceof Record afterRecord) {
                addChanges(prefix + component.getName() + ".", beforeRecord, afterRecord, changes);
            } else if (!Objects.equals(before, after)) {
                changes.add(prefix + component.getName() + " " + before + " -> " + after);
            }
        }
    }

    private static Object value(RecordComponent component, Record of) {
        try {
            return component.getAccessor().invoke(of);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName(), e);
        }
    }

    /** Settings from configuration without per-provider keys. */
    static EngineSettings from(EngineConfig config) {
        return from(config, Map.of());
    }

    /**
     * Settings from configuration; a value out of range is replaced by its default, with a warning.
     *
     * @param properties all configuration properties, for the per-provider keys
     *                   ({@value EngineConfiguration#PROVIDER_JVM_OPTIONS_PREFIX}{@code <provider id>})
     */
    static EngineSettings from(EngineConfig config, Map<String, ?> properties) {
        int poolSize = config.poolSize();
        if (poolSize < 0) {
            warn(EngineConfiguration.POOL_SIZE, poolSize);
            poolSize = EngineConfiguration.DEFAULT_POOL_SIZE;
        }
        if (poolSize == 0) {
            poolSize = Runtime.getRuntime().availableProcessors();
        }
        int maxConcurrentRuns = config.maxConcurrentRuns();
        if (maxConcurrentRuns < 1) {
            warn(EngineConfiguration.MAX_CONCURRENT_RUNS, maxConcurrentRuns);
            maxConcurrentRuns = EngineConfiguration.DEFAULT_MAX_CONCURRENT_RUNS;
        }
        long borrowTimeoutMillis = config.borrowTimeoutMillis();
        if (borrowTimeoutMillis < 1) {
            warn(EngineConfiguration.BORROW_TIMEOUT_MILLIS, borrowTimeoutMillis);
            borrowTimeoutMillis = EngineConfiguration.DEFAULT_BORROW_TIMEOUT_MILLIS;
        }
        return new EngineSettings(poolSize, maxConcurrentRuns, borrowTimeoutMillis,
                target(EngineConfiguration.SHIPPED_TARGET, config.defaultTarget(), DEFAULT_SHIPPED_TARGET),
                target(EngineConfiguration.DROPIN_TARGET, config.dropinTarget(), DEFAULT_DROPIN_TARGET),
                processes(config, properties));
    }

    private static ProcessSettings processes(EngineConfig config, Map<String, ?> properties) {
        int maxProcesses = config.processPoolSize();
        if (maxProcesses < 0) {
            warn(EngineConfiguration.PROCESS_POOL_SIZE, maxProcesses);
            maxProcesses = EngineConfiguration.DEFAULT_PROCESS_POOL_SIZE;
        }
        if (maxProcesses == 0) {
            maxProcesses = Runtime.getRuntime().availableProcessors();
        }
        long idleMillis = config.processIdleMillis();
        if (idleMillis < 0) {
            warn(EngineConfiguration.PROCESS_IDLE_MILLIS, idleMillis);
            idleMillis = EngineConfiguration.DEFAULT_PROCESS_IDLE_MILLIS;
        }
        long maxUnits = config.processMaxUnits();
        if (maxUnits < 0) {
            warn(EngineConfiguration.PROCESS_MAX_UNITS, maxUnits);
            maxUnits = EngineConfiguration.DEFAULT_PROCESS_MAX_UNITS;
        }
        Map<String, List<String>> byProvider = new HashMap<>();
        properties.forEach((key, value) -> {
            String prefix = EngineConfiguration.PROVIDER_JVM_OPTIONS_PREFIX;
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                byProvider.put(key.substring(prefix.length()), ProcessSettings.options(String.valueOf(value)));
            }
        });
        return new ProcessSettings(maxProcesses, idleMillis, maxUnits, ProcessSettings.options(config.processJvmOptions()),
                byProvider);
    }

    private static ExecutionTarget target(String key, String value, ExecutionTarget fallback) {
        try {
            ExecutionTarget target = ExecutionTarget.parse(value);
            if (target != ExecutionTarget.AUTO) {
                return target;
            }
        } catch (IllegalArgumentException e) {
            // warned below
        }
        LOG.log(Level.WARNING, "Configuration " + EngineConfiguration.PID + ": '" + key + "' = '" + value
                + "' is not threads, processes or cluster; using " + fallback.name().toLowerCase(Locale.ROOT));
        return fallback;
    }

    private static void warn(String key, long value) {
        LOG.log(Level.WARNING, "Configuration " + EngineConfiguration.PID + ": '" + key + "' = " + value
                + " is out of range; using the default");
    }
}
