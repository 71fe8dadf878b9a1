package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;

/**
 * One run's units still to start, shared by the workers on the run: units to try again first, then the
 * plan's units in index order. A finite plan is read through a lock-free cursor; an open-ended plan's
 * generator is called under this queue's lock, one index at a time, since a provider's function need
 * not be thread-safe. Also decides what a unit that threw or returned a wrong result means for the run.
 * <p>
 * Back-pressure: while {@link #MAX_UNDRAINED_RESULTS} units handed out have not been drained by the run's
 * Job thread ({@link #drained}), {@link #next()} gives nothing, so the workers' shifts end and the results
 * waiting for a Job thread that falls behind (a slow accumulator, a starved thread) stay bounded.
 * <p>
 * Threading: every method is thread-safe, called by the workers on the run ({@link #hasMore()} and
 * {@link #nextIndex()} also by its Job thread). The only lock is this queue's monitor around the open-ended
 * generator; nothing else is called under it, and the run is failed only after it is released. A unit
 * that cannot be created fails the run, after which {@link #next()} gives nothing more.
 */
final class UnitQueue {

    private static final System.Logger LOG = System.getLogger(UnitQueue.class.getName());
    /**
     * Units handed out but not yet drained at which no further unit is handed out: some megabytes of
     * results, yet tens of milliseconds of empty units, so a Job thread that keeps up never meets it.
     */
    static final long MAX_UNDRAINED_RESULTS = 100_000;

    private final Run run;
    private final WorkPlan.Finite finite;
    private final WorkPlan.Open open;
    private final long unitsTotal;
    /** Next plan index to hand out; past the end once a finite plan is exhausted. */
    private final AtomicLong cursor = new AtomicLong();
    /** Units that threw and are to be tried again, in failure order. */
    private final Queue<WorkUnit> retries = new ConcurrentLinkedQueue<>();
    /**
     * Failed attempts so far of units that failed and have not completed since; an entry goes when its
     * unit completes, so an open-ended run that now and then retries a unit does not grow this map.
     */
    private final Map<Long, Integer> failedAttempts = new ConcurrentHashMap<>();
    /** Whether a finite plan's units must have their position as index (a provider's plan) or may have any (a batch). */
    private final boolean positional;
    /** Set once a unit could not be created: the plan gives nothing more. */
    private volatile boolean broken;
    /** Completed units the Job thread has taken; written by it only. */
    private volatile long unitsDrained;

    UnitQueue(Run run, WorkPlan plan) {
        this(run, plan, true);
    }

    /** @param positional false for a batch of another engine's run, whose units keep that run's indexes */
    UnitQueue(Run run, WorkPlan plan, boolean positional) {
        this.run = run;
        this.positional = positional;
        this.finite = plan instanceof WorkPlan.Finite f ? f : null;
        this.open = plan instanceof WorkPlan.Open o ? o : null;
        this.unitsTotal = UnitDispatcher.unitsTotal(plan);
    }

    /**
     * The next unit to execute, or null when there is none now: all handed out, the plan broke, or too
     * many results wait for the Job thread ({@link #backlogFull()}).
     */
    WorkUnit next() {
        if (backlogFull()) {
            return null;
        }
        WorkUnit retry = retries.poll();
        if (retry != null) {
            return retry;
        }
        if (broken) {
            return null;
        }
        long index = -1;
        try {
            if (finite != null) {
                index = cursor.getAndIncrement();
                if (index >= unitsTotal) {
                    return null;
                }
                WorkUnit unit = finite.units().get((int) index);
                return positional ? checked(index, unit) : unit;
            }
            synchronized (this) { // the provider's generator need not be thread-safe
                index = cursor.getAndIncrement();
                return checked(index, open.unitAt().apply(index));
            }
        } catch (RuntimeException e) { // failed outside the lock: failing calls the run's stop listener
            broken = true;
            run.fail("Unit " + index + " could not be created: " + UnitDispatcher.message(e));
            return null;
        }
    }

