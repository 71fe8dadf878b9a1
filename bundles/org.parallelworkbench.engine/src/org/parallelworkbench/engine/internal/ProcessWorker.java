package org.parallelworkbench.engine.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.engine.internal.WorkerProcessLauncher.StartedProcess;
import org.parallelworkbench.process.channel.Message;
import org.parallelworkbench.process.channel.MessageChannel;

/**
 * A {@link Worker} that is a worker process (see {@link WorkerProcessLauncher}): units execute in a JVM of their
 * own, so one that exits, runs out of memory or crashes fails only its run, and one that ignores cancel is killed.
 * <p>
 * A daemon thread of this JVM works each shift: it sends the run's units in batches ({@link Message.Execute}),
 * keeping {@link #BATCHES_IN_FLIGHT} ahead so the process never waits for the next, each sized to about
 * {@link #BATCH_TARGET_NANOS} of work as measured so far (smaller towards a finite run's end), and reads the answers. So small units cost a frame
 * each, not a round trip. A shift ends when the run has no unit for now (after the answers to those sent), or
 * after {@link #TIME_SLICE_NANOS} if other runs wait for a process.
 * <p>
 * A unit that throws ends the shift and the worker is not reused (as a thread worker); the units sent after it
 * go back to the run. A unit that throws after the cancel (as an interrupted one does) leaves the process reusable. If the process dies, the unit it was executing fails with a description of the death
 * ({@link ProcessExit}) and the last lines it wrote. Cancel is {@link Message.Cancel}, answered with
 * {@link Message.Idle} once the process's unit returned; the dispatcher destroys a worker whose unit ignores it,
 * which kills the process.
 * <p>
 * Threading: as {@link Worker}. {@link #lock} guards the current shift and whether its cancel was sent, and every
 * frame sent to the process, so no batch can follow a cancel. The worker's thread is never interrupted while it
 * reads (that would close the socket); {@link #destroy()} kills the process, which ends the read.
 */
final class ProcessWorker implements Worker {

    private static final System.Logger LOG = System.getLogger(ProcessWorker.class.getName());
    static final int BATCHES_IN_FLIGHT = 2;
    /** Work per batch: larger costs a finite run's end more imbalance, smaller costs more round trips (measured). */
    static final long BATCH_TARGET_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
    /** A batch takes at most one in this many of the units left (guided self-scheduling). */
    static final long TAIL_SHARE = 8;
    static final int MAX_BATCH_UNITS = 4_096;
    /** Longer than a thread's slice: ending a shift costs a process the time to drain its batches. */
    static final long TIME_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long a retired idle process gets to end by itself before it is killed. */
    static final long SHUTDOWN_GRACE_MILLIS = 1_000;

    private final String name;
    private final StartedProcess started;
    private final Process process;
    private final MessageChannel channel;
    private final Thread thread;
    private final BlockingQueue<WorkerShift> inbox = new ArrayBlockingQueue<>(1);
    private final Object lock = new Object();
    /** Guarded by lock. */
    private WorkerShift current;
    /** Guarded by lock: a cancel was sent for the current shift, so its end is the process's Idle. */
    private boolean cancelSent;
    private volatile boolean destroyed;
    private volatile long unitsExecuted;
    /** Measured time per unit on this worker, read and written by its thread only. */
    private double nanosPerUnit = BATCH_TARGET_NANOS;

    ProcessWorker(String name, StartedProcess started) {
        this.name = name;
        this.started = started;
        this.process = started.process();
        this.channel = started.channel();
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
        thread.start();
    }

    @Override
    public String name() {
        return name + " (pid " + process.pid() + ")";
    }

    /** The configured JVM options this process was started with. */
    List<String> jvmOptions() {
        return started.jvmOptions();
    }

    long unitsExecuted() {
        return unitsExecuted;
    }

    @Override
    public void start(WorkerShift shift) {
        synchronized (lock) {
            if (destroyed || current != null || !inbox.offer(shift)) {
                throw new IllegalStateException("Worker " + name() + " cannot start a shift now");
            }
            current = shift;
            cancelSent = false;
        }
    }

    @Override
    public <S> S workerState(Class<S> type) {
        throw new IllegalStateException("A worker process keeps its state in its own JVM");
    }

    @Override
    public void renewInvalidState() {
        // the process renews its own state between units
    }

    @Override
    public boolean stateIsValid() {
        return true;
    }

