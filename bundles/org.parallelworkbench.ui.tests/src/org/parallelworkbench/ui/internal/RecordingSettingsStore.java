package org.parallelworkbench.ui.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.viewmodel.EngineSettingsStore;

/** Settings in memory for dialog tests: records every write, fails the next one on request. */
final class RecordingSettingsStore implements EngineSettingsStore {

    static final Settings DEFAULTS = new Settings(0, 4, "", ExecutionTarget.THREADS, ExecutionTarget.PROCESSES,
            new ProcessPool(0, 60_000, 0, "-Xmx1g"));

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
