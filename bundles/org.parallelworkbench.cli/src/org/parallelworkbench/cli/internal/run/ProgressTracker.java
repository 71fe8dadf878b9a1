package org.parallelworkbench.cli.internal.run;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.parallelworkbench.core.RunEvent;

/**
 * Keeps the latest progress of one run from its events. {@link RunEvent.Progress} is taken as it is; until
 * (or unless) the engine publishes those, {@link RunEvent.UnitCompleted} counts are used and rate and ETA
 * computed here. Events may arrive on any thread; {@link #snapshot()} may be read from any thread.
 */
final class ProgressTracker {

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final AtomicReference<ProgressSnapshot> latest = new AtomicReference<>(ProgressSnapshot.NONE);
    private volatile boolean engineProgress;

    /** @param nanoClock e.g. {@code System::nanoTime}; the run is taken to start at construction */
    ProgressTracker(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    void accept(RunEvent event) {
        if (event instanceof RunEvent.Progress progress) {
            engineProgress = true;
            latest.set(new ProgressSnapshot(progress.unitsDone(), progress.unitsTotal(), progress.unitsPerSecond(),
                    progress.etaMillis()));
        } else if (event instanceof RunEvent.UnitCompleted completed && !engineProgress) {
            ProgressSnapshot computed = ProgressSnapshot.of(completed.unitsDone(), completed.unitsTotal(),
                    nanoClock.getAsLong() - startNanos);
            // Completions may be delivered out of order across threads: never go backwards.
            latest.accumulateAndGet(computed, (old, next) -> next.unitsDone() >= old.unitsDone() ? next : old);
        }
    }

    ProgressSnapshot snapshot() {
        return latest.get();
    }
}
