package org.parallelworkbench.engine.settings;

import java.io.IOException;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.engine.config.EngineConfiguration;

/**
 * The engine's settings as a user changes them (Window &gt; Preferences), as an OSGi service. The product's
 * service writes them through Config Admin, so the running engine applies them at once, and into the product's
 * {@code conf/} folder, where they survive a restart.
 * <p>
 * Thread-safe. Each call does a little local file and Config Admin I/O, quick enough for a UI thread.
 */
@ProviderType
public interface EngineSettingsStore {

    /** The settings the engine uses now. */
    Settings read() throws IOException;

    /** The settings the engine uses when none are configured; in the product, {@link Settings#DEFAULTS}. */
    Settings defaults();

    /** Applies the settings to the running engine and keeps them for the next start. */
    void write(Settings settings) throws IOException;

    /**
     * The user's engine settings.
     *
     * @param poolSize          worker threads in total; 0 means one per processor
     * @param maxConcurrentRuns runs executing at once; further runs wait their turn
     * @param dropinFolder      an extra folder watched for worker bundles, absolute; empty for none
     *                          (the product's own dropins folder is always watched)
     * @param shippedTarget     where runs left to the engine execute for providers the product ships:
     *                          {@link ExecutionTarget#THREADS} or {@link ExecutionTarget#PROCESSES}
     * @param dropinTarget      the same for providers of drop-in bundles
     * @param processes         the worker-process pool
     */
    record Settings(int poolSize, int maxConcurrentRuns, String dropinFolder, ExecutionTarget shippedTarget,
            ExecutionTarget dropinTarget, ProcessPool processes) {

        /** The engine's defaults ({@link EngineConfiguration}), and no extra drop-in folder. */
        public static final Settings DEFAULTS = new Settings(EngineConfiguration.DEFAULT_POOL_SIZE,
                EngineConfiguration.DEFAULT_MAX_CONCURRENT_RUNS, "",
                ExecutionTarget.parse(EngineConfiguration.DEFAULT_SHIPPED_TARGET),
                ExecutionTarget.parse(EngineConfiguration.DEFAULT_DROPIN_TARGET),
                new ProcessPool(EngineConfiguration.DEFAULT_PROCESS_POOL_SIZE, EngineConfiguration.DEFAULT_PROCESS_IDLE_MILLIS,
                        EngineConfiguration.DEFAULT_PROCESS_MAX_UNITS, EngineConfiguration.DEFAULT_PROCESS_JVM_OPTIONS));

        public Settings {
            Objects.requireNonNull(dropinFolder, "dropinFolder");
            requirePlace(shippedTarget, "shippedTarget");
            requirePlace(dropinTarget, "dropinTarget");
            Objects.requireNonNull(processes, "processes");
        }

        /** These settings with other thread-pool values, the rest unchanged. */
        public Settings withPool(int newPoolSize, int newMaxConcurrentRuns, String newDropinFolder) {
            return new Settings(newPoolSize, newMaxConcurrentRuns, newDropinFolder, shippedTarget, dropinTarget, processes);
        }

        /** These settings with other places for runs left to the engine, the rest unchanged. */
        public Settings withTargets(ExecutionTarget newShippedTarget, ExecutionTarget newDropinTarget) {
            return new Settings(poolSize, maxConcurrentRuns, dropinFolder, newShippedTarget, newDropinTarget, processes);
        }

        /** These settings with another worker-process pool, the rest unchanged. */
        public Settings withProcesses(ProcessPool newProcesses) {
            return new Settings(poolSize, maxConcurrentRuns, dropinFolder, shippedTarget, dropinTarget, newProcesses);
        }

        private static void requirePlace(ExecutionTarget target, String name) {
            if (Objects.requireNonNull(target, name) == ExecutionTarget.AUTO) {
                throw new IllegalArgumentException(name + " must be threads or processes, not AUTO");
            }
        }
    }

    /**
     * The worker-process pool's settings.
     *
     * @param size       processes in total; 0 means one per processor
     * @param idleMillis how long an idle process lives before it ends; 0 means never
     * @param maxUnits   units after which a process is replaced by a fresh one; 0 means never
     * @param jvmOptions options of every worker JVM, separated by spaces as in the engine's .cfg; empty for none
     */
    record ProcessPool(int size, long idleMillis, long maxUnits, String jvmOptions) {

        public ProcessPool {
            Objects.requireNonNull(jvmOptions, "jvmOptions");
        }
    }
}
