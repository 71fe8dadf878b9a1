package org.parallelworkbench.ui.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.parallelworkbench.viewmodel.EngineSettingsStore;

/**
 * What the window needs from the running product beyond its ViewModel: the versions Help > About lists,
 * asked for each time it opens, and where Window > Preferences keeps the engine's settings (null: the
 * product has no Config Admin, and Preferences is disabled).
 */
record WindowServices(Supplier<List<AboutEntry>> aboutEntries, EngineSettingsStore settingsStore) {

    /** No versions to list and no Preferences: a window in a test. */
    static final WindowServices NONE = new WindowServices(List::of, null);

    WindowServices {
        Objects.requireNonNull(aboutEntries, "aboutEntries");
    }
}
