package org.parallelworkbench.viewmodel;

import java.io.IOException;
import java.util.Objects;

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
     * @param poolSize          workers in total; 0 means one per processor
     * @param maxConcurrentRuns runs executing at once; further runs wait their turn
     * @param dropinFolder      an extra folder watched for worker bundles, absolute; empty for none
     *                          (the product's own dropins folder is always watched)
     */
    record Settings(int poolSize, int maxConcurrentRuns, String dropinFolder) {

        public Settings {
            Objects.requireNonNull(dropinFolder, "dropinFolder");
        }
    }
}
