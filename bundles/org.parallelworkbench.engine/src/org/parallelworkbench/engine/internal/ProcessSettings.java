package org.parallelworkbench.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.parallelworkbench.engine.config.EngineConfiguration;

/**
 * The settings of the worker-process pool, after validation.
 *
 * @param maxProcesses         worker processes in total, at least 1
 * @param idleMillis           how long a process may stay idle before it ends; 0 = for ever
 * @param maxUnitsPerProcess   units after which a process is replaced (against state leaking between runs); 0 = never
 * @param jvmOptions           options of every worker JVM
 * @param providerJvmOptions   further options by provider id, after {@code jvmOptions} (so e.g. its -Xmx wins)
 */
record ProcessSettings(int maxProcesses, long idleMillis, long maxUnitsPerProcess, List<String> jvmOptions,
        Map<String, List<String>> providerJvmOptions) {

    /** {@link EngineConfiguration}'s defaults, a pool size of 0 counted as the processors. */
    static final ProcessSettings DEFAULT = new ProcessSettings(Runtime.getRuntime().availableProcessors(),
            EngineConfiguration.DEFAULT_PROCESS_IDLE_MILLIS, EngineConfiguration.DEFAULT_PROCESS_MAX_UNITS,
            options(EngineConfiguration.DEFAULT_PROCESS_JVM_OPTIONS), Map.of());

    ProcessSettings {
        if (maxProcesses < 1 || idleMillis < 0 || maxUnitsPerProcess < 0) {
            throw new IllegalArgumentException("Process settings out of range: " + maxProcesses + ", " + idleMillis
                    + ", " + maxUnitsPerProcess);
        }
        jvmOptions = List.copyOf(jvmOptions);
        providerJvmOptions = Map.copyOf(providerJvmOptions);
    }

    /** The JVM options of a worker process for this provider. */
    List<String> jvmOptions(String providerId) {
        List<String> own = providerJvmOptions.get(providerId);
        if (own == null) {
            return jvmOptions;
        }
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(own);
        return List.copyOf(all);
    }

    /** Options separated by white space, as written in the configuration (no quoting). */
    static List<String> options(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }
}
