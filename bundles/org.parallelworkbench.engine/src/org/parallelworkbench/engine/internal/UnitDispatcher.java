package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;

/**
 * Drives one run's units through borrowed workers, on the run's Job thread only (so its fields need no
 * lock). At most {@code maxConcurrentUnits} units are in flight; each takes a worker from the pool and
 * gives it back when it returns normally. Workers report completions into a queue, which is also how a
 * stop request wakes this thread. Completed units go to the {@link Run} in completion order, on this
 * thread, which feeds them to the run's accumulator.
 * <p>
 * A unit that throws is tried again, on another worker, up to {@link RunOptions#unitRetries()} times
 * before it fails the run; the worker it threw on is destroyed.
 * <p>
 * When the run stops (cancel, a failed unit, no worker), no further unit starts, the units in flight are
 * interrupted and given {@link EngineSettings#UNIT_STOP_GRACE_MILLIS} to return; a unit still running
 * after that is abandoned with its worker, which is destroyed and reported with its stack (see
 * {@link Incidents}), never reused; the pool replaces it.
 */
final class UnitDispatcher {

    private static final System.Logger LOG = System.getLogger(UnitDispatcher.class.getName());
    /** Upper bound of each wait, so a lost wake-up costs at most this long. */
    private static final long WAIT_SLICE_MILLIS = 50;
    /** While own units are in flight, how often to look for a worker freed by another run. */
    private static final long BUSY_POLL_MILLIS = 5;
    private static final Object WAKE = new Object();

    private record Completion(WorkUnit unit, Worker worker, UnitResult result, Throwable failure) {
    }

    private final Run run;
    private final WorkPlan plan;
    private final WorkerPool pool;
    private final WorkerKey key;
    private final long borrowTimeoutMillis;
    private final long stopGraceMillis;
    private final Incidents incidents;
    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private final Map<Long, Worker> inFlight = new HashMap<>();
    private final List<UnitResult> results = new ArrayList<>();
    /** Units that threw and are to be tried again, in failure order. */
    private final Queue<WorkUnit> retries = new ArrayDeque<>();
    /** Failed attempts so far, only of units that failed at least once. */
    private final Map<Long, Integer> failedAttempts = new HashMap<>();
    private final long unitsTotal;

    UnitDispatcher(Run run, WorkPlan plan, WorkerPool pool, long borrowTimeoutMillis, long stopGraceMillis,
            Incidents incidents) {
        this.run = run;
        this.plan = plan;
        this.pool = pool;
        this.key = run.workerKey();
        this.borrowTimeoutMillis = borrowTimeoutMillis;
        this.stopGraceMillis = stopGraceMillis;
        this.incidents = incidents;
        this.unitsTotal = unitsTotal(plan);
    }

    /** Units in the plan, -1 when it is open-ended. */
    static long unitsTotal(WorkPlan plan) {
        return plan instanceof WorkPlan.Finite finite ? finite.units().size() : -1;
    }

    /** Wakes the Job thread after a stop request; any thread. */
    void wake() {
        signals.add(WAKE);
    }

