package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;

/**
 * Drives one run, on the run's Job thread only (so its fields need no lock). The Job thread borrows
 * workers and hands each a {@link WorkerShift}, which executes units of the run's {@link UnitQueue}
 * back to back on the worker's thread; at most {@code maxConcurrentUnits} workers are on the run at once.
 * Units are never handed over one by one, so a unit costs no context switch and no pool call.
 * <p>
 * Who does what: workers add results to a lock-free completion queue and, when their shift ends, post
 * the shift to {@link #signals} (as does {@link #wake()} after a stop request). The Job thread drains
 * completions in completion order into the {@link Run} (and so the accumulator) and keeps them for the
 * outcome (all of a finite plan's, the latest {@link RunOutcome#OPEN_ENDED_RESULTS_KEPT} of an open-ended
 * plan's, so a run that goes on for days holds no more than a finite one), waking for a shift's
 * end or a stop at once and otherwise every {@link #MIN_WAIT_MILLIS} to {@link #WAIT_SLICE_MILLIS}, gives
 * the workers of ended shifts back to the pool (or destroys them), and borrows more while units remain.
 * No shift starts, and running shifts take no further unit, while too many results wait to be drained
 * ({@link UnitQueue#backlogFull()}), so a Job thread that falls behind the workers holds a bounded backlog.
 * Borrowing never relies on the pool's exception: with workers on the run it only takes a free one
 * ({@link WorkerPool#borrowIfFree}); with none it waits in the pool in slices, so a stop is seen quickly.
 * <p>
 * A unit that throws is tried again up to {@link RunOptions#unitRetries()} times, on another worker: the
 * worker it threw on ends its shift and is destroyed.
 * <p>
 * When the run stops (cancel, a failed unit, no worker), shifts take no further unit, the workers are
 * interrupted and given {@link EngineSettings#UNIT_STOP_GRACE_MILLIS} to end their shift; a worker still
 * in a unit after that is abandoned, destroyed and reported with its stack (see {@link Incidents}), never
 * reused; the pool replaces it.
 * <p>
 * Locks: the Job thread holds none while calling the pool, a worker or the run, and a worker holds none
 * while executing a unit. The two engine locks on this path are leaves, nothing else is taken under them:
 * the {@link UnitQueue}'s monitor (around an open-ended plan's generator) and {@link ThreadWorker}'s lock
 * (around its current shift, so an interrupt reaches only that shift).
 */
final class UnitDispatcher {

    private static final System.Logger LOG = System.getLogger(UnitDispatcher.class.getName());
    /** Longest wait between two looks at the completions, so a lost wake-up costs at most this long. */
    static final long WAIT_SLICE_MILLIS = 50;
    /** Shortest wait between two looks at the completions while units complete. */
    static final long MIN_WAIT_MILLIS = 1;
    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(MIN_WAIT_MILLIS);
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(WAIT_SLICE_MILLIS);
    private static final Object WAKE = new Object();
    /**
     * Borrows from a slow pool made at once: a JVM start keeps about two cores busy, so more starting together
     * than half the cores delays the first worker (measured on 2 cores: a Mandelbrot run on two processes took
     * 1.3-1.4 s starting them one after the other, 1.5-1.6 s starting both at once).
     */
    static final int PARALLEL_BORROWS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final Run run;
    private final WorkPlan plan;
    private final WorkerPool pool;
    private final WorkerKey key;
    private final long borrowTimeoutMillis;
    private final long stopGraceMillis;
    private final Incidents incidents;
    private final UnitQueue units;
    /** Ended shifts and wake-ups, from workers and stop requests. */
    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    /** Results from the workers, in completion order. */
    private final Queue<UnitResult> completions = new ConcurrentLinkedQueue<>();
    /** Shifts of workers on this run now. */
    private final List<WorkerShift> shifts = new ArrayList<>();
    /** Borrows from a pool whose workers start slowly, running on the pool's threads, oldest first. */
    private final List<PendingBorrow> pendingBorrows = new ArrayList<>();
    /** Results kept for the outcome, in completion order; see {@link #resultsKept}. */
    private final ArrayDeque<UnitResult> results = new ArrayDeque<>();
    /** All results of a finite plan, the latest ones of an open-ended plan. */
    private final long resultsKept;
    private final long unitsTotal;
    private long unitsCompleted;

    UnitDispatcher(Run run, WorkPlan plan, WorkerPool pool, long borrowTimeoutMillis, long stopGraceMillis,
            Incidents incidents) {
        this(run, plan, pool, borrowTimeoutMillis, stopGraceMillis, incidents, true);
    }

