package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.engine.remote.BatchAnswer;
import org.parallelworkbench.engine.remote.MemberLeftException;
import org.parallelworkbench.engine.remote.RemoteMember;
import org.parallelworkbench.engine.remote.RemoteUnits;
import org.parallelworkbench.engine.remote.UnitBatch;
import org.parallelworkbench.engine.remote.UnitFailure;

/**
 * A {@link Worker} that is one slot of a cluster member: a shift sends the run's units to the member in batches
 * ({@link RemoteUnits#execute}), one batch at a time, so a run's cap on concurrent units holds on the cluster as
 * it does here, and a member with more slots, or faster ones, takes more batches. Each batch is sized to about
 * {@link #BATCH_TARGET_NANOS} of work as measured so far: a round trip (about half a millisecond on loopback)
 * then costs a few percent, and a finite run's last batches shrink ({@link #TAIL_SHARE}) so no member sits on a
 * full batch while others idle.
 * <p>
 * Every unit's result counts once: results come only from a batch's answer; a batch whose member left is handed
 * back to the run whole ({@link WorkerShift#notStarted}) and any late answer of it is dropped with its future. So
 * a unit may execute twice (on the member that left and again elsewhere), which is why units must be idempotent.
 * A unit that threw on the member is tried again or fails the run as a unit that threw here; a batch the member
 * could not execute at all (its provider went away meanwhile) counts as a failed attempt of its first unit.
 * <p>
 * Threading: as {@link Worker}; the shift runs on a virtual thread of the worker's own, which spends its time
 * waiting for answers. {@link #interrupt()} and {@link #destroy()} only flag and wake that thread, which cancels
 * the batch in flight (interrupting it on the member), since a cancel may be a network call.
 */
final class ClusterWorker implements Worker {

    private static final System.Logger LOG = System.getLogger(ClusterWorker.class.getName());
    /** Work per batch: large against a round trip, small against a run's length; see the class comment. */
    static final long BATCH_TARGET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final long TAIL_SHARE = 8;
    static final int MAX_BATCH_UNITS = 4_096;
    /** Like a process's: ending a shift costs nothing here, but a long one keeps runs waiting for a slot. */
    static final long TIME_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How often the shift looks for a stop while its batch is out; bounds how late a cancel goes out. */
    private static final long WAKE_MILLIS = 20;

    private final String name;
    private final RemoteMember member;
    private final RemoteUnits remote;
    private final String providerId;
    private final String providerVersion;
    private final LongAdder unitsDone;
    private final Consumer<RemoteMember> departed;
    private final Thread thread;
    private final BlockingQueue<WorkerShift> inbox = new ArrayBlockingQueue<>(1);
    private final Object lock = new Object();
    /** Guarded by lock. */
    private WorkerShift current;
    /** Guarded by lock: the current shift was asked to stop. */
    private boolean stopAsked;
    private volatile boolean destroyed;
    private volatile boolean memberLeft;
    /** Measured time per unit on this slot; read and written by its thread only. */
    private double nanosPerUnit = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * @param unitsDone counts the units this member completed, for the members' view
     * @param departed  told when a batch shows that the member left
     */
    ClusterWorker(String name, RemoteMember member, RemoteUnits remote, WorkerKey key, LongAdder unitsDone,
            Consumer<RemoteMember> departed) {
        this.name = name;
        this.member = member;
        this.remote = remote;
        this.providerId = key.providerId();
        this.providerVersion = key.providerVersion();
        this.unitsDone = unitsDone;
        this.departed = departed;
        this.thread = Thread.ofVirtual().name(name).unstarted(this::loop);
        thread.start();
    }

    @Override
    public String name() {
        return name + " on " + member.address();
    }

    RemoteMember member() {
        return member;
    }

    @Override
    public void start(WorkerShift shift) {
        synchronized (lock) {
            // Not refused when the member has just left: the shift's first batch then fails as the member's
            // leaving does, and its units go back to the run, rather than the run failing.
            if (destroyed || current != null || !inbox.offer(shift)) {
                throw new IllegalStateException("Worker " + name() + " cannot start a shift now");
            }
            current = shift;
            stopAsked = false;
        }
    }

    @Override
    public <S> S workerState(Class<S> type) {
        throw new IllegalStateException("A cluster member keeps worker state in its own engine");
    }

    @Override
    public void renewInvalidState() {
        // the member's engine renews its own workers' state
    }

    @Override
    public boolean stateIsValid() {
        return true;
    }

    @Override
    public void interrupt() {
        synchronized (lock) {
            if (current != null) {
                stopAsked = true;
            }
        }
    }

    @Override
    public boolean isReady() {
        synchronized (lock) {
            return !destroyed && !memberLeft && current == null && thread.isAlive();
        }
    }

    /** The member left the cluster: this slot takes no further shift. */
    void memberLeft() {
        memberLeft = true;
    }

    @Override
    public void destroy() {
        destroyed = true;
        thread.interrupt(); // wakes the wait for a shift; a batch out is cancelled by the shift itself
    }

    @Override
    public String fateWhenAbandoned() {
        return "cancelled on the member";
    }

    @Override
    public String describe() {
        return name() + (memberLeft ? " (the member left)" : "");
    }

