package org.parallelworkbench.viewmodel;

import java.io.IOException;
import java.util.Objects;

import org.parallelworkbench.core.ExecutionTarget;

/**
 * Where the engine's settings live, as the Preferences dialog sees them. The implementation in the
 * product writes them through Config Admin, so the engine applies them while it runs; tests use a fake.
 * Called inside the {@link PreferencesViewModel}'s Realm, so implementations only do quick local I/O.
 */
public interface EngineSettingsStore {

    /** The settings the engine uses now. */
    Settings read() throws IOException;

    /** The settings the engine uses when none are configured. */
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