    /** Sends the cancel for the shift in progress, once; an idle worker is not affected. */
    @Override
    public void interrupt() {
        synchronized (lock) {
            if (current == null || cancelSent) {
                return;
            }
            cancelSent = true;
            try {
                channel.send(new Message.Cancel());
            } catch (IOException e) {
                // the process is gone: the worker's thread sees the end of the channel
            }
        }
    }

    @Override
    public boolean isReady() {
        synchronized (lock) {
            return !destroyed && current == null && process.isAlive() && thread.isAlive();
        }
    }

    /** Kills the process now: for a worker whose unit hangs or whose pool closes. */
    @Override
    public void destroy() {
        destroyed = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        closeChannel();
    }

    /** Ends an idle process gently (it may destroy its worker state), killing it if it does not end in time. */
    void retire() {
        boolean idle;
        synchronized (lock) {
            idle = current == null;
            destroyed = true;
            if (idle) {
                try {
                    channel.send(new Message.Shutdown());
                } catch (IOException e) {
                    // already gone
                }
            }
        }
        if (!idle) {
            destroy();
            return;
        }
        thread.interrupt(); // it waits for a shift, not in a read
        process.onExit().orTimeout(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS).whenComplete((ended, timeout) -> {
            if (timeout != null) {
                LOG.log(Level.INFO, "Worker process " + process.pid() + " did not end within " + SHUTDOWN_GRACE_MILLIS
                        + " ms of its shutdown; killing it");
                destroy();
            }
            closeChannel();
        });
    }

    /** Waits at most this long for the process to end; true if it did. */
    boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public String fateWhenAbandoned() {
        return "killed";
    }

    @Override
    public String describe() {
        return name() + (process.isAlive() ? " (alive, " + unitsExecuted + " units executed)"
                : " (ended with " + ProcessExit.describe(process.exitValue()) + ")");
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }

