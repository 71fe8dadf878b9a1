package org.parallelworkbench.viewmodel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.engine.settings.EngineSettingsStore;

/** Settings in memory; records every write and fails the next read or write on request. */
final class FakeEngineSettingsStore implements EngineSettingsStore {

    /** Not the engine's defaults, so that a test sees these came from the store. */
    static final Settings DEFAULTS = new Settings(0, 4, "", ExecutionTarget.THREADS, ExecutionTarget.PROCESSES,
            new ProcessPool(0, 45_000, 0, "-Xmx512m"));

    Settings current;
    final List<Settings> written = new ArrayList<>();
    IOException nextReadFailure;
    IOException nextWriteFailure;

    FakeEngineSettingsStore(Settings current) {
        this.current = current;
    }

    @Override
    public Settings read() throws IOException {
        IOException failure = nextReadFailure;
        nextReadFailure = null;
        if (failure != null) {
            throw failure;
        }
        return current;
    }

    @Override
    public Settings defaults() {
        return DEFAULTS;
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
