package org.parallelworkbench.ui.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.parallelworkbench.engine.settings.EngineSettingsStore;

/** Settings in memory for dialog tests: records every write, fails the next one on request. */
final class RecordingSettingsStore implements EngineSettingsStore {

    final List<Settings> written = new ArrayList<>();
    IOException nextWriteFailure;
    private Settings current;

    RecordingSettingsStore(Settings current) {
        this.current = current;
    }

    @Override
    public Settings read() {
        return current;
    }

    @Override
    public Settings defaults() {
        return Settings.DEFAULTS;
    }

    @Override
    public void write(Settings settings) throws IOException {
        IOException failure = nextWriteFailure;
        nextWriteFailure = null;
        if (failure != null) {
            throw failure;
        }
        written.add(settings);
        current = settings;
    }
}
