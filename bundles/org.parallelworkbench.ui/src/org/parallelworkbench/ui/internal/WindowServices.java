package org.parallelworkbench.ui.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.parallelworkbench.engine.settings.EngineSettingsStore;
import org.parallelworkbench.viewmodel.WorkerBundlesViewModel;

/**
 * What the window needs from the running product beyond its ViewModel: the versions Help > About lists,
 * asked for each time it opens, where Window > Preferences keeps the engine's settings (null: there
 * is none, as in a window in a test, and Preferences is disabled), and the worker bundles for the Bundles tab
 * and File > Install Worker Bundle (null: neither is shown).
 */
record WindowServices(Supplier<List<AboutEntry>> aboutEntries, EngineSettingsStore settingsStore,
        WorkerBundlesViewModel workerBundles) {

    /** No versions to list, no Preferences and no worker bundles: a window in a test. */
    static final WindowServices NONE = new WindowServices(List::of, null, null);

    WindowServices {
        Objects.requireNonNull(aboutEntries, "aboutEntries");
    }
}