    private static WorkUnit checked(long index, WorkUnit unit) {
        if (unit == null || unit.index() != index) {
            throw new IllegalStateException("the plan gave " + unit);
        }
        return unit;
    }

    /** The Job thread has taken this many completed units in all; on the Job thread. */
    void drained(long unitsCompleted) {
        unitsDrained = unitsCompleted;
    }

    /**
     * True while {@link #MAX_UNDRAINED_RESULTS} or more units were handed out and not drained: no unit is
     * handed out until the Job thread catches up. Units being retried count once, as they complete once.
     */
    boolean backlogFull() {
        long handedOut = finite != null ? Math.min(cursor.get(), unitsTotal) : cursor.get();
        return handedOut - unitsDrained >= MAX_UNDRAINED_RESULTS;
    }

    /** True while a unit is left to hand out (a retry, or the plan is not exhausted). */
    boolean hasMore() {
        return !retries.isEmpty() || !broken && (unitsTotal < 0 || cursor.get() < unitsTotal);
    }

    /** About how many units are left to hand out: a finite plan's rest and the retries; {@code Long.MAX_VALUE} for an open one. */
    long unitsLeft() {
        return finite == null ? Long.MAX_VALUE : Math.max(0, unitsTotal - cursor.get()) + retries.size();
    }

    /** The index of the unit {@link #next()} would give, for messages. */
    long nextIndex() {
        WorkUnit retry = retries.peek();
        return retry != null ? retry.index() : cursor.get();
    }

    /**
     * A unit threw: queued again while it has retries left ({@link RunOptions#unitRetries()}), else the run
     * fails naming it. Ignored while the run is stopping (the stop likely caused it).
     */
    void threw(WorkUnit unit, Throwable failure) {
        failedAttempt(unit, UnitDispatcher.message(failure), failure, attempts -> "Unit " + unit.index() + " failed after "
                + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + UnitDispatcher.message(failure));
    }

    /**
     * The worker process executing a unit died: like {@link #threw}, but the run's reason is the description of
     * the death (it names the unit), kept apart from a unit that threw.
     */
    void workerDied(WorkUnit unit, String description) {
        failedAttempt(unit, description, null, attempts -> attempts == 1 ? description
                : description + " (attempt " + attempts + ")");
    }

    private void failedAttempt(WorkUnit unit, String why, Throwable failure, IntFunction<String> runReason) {
        if (run.isStopping()) {
            return;
        }
        long index = unit.index();
        int attempts = failedAttempts.merge(index, 1, Integer::sum);
        if (attempts <= run.options().unitRetries()) {
            LOG.log(Level.INFO, run + ": unit " + index + " failed (attempt " + attempts + "), trying again: " + why);
            retries.add(unit);
            return;
        }
        String reason = runReason.apply(attempts);
        if (failure != null) {
            LOG.log(Level.WARNING, run + ": unit " + index + " failed", failure);
        } else {
            LOG.log(Level.WARNING, run + ": " + reason);
        }
        run.failUnit(new Run.FailedUnit(index, why, failure), reason);
    }

    /** Units handed out that never started (their worker ended first): handed out again, no attempt counted. */
    void notStarted(List<WorkUnit> units) {
        if (!run.isStopping()) {
            retries.addAll(units);
        }
    }

    /** The unit completed: it needs no count of failed attempts any more. */
    void completed(WorkUnit unit) {
        if (!failedAttempts.isEmpty()) {
            failedAttempts.remove(unit.index());
        }
    }

    /** A unit returned null or another unit's result: the run fails, unless it is stopping anyway. */
    void returnedWrongResult(WorkUnit unit, UnitResult result) {
        if (!run.isStopping()) {
            run.fail("Unit " + unit.index() + " returned " + (result == null ? "no result" : "a result for unit "
                    + result.unitIndex()));
        }
    }
}