    /** @param positional false for a batch of another engine's run, see {@link UnitQueue} */
    UnitDispatcher(Run run, WorkPlan plan, WorkerPool pool, long borrowTimeoutMillis, long stopGraceMillis,
            Incidents incidents, boolean positional) {
        this.run = run;
        this.plan = plan;
        this.pool = pool;
        this.key = run.workerKey();
        this.borrowTimeoutMillis = borrowTimeoutMillis;
        this.stopGraceMillis = stopGraceMillis;
        this.incidents = incidents;
        this.units = new UnitQueue(run, plan, positional);
        this.unitsTotal = unitsTotal(plan);
        this.resultsKept = unitsTotal < 0 ? RunOutcome.OPEN_ENDED_RESULTS_KEPT : Long.MAX_VALUE;
    }

    /** Units in the plan, -1 when it is open-ended. */
    static long unitsTotal(WorkPlan plan) {
        return plan instanceof WorkPlan.Finite finite ? finite.units().size() : -1;
    }

    /** Wakes the Job thread after a stop request; any thread. */
    void wake() {
        signals.add(WAKE);
    }

    /** Units completed so far, also those whose results are no longer kept; on the Job thread. */
    long unitsCompleted() {
        return unitsCompleted;
    }

    /**
     * Executes the plan until every unit is done or the run is stopping.
     *
     * @return in unit order, the results of all completed units of a finite plan, of the latest
     *         {@link RunOutcome#OPEN_ENDED_RESULTS_KEPT} of an open-ended plan
     */
    List<UnitResult> drive() {
        boolean interrupted = false;
        try {
            long waitNanos = MIN_WAIT_NANOS;
            while (true) {
                boolean completed = drainCompletions();
                if (run.isStopping()) {
                    break;
                }
                boolean more = units.hasMore();
                if (!more && shifts.isEmpty()) {
                    break;
                }
                if (more && shifts.size() < plan.maxConcurrentUnits() && !units.backlogFull()) {
                    if (pool.startsSlowly()) {
                        Worker worker = borrowInBackground();
                        if (worker != null) {
                            startShift(worker);
                            continue;
                        }
                        if (shifts.isEmpty()) {
                            run.waitingFor(pool.waitingFor(key));
                        }
                    } else {
                        Worker worker = shifts.isEmpty() ? borrowWaiting() : borrowIfFree();
                        if (worker != null) {
                            startShift(worker);
                            continue;
                        }
                        if (shifts.isEmpty()) {
                            continue; // borrowWaiting() gives up only when the run is stopping
                        }
                    }
                }
                Object signal = signals.poll(waitNanos, TimeUnit.NANOSECONDS);
                handleSignals(signal);
                waitNanos = completed || signal != null ? MIN_WAIT_NANOS : Math.min(2 * waitNanos, WAIT_SLICE_NANOS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            run.cancel("The run's job thread was interrupted");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, run + ": engine error", e);
            run.fail("Engine error: " + message(e));
        }
        abandonPendingBorrows();
        stopShifts();
        drainCompletions();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        UnitResult[] kept = results.toArray(UnitResult[]::new);
        results.clear();
        Arrays.sort(kept, Comparator.comparingLong(UnitResult::unitIndex));
        return Arrays.asList(kept);
    }

    /** Feeds the results that arrived to the run; true if there were any. */
    private boolean drainCompletions() {
        boolean any = false;
        for (UnitResult result; (result = completions.poll()) != null;) {
            any = true;
            if (results.size() == resultsKept) {
                results.removeFirst();
            }
            results.addLast(result);
            run.unitCompleted(result, ++unitsCompleted, unitsTotal);
        }
        units.drained(unitsCompleted);
        run.tick();
        return any;
    }

    /** Handles this signal (null after a time-out) and any others already waiting. */
    private void handleSignals(Object first) {
        for (Object signal = first; signal != null; signal = signals.poll()) {
            if (signal instanceof WorkerShift shift && shifts.remove(shift)) { // else abandoned earlier
                if (shift.reusable()) {
                    pool.giveBack(key, shift.worker());
                } else {
                    pool.invalidate(key, shift.worker());
                }
            }
        }
    }

    /** A free worker, or null at once; for a run that has workers already. */
    private Worker borrowIfFree() {
        try {
            return keep(pool.borrowIfFree(key));
        } catch (Exception e) {
            run.fail("Could not get a worker for unit " + units.nextIndex() + ": " + message(e));
            return null;
        }
    }

    /**
     * For a run without workers: waits in the pool in short slices, each also checking for a stop, until
     * a worker comes or the borrow time-out fails the run; null only when the run is stopping.
     */
    private Worker borrowWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(borrowTimeoutMillis);
        while (true) {
            handleSignals(signals.poll());
            if (run.isStopping()) {
                return null;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                run.fail("No worker became free for unit " + units.nextIndex() + " within " + borrowTimeoutMillis
                        + " ms");
                return null;
            }
            Worker worker;
            try {
                worker = pool.borrowIfFree(key);
                if (worker == null) { // the pool's own wait; it throws only when this slice times out
                    worker = pool.borrow(key, Duration.ofNanos(Math.min(remaining, WAIT_SLICE_NANOS)));
                }
            } catch (Exception e) {
                run.fail("Could not get a worker for unit " + units.nextIndex() + ": " + message(e));
                return null;
            }
            if (worker != null) {
                return keep(worker);
            }
        }
    }