    private void loop() {
        while (!destroyed) {
            WorkerShift shift;
            try {
                shift = inbox.poll(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                shift = inbox.poll(); // destroyed, or a shift handed over just now
            }
            if (shift != null) {
                work(shift);
            }
        }
    }

    private void work(WorkerShift shift) {
        ArrayDeque<WorkUnit> inFlight = new ArrayDeque<>();
        boolean healthy = false;
        try {
            healthy = workUnits(shift, inFlight);
        } catch (IOException e) {
            died(shift, inFlight, e);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Worker " + name() + " failed", e);
            shift.run().fail("Worker " + name() + " failed: " + UnitDispatcher.message(e));
        } finally {
            shift.worked(healthy);
            synchronized (lock) {
                current = null;
                cancelSent = false;
            }
            shift.ended();
        }
    }

    /** @return true if the process may serve another shift */
    private boolean workUnits(WorkerShift shift, ArrayDeque<WorkUnit> inFlight) throws IOException {
        long sliceEnd = System.nanoTime() + TIME_SLICE_NANOS;
        ArrayDeque<Batch> batches = new ArrayDeque<>();
        long lastBatchDone = System.nanoTime();
        boolean sending = true;
        while (true) {
            if (sending && batches.size() < BATCHES_IN_FLIGHT) {
                sending = System.nanoTime() - sliceEnd < 0 || !shift.othersWaiting();
                List<WorkUnit> batch = sending ? takeBatch(shift) : List.of();
                if (batch.isEmpty()) {
                    sending = false;
                } else if (send(batch)) {
                    batches.addLast(new Batch(batch.getLast().index(), batch.size(), System.nanoTime()));
                    inFlight.addAll(batch);
                    continue;
                } else {
                    shift.notStarted(batch); // the cancel went out first
                    sending = false;
                }
            }
            if (shift.run().isStopping()) {
                interrupt();
            }
            if (inFlight.isEmpty() && endUnlessCanceling()) {
                return true;
            }
            shift.executing(inFlight.isEmpty() ? -1 : inFlight.peekFirst().index());
            Message message = channel.read();
            switch (message) {
            case Message.Completed completed -> {
                WorkUnit unit = answered(inFlight, message);
                unitsExecuted++;
                if (!shift.completed(unit, completed.result())) {
                    shift.notStarted(List.copyOf(inFlight));
                    return false;
                }
                if (unit.index() == batches.getFirst().lastIndex()) {
                    Batch done = batches.removeFirst();
                    long now = System.nanoTime();
                    measured(now - Math.max(lastBatchDone, done.sentNanos()), done.size());
                    lastBatchDone = now;
                }
            }
            case Message.Failed failed -> {
                WorkUnit unit = answered(inFlight, message);
                unitsExecuted++;
                if (cancelSent()) {
                    // The usual answer to a cancel (an InterruptedException): the process stays fit for reuse,
                    // where starting a fresh one would cost a JVM start after every cancelled run.
                    continue;
                }
                shift.threw(unit, new UnitFailedElsewhere(failed.exceptionType(), failed.message(), failed.stackTrace(), ""));
                shift.notStarted(List.copyOf(inFlight));
                return false; // the unit may have left the process in any state
            }
            case Message.Idle idle -> {
                if (!cancelSent()) {
                    throw new IOException("Worker process answered Idle without a cancel");
                }
                return true;
            }
            default -> throw new IOException("Worker process sent " + message + " during a shift");
            }
        }
    }

    /**
     * The next batch: about {@link #BATCH_TARGET_NANOS} of work, but at most a {@link #TAIL_SHARE} of the units
     * left, so that at a finite run's end no process sits on a full batch while another is idle.
     */
    private List<WorkUnit> takeBatch(WorkerShift shift) {
        long byTime = (long) Math.clamp(BATCH_TARGET_NANOS / Math.max(1.0, nanosPerUnit), 1, MAX_BATCH_UNITS);
        int size = (int) Math.max(1, Math.min(byTime, shift.unitsLeft() / TAIL_SHARE));
        List<WorkUnit> batch = new ArrayList<>(Math.min(size, 64));
        for (WorkUnit unit; batch.size() < size && (unit = shift.nextUnit()) != null;) {
            batch.add(unit);
        }
        return batch;
    }

    /** Sends a batch unless the shift's cancel went out first. */
    private boolean send(List<WorkUnit> batch) throws IOException {
        synchronized (lock) {
            if (cancelSent) {
                return false;
            }
            channel.send(new Message.Execute(batch));
            return true;
        }
    }

    /**
     * Ends the shift, unless its cancel was sent: then it ends with the process's Idle. Atomic with
     * {@link #interrupt()}, so no cancel goes out after the shift ended (its Idle would reach the next shift).
     */
    private boolean endUnlessCanceling() {
        synchronized (lock) {
            if (cancelSent) {
                return false;
            }
            current = null;
            return true;
        }
    }

    private boolean cancelSent() {
        synchronized (lock) {
            return cancelSent;
        }
    }

    /** The unit an answer is for: the oldest sent, since the process executes them in order. */
    private static WorkUnit answered(ArrayDeque<WorkUnit> inFlight, Message answer) throws IOException {
        WorkUnit unit = inFlight.pollFirst();
        long index = answer instanceof Message.Completed c ? c.result().unitIndex() : ((Message.Failed) answer).unitIndex();
        if (unit == null || unit.index() != index) {
            throw new IOException("Worker process answered unit " + index + " while executing "
                    + (unit == null ? "none" : "unit " + unit.index()));
        }
        return unit;
    }

    /** Smooths the time per unit, so batch sizes follow the units' cost without jumping at every batch. */
    private void measured(long nanos, int units) {
        double perUnit = (double) nanos / units;
        nanosPerUnit = Math.max(nanosPerUnit / 8, 0.5 * nanosPerUnit + 0.5 * perUnit);
    }

    /** The channel ended: the process died (or was killed by {@link #destroy()}, which needs no report). */
    private void died(WorkerShift shift, ArrayDeque<WorkUnit> inFlight, IOException cause) {
        if (destroyed) {
            return;
        }
        destroyed = true;
        boolean exited;
        try {
            exited = process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) { // alive but its channel is broken: of no further use
            LOG.log(Level.WARNING, "Worker " + name() + ": " + cause + "; killing it");
            destroy();
        }
        String how = exited ? "ended with " + ProcessExit.describe(process.exitValue()) : "broke its channel (" + cause.getMessage() + ")";
        WorkUnit unit = inFlight.pollFirst();
        String description = "Worker process " + process.pid() + " " + how
                + (unit == null ? "" : " while executing unit " + unit.index()) + ProcessExit.lastOutput(started.output().lastLines(500));
        if (unit == null || cancelSent() || shift.run().isStopping()) {
            LOG.log(Level.INFO, description);
            return;
        }
        shift.workerDied(unit, description);
        shift.notStarted(List.copyOf(inFlight));
    }

    /** A batch in flight: its last unit, its size and when it was sent. */
    private record Batch(long lastIndex, int size, long sentNanos) {
    }
}