    private void loop() {
        while (!destroyed) {
            WorkerShift shift;
            try {
                shift = inbox.poll(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                shift = inbox.poll();
            }
            if (shift != null) {
                work(shift);
            }
        }
    }

    private void work(WorkerShift shift) {
        boolean healthy = false;
        try {
            healthy = sendBatches(shift);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Worker " + name() + " failed", e);
            shift.run().fail("Worker " + name() + " failed: " + UnitDispatcher.message(e));
        } finally {
            shift.worked(healthy && !memberLeft);
            synchronized (lock) {
                current = null;
                stopAsked = false;
            }
            shift.ended();
        }
    }

    /** @return whether the slot may serve another shift */
    private boolean sendBatches(WorkerShift shift) {
        long sliceEnd = System.nanoTime() + TIME_SLICE_NANOS;
        while (true) {
            if (stopping(shift) || System.nanoTime() - sliceEnd >= 0 && shift.othersWaiting()) {
                return true;
            }
            List<WorkUnit> units = takeBatch(shift);
            if (units.isEmpty()) {
                return true;
            }
            shift.executing(units.getFirst().index());
            long sent = System.nanoTime();
            CompletableFuture<BatchAnswer> answer = remote.execute(member,
                    new UnitBatch(shift.run().id(), providerId, providerVersion, units));
            BatchAnswer received;
            try {
                received = await(shift, answer);
            } catch (CancellationException e) {
                return !memberLeft; // stopping: the run takes no further result
            } catch (ExecutionException e) {
                return failed(shift, units, e.getCause());
            }
            if (!delivered(shift, units, received)) {
                return false;
            }
            measured(System.nanoTime() - sent, received.results().size());
        }
    }

    /** Waits for the batch's answer, cancelling it (and so interrupting it on the member) once the shift stops. */
    private BatchAnswer await(WorkerShift shift, CompletableFuture<BatchAnswer> answer) throws ExecutionException {
        while (true) {
            if (stopping(shift)) {
                answer.cancel(true);
                throw new CancellationException("stopped");
            }
            try {
                return answer.get(WAKE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // look for a stop again
            } catch (InterruptedException e) {
                // destroy(): the next look sees it
            }
        }
    }

    private boolean stopping(WorkerShift shift) {
        synchronized (lock) {
            return stopAsked || destroyed || shift.run().isStopping();
        }
    }

    /** Hands the answer's results to the run in the batch's order; false if the slot should not be reused. */
    private boolean delivered(WorkerShift shift, List<WorkUnit> units, BatchAnswer answer) {
        Map<Long, UnitResult> byIndex = new HashMap<>();
        answer.results().forEach(result -> byIndex.put(result.unitIndex(), result));
        if (!byIndex.isEmpty()) {
            shift.run().executedOn(member.address());
        }
        for (int i = 0; i < units.size(); i++) {
            WorkUnit unit = units.get(i);
            UnitResult result = byIndex.get(unit.index());
            if (result != null) {
                if (!shift.completed(unit, result)) {
                    shift.notStarted(units.subList(i + 1, units.size()));
                    return false;
                }
                unitsDone.increment();
                continue;
            }
            UnitFailure failure = answer.failure();
            if (failure != null && failure.unitIndex() == unit.index()) {
                shift.threw(unit, new UnitFailedElsewhere(failure.exceptionType(), failure.message(), failure.stackTrace(),
                        " (on cluster member " + member.address() + ")"));
            } else {
                shift.workerDied(unit, "Cluster member " + member.address() + " answered no result for unit "
                        + unit.index());
            }
            shift.notStarted(units.subList(i + 1, units.size()));
            return true; // the member's engine decides about its own workers
        }
        return true;
    }

    /** The batch did not complete: its member left (units go to others), or the member could not execute it. */
    private boolean failed(WorkerShift shift, List<WorkUnit> units, Throwable cause) {
        // A batch interrupted though this side did not cancel it: the member is shutting down.
        if (cause instanceof MemberLeftException || cause instanceof InterruptedException) {
            memberLeft = true;
            departed.accept(member);
            if (!shift.run().isStopping()) {
                LOG.log(Level.INFO, shift.run() + ": cluster member " + member.address() + " left while executing "
                        + units.size() + " units from unit " + units.getFirst().index() + "; they go to other members");
            }
            shift.notStarted(units);
            return false;
        }
        shift.workerDied(units.getFirst(), "Cluster member " + member.address() + " could not execute unit "
                + units.getFirst().index() + ": " + UnitDispatcher.message(cause));
        shift.notStarted(units.subList(1, units.size()));
        return false;
    }

    /** About {@link #BATCH_TARGET_NANOS} of work, at most a {@link #TAIL_SHARE} of the units left. */
    private List<WorkUnit> takeBatch(WorkerShift shift) {
        long byTime = (long) Math.clamp(BATCH_TARGET_NANOS / Math.max(1.0, nanosPerUnit), 1, MAX_BATCH_UNITS);
        int size = (int) Math.max(1, Math.min(byTime, shift.unitsLeft() / TAIL_SHARE));
        List<WorkUnit> batch = new ArrayList<>(Math.min(size, 64));
        for (WorkUnit unit; batch.size() < size && (unit = shift.nextUnit()) != null;) {
            batch.add(unit);
        }
        return batch;
    }

    /** Smooths the time per unit (round trip included), as {@link ProcessWorker} does. */
    private void measured(long nanos, int units) {
        if (units > 0) {
            double perUnit = (double) nanos / units;
            nanosPerUnit = Math.max(nanosPerUnit / 8, 0.5 * nanosPerUnit + 0.5 * perUnit);
        }
    }
}