    /**
     * For workers slow to make (processes): borrows run on the pool's threads while this thread goes on draining
     * results and watching for a stop, so a cancel is never held up by a JVM starting; and up to
     * {@link #PARALLEL_BORROWS} run at once, so on a machine with many cores a run's processes start side by side.
     * A run without workers always asks for one; more are asked for while the pool has room, the run's cap allows
     * and units are left for them.
     *
     * @return the worker of a borrow that completed, or null (none yet, or the run failed for want of one)
     */
    private Worker borrowInBackground() {
        for (Iterator<PendingBorrow> pending = pendingBorrows.iterator(); pending.hasNext();) {
            PendingBorrow borrow = pending.next();
            if (borrow.worker().isDone()) {
                pending.remove();
                Worker worker = taken(borrow);
                if (worker != null || run.isStopping()) {
                    return worker;
                }
            }
        }
        // A borrow being made counts in the pool's room once its thread runs, so the pool's size bounds them too.
        while (shifts.size() + pendingBorrows.size() < Math.min(plan.maxConcurrentUnits(), pool.size())
                && pendingBorrows.size() < Math.min(units.unitsLeft(), PARALLEL_BORROWS)
                && (shifts.isEmpty() && pendingBorrows.isEmpty() || pool.room() > 0)) {
            PendingBorrow borrow = new PendingBorrow(pool.borrowInBackground(key, Duration.ofMillis(borrowTimeoutMillis)),
                    units.nextIndex());
            borrow.worker().whenComplete((worker, failure) -> signals.add(WAKE));
            pendingBorrows.add(borrow);
        }
        return null;
    }

    /** The worker of a completed borrow; a failed borrow fails the run, a timed-out one too if it was the last hope. */
    private Worker taken(PendingBorrow borrow) {
        try {
            Worker worker = borrow.worker().join();
            if (worker == null && shifts.isEmpty() && pendingBorrows.isEmpty()) {
                run.fail("No worker became free for unit " + borrow.unitIndex() + " within " + borrowTimeoutMillis + " ms");
            }
            return keep(worker);
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            run.fail("Could not get a worker for unit " + borrow.unitIndex() + ": " + message(cause));
            return null;
        }
    }

    /** Borrows still pending when the run stops give their workers back to the pool when they come. */
    private void abandonPendingBorrows() {
        for (PendingBorrow borrow : pendingBorrows) {
            borrow.worker().thenAccept(worker -> {
                if (worker != null) {
                    pool.giveBack(key, worker);
                }
            });
        }
        pendingBorrows.clear();
    }

    /** A borrow on the pool's thread, and the unit it was asked for (for messages). */
    private record PendingBorrow(CompletableFuture<Worker> worker, long unitIndex) {
    }

    /** The borrowed worker, or null after giving it back if the run began stopping meanwhile. */
    private Worker keep(Worker worker) {
        if (worker != null && run.isStopping()) {
            pool.giveBack(key, worker);
            return null;
        }
        return worker;
    }

    private void startShift(Worker worker) {
        run.waitingFor("");
        WorkerShift shift = new WorkerShift(run, units, worker, key.executor(), completions, signals::add, pool::hasWaiters);
        shifts.add(shift);
        try {
            worker.start(shift);
        } catch (RuntimeException e) {
            shifts.remove(shift);
            pool.invalidate(key, worker);
            run.fail("Worker " + worker.name() + " could not start on unit " + units.nextIndex() + ": " + message(e));
        }
    }

    /** Interrupts the run's workers, waits for their shifts to end, abandons those that do not in time. */
    private void stopShifts() {
        if (shifts.isEmpty()) {
            return;
        }
        shifts.forEach(shift -> shift.worker().interrupt());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stopGraceMillis);
        boolean interrupted = false;
        while (!shifts.isEmpty()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                handleSignals(signals.poll(remaining, TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                interrupted = true; // keep waiting: the grace period is bounded anyway
            }
        }
        for (WorkerShift shift : shifts) {
            incidents.report(run + ": unit " + shift.currentUnit() + " ignored the stop for " + stopGraceMillis
                    + " ms; its worker is " + shift.worker().fateWhenAbandoned() + " and replaced: " + shift.worker().describe(), null);
            pool.invalidate(key, shift.worker());
        }
        shifts.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static String message(Throwable t) {
        String text = t.getMessage();
        return text == null || text.isBlank() ? t.getClass().getName() : text;
    }
}
