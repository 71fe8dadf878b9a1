package org.parallelworkbench.ui.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;

/**
 * Counts what one run publishes to a subscriber of its summary events, as the window subscribes: how many units it
 * has done (from its progress reports), and how many events of each kind reached the subscriber. It takes no unit's
 * event, so that it adds no flood of its own to what it measures. Thread-safe; the engine calls it on its event
 * thread.
 */
final class RunEventCounter {

    private final AtomicLong unitsDone = new AtomicLong();
    private final LongAdder unitCompleted = new LongAdder();
    private final LongAdder progress = new LongAdder();
    private final LongAdder resultUpdated = new LongAdder();

    RunEventCounter(RunHandle run) {
        run.summaryEvents().subscribe(RunEvent.subscriber(this::onEvent));
    }

    private void onEvent(RunEvent event) {
        if (event instanceof RunEvent.UnitCompleted completed) {
            unitCompleted.increment();
            unitsDone.accumulateAndGet(completed.unitsDone(), Math::max);
        } else if (event instanceof RunEvent.Progress report) {
            progress.increment();
            unitsDone.accumulateAndGet(report.unitsDone(), Math::max);
        } else if (event instanceof RunEvent.ResultUpdated) {
            resultUpdated.increment();
        }
    }

    /** The highest unit count the run has reported. */
    long unitsDone() {
        return unitsDone.get();
    }

    Counts counts() {
        return new Counts(unitsDone(), unitCompleted.sum(), progress.sum(), resultUpdated.sum());
    }

    /** Event counts, to subtract one snapshot from another. */
    record Counts(long unitsDone, long unitCompleted, long progress, long resultUpdated) {

        static final Counts ZERO = new Counts(0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(unitsDone + other.unitsDone, unitCompleted + other.unitCompleted,
                    progress + other.progress, resultUpdated + other.resultUpdated);
        }

        Counts minus(Counts other) {
            return new Counts(unitsDone - other.unitsDone, unitCompleted - other.unitCompleted,
                    progress - other.progress, resultUpdated - other.resultUpdated);
        }
    }
}
