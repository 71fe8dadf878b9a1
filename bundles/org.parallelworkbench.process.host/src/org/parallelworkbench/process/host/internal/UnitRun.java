package org.parallelworkbench.process.host.internal;

import org.parallelworkbench.core.UnitContext;

/**
 * The context of one unit executing in the worker process. Threading: {@link #cancel()} from the host's reader
 * thread; the rest from the executor thread, which runs the unit.
 */
final class UnitRun implements UnitContext {

    private final WorkerState state;
    private volatile boolean canceled;

    UnitRun(WorkerState state) {
        this.state = state;
    }

    void cancel() {
        canceled = true;
    }

    @Override
    public boolean isCanceled() {
        return canceled;
    }

    @Override
    public <S> S workerState(Class<S> type) {
        return state.get(type);
    }
}