    /**
     * Executes the plan until every unit is done or the run is stopping.
     *
     * @return the results of all completed units, in unit order
     */
    List<UnitResult> drive() {
        boolean interrupted = false;
        try {
            long next = 0;
            while (!run.isStopping()) {
                run.tick();
                boolean more = !retries.isEmpty() || unitsTotal < 0 || next < unitsTotal;
                if (!more && inFlight.isEmpty()) {
                    break;
                }
                if (!more || inFlight.size() >= plan.maxConcurrentUnits()) {
                    handle(signals.poll(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS));
                    continue;
                }
                boolean retry = !retries.isEmpty(); // borrow() only ever appends, so the head stays put
                WorkUnit unit = retry ? retries.peek() : unitAt(next);
                Worker worker = unit == null ? null : borrow(unit.index());
                if (worker == null) {
                    break;
                }
                dispatch(unit, worker);
                if (retry) {
                    retries.remove();
                } else {
                    next++;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            run.cancel("The run's job thread was interrupted");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, run + ": engine error", e);
            run.fail("Engine error: " + message(e));
        }
        stopInFlight();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        results.sort(Comparator.comparingLong(UnitResult::unitIndex));
        return results;
    }

    private WorkUnit unitAt(long index) {
        WorkUnit unit;
        try {
            unit = plan instanceof WorkPlan.Finite finite ? finite.units().get((int) index)
                    : ((WorkPlan.Open) plan).unitAt().apply(index);
        } catch (RuntimeException e) {
            run.fail("Unit " + index + " could not be created: " + message(e));
            return null;
        }
        if (unit == null || unit.index() != index) {
            run.fail("Unit " + index + " could not be created: the plan gave " + unit);
            return null;
        }
        return unit;
    }

    /**
     * Waits for a worker in short slices, null if the run stops. While this run's own units are in flight
     * it waits for their completions (which free workers) rather than inside the pool, so a finished
     * unit's worker is never stuck in the completion queue while this thread waits for it.
     */
    private Worker borrow(long unitIndex) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(borrowTimeoutMillis);
        while (true) {
            for (Object signal; (signal = signals.poll()) != null;) {
                handle(signal);
            }
            if (run.isStopping()) {
                return null;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                run.fail("No worker became free for unit " + unitIndex + " within " + borrowTimeoutMillis + " ms");
                return null;
            }
            long slice = Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(WAIT_SLICE_MILLIS));
            Worker worker;
            try {
                worker = pool.borrow(key, inFlight.isEmpty() ? Duration.ofNanos(slice) : Duration.ZERO);
            } catch (Exception e) {
                run.fail("Could not get a worker for unit " + unitIndex + ": " + message(e));
                return null;
            }
            if (worker != null) {
                if (!run.isStopping()) {
                    return worker;
                }
                pool.giveBack(key, worker);
                return null;
            }
            if (!inFlight.isEmpty()) {
                handle(signals.poll(Math.min(slice, TimeUnit.MILLISECONDS.toNanos(BUSY_POLL_MILLIS)), TimeUnit.NANOSECONDS));
            }
        }
    }

    private void dispatch(WorkUnit unit, Worker worker) {
        UnitContext context = new UnitContext() {
            @Override
            public boolean isCanceled() {
                return run.isStopping();
            }

            @Override
            public <S> S workerState(Class<S> type) {
                return worker.workerState(type);
            }
        };
        try {
            worker.submit(unit, context)
                    .whenComplete((result, failure) -> signals.add(new Completion(unit, worker, result, failure)));
            inFlight.put(unit.index(), worker);
        } catch (RuntimeException e) {
            pool.invalidate(key, worker);
            run.fail("Worker " + worker.name() + " could not take unit " + unit.index() + ": " + message(e));
        }
    }

    private void handle(Object signal) {
        run.tick();
        if (!(signal instanceof Completion done) || inFlight.remove(done.unit().index()) == null) {
            return; // a wake-up, a time-out, or a unit abandoned earlier
        }
        long index = done.unit().index();
        UnitResult result = done.result();
        if (done.failure() == null && result != null && result.unitIndex() == index) {
            pool.giveBack(key, done.worker());
            results.add(result);
            run.unitCompleted(result, unitsTotal);
            return;
        }
        pool.invalidate(key, done.worker()); // a unit that threw may have left its worker in any state
        if (run.isStopping()) {
            return; // thrown in response to the stop, e.g. InterruptedException
        }
        if (done.failure() == null) {
            run.fail("Unit " + index + " returned " + (result == null ? "no result" : "a result for unit "
                    + result.unitIndex()));
            return;
        }
        int attempts = failedAttempts.merge(index, 1, Integer::sum);
        if (attempts <= run.options().unitRetries()) {
            LOG.log(Level.INFO, run + ": unit " + index + " failed (attempt " + attempts + "), trying again: "
                    + message(done.failure()));
            retries.add(done.unit());
            return;
        }
        LOG.log(Level.WARNING, run + ": unit " + index + " failed", done.failure());
        run.fail("Unit " + index + " failed after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ")
                + message(done.failure()));
    }

    private void stopInFlight() {
        if (inFlight.isEmpty()) {
            return;
        }
        inFlight.values().forEach(Worker::interrupt);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stopGraceMillis);
        boolean interrupted = false;
        while (!inFlight.isEmpty()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                handle(signals.poll(remaining, TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                interrupted = true; // keep waiting: the grace period is bounded anyway
            }
        }
        inFlight.forEach((index, worker) -> {
            incidents.report(run + ": unit " + index + " ignored the stop for " + stopGraceMillis
                    + " ms; its worker is abandoned and replaced: " + worker.describe(), null);
            pool.invalidate(key, worker);
        });
        inFlight.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static String message(Throwable t) {
        String text = t.getMessage();
        return text == null || text.isBlank() ? t.getClass().getName() : text;
    }
}
