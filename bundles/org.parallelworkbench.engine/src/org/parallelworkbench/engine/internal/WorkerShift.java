package org.parallelworkbench.engine.internal;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;

/**
 * One borrowed worker's turn on a run. On the worker's own thread, {@link #work()} takes units from the
 * run's {@link UnitQueue} and executes them back to back, adding each result to the run's lock-free
 * completion queue, until the queue has nothing for now (see {@link UnitQueue#next()}), the run stops, a
 * unit throws or returns a wrong result, or {@link #TIME_SLICE_MILLIS} have passed (so runs waiting for a
 * worker get a turn). No thread hand-off happens per unit: the worker is handed over once per shift.
 * <p>
 * Threading: {@link #work()} and {@link #ended()} run on the worker's thread, {@code ended} once the worker
 * is idle again; the other methods are read by the run's Job thread. A shift holds no lock.
 */
final class WorkerShift {

    /** Longest turn of a worker on one run before it goes back to the pool and is borrowed again. */
    static final long TIME_SLICE_MILLIS = 15;
    private static final long TIME_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(TIME_SLICE_MILLIS);
    private static final long NO_UNIT = -1;

    private final Run run;
    private final UnitQueue units;
    private final Worker worker;
    private final UnitExecutor executor;
    private final Queue<UnitResult> completions;
    private final Consumer<WorkerShift> onEnded;
    private final BooleanSupplier othersWaiting;
    private final UnitContext context;
    /** The unit executing now, for a stuck-unit report. */
    private volatile long currentUnit = NO_UNIT;
    /** Whether the worker may go back to the pool; written before {@link #ended()}. */
    private volatile boolean reusable;

    /**
     * @param completions where each unit's result goes, read by the run's Job thread
     * @param onEnded       told on the worker's thread once the worker is idle again
     * @param othersWaiting whether runs wait for a worker of this kind, so a long shift should end
     */
    WorkerShift(Run run, UnitQueue units, Worker worker, UnitExecutor executor, Queue<UnitResult> completions,
            Consumer<WorkerShift> onEnded, BooleanSupplier othersWaiting) {
        this.run = run;
        this.units = units;
        this.worker = worker;
        this.executor = executor;
        this.completions = completions;
        this.onEnded = onEnded;
        this.othersWaiting = othersWaiting;
        this.context = new UnitContext() {
            @Override
            public boolean isCanceled() {
                return run.isStopping();
            }

            @Override
            public <S> S workerState(Class<S> type) {
                return worker.workerState(type);
            }
        };
    }

    Worker worker() {
        return worker;
    }

    /** The index of the unit executing now, -1 between units. */
    long currentUnit() {
        return currentUnit;
    }

    /** True if every unit of the shift returned normally, so the worker may be reused. */
    boolean reusable() {
        return reusable;
    }

    // What a worker that executes units elsewhere (a process) does with the shift, on the worker's thread.

    Run run() {
        return run;
    }

    /** The next unit of the run to execute, or null when there is none for now (see {@link UnitQueue#next()}). */
    WorkUnit nextUnit() {
        return run.isStopping() ? null : units.next();
    }

    /** About how many units of the run are left to hand out; {@code Long.MAX_VALUE} for an open-ended run. */
    long unitsLeft() {
        return units.unitsLeft();
    }

    /** Marks the unit executing now (-1 for none), for a stuck-unit report. */
    void executing(long unitIndex) {
        currentUnit = unitIndex;
    }

    /** The unit returned this result; false (and the run told) if it is another unit's. */
    boolean completed(WorkUnit unit, UnitResult result) {
        if (result == null || result.unitIndex() != unit.index()) {
            units.returnedWrongResult(unit, result);
            return false;
        }
        completions.add(result);
        units.completed(unit);
        return true;
    }

    /** The unit threw (in another JVM): tried again or the run fails; see {@link UnitQueue#threw}. */
    void threw(WorkUnit unit, Throwable failure) {
        units.threw(unit, failure);
    }

    /** The unit's worker died while executing it: tried again or the run fails with this description. */
    void workerDied(WorkUnit unit, String description) {
        units.workerDied(unit, description);
    }

    /** Units handed to this shift that never started: they go back to the run's queue, no attempt counted. */
    void notStarted(List<WorkUnit> notStarted) {
        units.notStarted(notStarted);
    }

    /** Whether other runs wait for a worker of this kind; a shift past its time slice should then end. */
    boolean othersWaiting() {
        return othersWaiting.getAsBoolean();
    }

    /** Ends a shift worked by the worker itself: whether the worker may be reused. */
    void worked(boolean healthy) {
        currentUnit = NO_UNIT;
        reusable = healthy;
    }

    /** Executes units until the shift ends (see the class comment); on the worker's thread. */
    void work() {
        boolean healthy = false;
        try {
            healthy = executeUnits();
        } finally {
            currentUnit = NO_UNIT;
            reusable = healthy;
        }
    }

    /** Called by the worker once it is idle again, after {@link #work()}. */
    void ended() {
        onEnded.accept(this);
    }

    /** @return false if a unit threw or returned a wrong result, so the worker is not to be reused */
    private boolean executeUnits() {
        long sliceEnd = System.nanoTime() + TIME_SLICE_NANOS;
        while (!run.isStopping()) {
            WorkUnit unit = units.next();
            if (unit == null) {
                return true;
            }
            currentUnit = unit.index();
            UnitResult result;
            try {
                result = executor.execute(unit, context);
            } catch (Throwable t) { // a unit's Error must fail its run, not kill the worker silently
                units.threw(unit, t);
                return false; // it may have left its worker in any state
            }
            if (result == null || result.unitIndex() != unit.index()) {
                units.returnedWrongResult(unit, result);
                return false;
            }
            completions.add(result);
            units.completed(unit);
            worker.renewInvalidState();
            if (System.nanoTime() - sliceEnd >= 0) {
                return true;
            }
        }
        return true;
    }
}
