package org.parallelworkbench.process.host.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.process.channel.Message;
import org.parallelworkbench.process.channel.MessageChannel;

/**
 * Executes the units the engine sends, one at a time in the order sent, on a thread of its own, answering each
 * with {@link Message.Completed} or {@link Message.Failed}.
 * <p>
 * Answers are written to the channel's buffer and flushed after the last unit of a batch, when the queue runs
 * empty, when {@value #FLUSH_INTERVAL_MILLIS} ms passed since the last flush, and at the latest
 * {@value #FLUSH_INTERVAL_MILLIS} ms after an answer was left unflushed (behind a long unit): tiny units cost one
 * system call per batch, and no answer waits for a later unit.
 * <p>
 * Threading: {@link #execute}, {@link #cancel} and {@link #stop} are called by the host's reader thread. The
 * provider's {@code execute}, its worker state and every answer run on the executor thread; timed flushes on a
 * flusher thread. {@link #lock} is never held while calling the provider or the channel. The executor thread is
 * interrupted only while a unit executes, and its interrupt status is cleared before it writes: an interrupt
 * during a write would close a socket channel.
 */
final class UnitExecutor {

    static final long FLUSH_INTERVAL_MILLIS = 10;
    private static final long FLUSH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(FLUSH_INTERVAL_MILLIS);

    private final MessageChannel channel;
    private final WorkProvider provider;
    private final WorkerState state;
    private final Consumer<IOException> onWriteFailed;
    private final Thread thread;
    private final ScheduledExecutorService flusher;

    private final Object lock = new Object();
    /** Guarded by lock: units not started, in order. */
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    /** Guarded by lock: the unit from when it is taken until its answer is written; null between units. */
    private UnitRun current;
    /** Guarded by lock: whether the provider executes {@link #current} now, so an interrupt is for it. */
    private boolean interruptible;
    /** Guarded by lock: a cancel came while a unit was in progress; Idle follows its answer. */
    private boolean idleOwed;
    /** Guarded by lock. */
    private boolean stopping;
    /** Guarded by lock: a timed flush is scheduled and has not run. */
    private boolean flushScheduled;

    /** Executor thread only. */
    private long lastFlushNanos = System.nanoTime();

    /**
     * @param onWriteFailed told on the executor or flusher thread when an answer cannot be written, which
     *                      means the engine is gone
     */
    UnitExecutor(MessageChannel channel, WorkProvider provider, WorkerState state, Consumer<IOException> onWriteFailed) {
        this.channel = channel;
        this.provider = provider;
        this.state = state;
        this.onWriteFailed = onWriteFailed;
        this.thread = new Thread(this::loop, "Worker unit executor");
        thread.setDaemon(true); // a unit stuck at the end must not keep the JVM alive
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread flushing = new Thread(runnable, "Worker answer flusher");
            flushing.setDaemon(true);
            return flushing;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.flusher = timer;
    }

    void start() {
        thread.start();
    }

    /** Queues units after those already queued. */
    void execute(List<WorkUnit> units) {
        synchronized (lock) {
            if (stopping || units.isEmpty()) {
                return;
            }
            for (int i = 0; i < units.size(); i++) {
                queue.add(new Queued(units.get(i), i == units.size() - 1));
            }
            lock.notifyAll();
        }
    }

    /**
     * Drops the units not started and cancels (and interrupts) the one in progress; {@link Message.Idle} is
     * sent once no unit executes: now, or after that unit's answer.
     */
    void cancel() throws IOException {
        synchronized (lock) {
            queue.clear();
            if (current != null) {
                current.cancel();
                if (interruptible) {
                    thread.interrupt();
                }
                idleOwed = true;
                return;
            }
        }
        channel.send(new Message.Idle());
    }

    /** Like {@link #cancel()} without Idle, and the executor thread ends (destroying the worker state). */
    void stop() {
        synchronized (lock) {
            stopping = true;
            queue.clear();
            if (current != null) {
                current.cancel();
                if (interruptible) {
                    thread.interrupt();
                }
            }
            lock.notifyAll();
        }
        flusher.shutdown();
    }

    /** Waits until the executor thread ended after {@link #stop()}; false if it did not in time. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        thread.join(timeout);
        return !thread.isAlive();
    }

    private void loop() {
        try {
            Queued next;
            while ((next = take()) != null) {
                UnitRun run;
                synchronized (lock) {
                    run = current;
                }
                Message answer = answer(next.unit(), run);
                synchronized (lock) {
                    interruptible = false;
                    Thread.interrupted(); // the interrupt was for the unit; it must not close the channel
                }
                writeAnswer(next.unit(), answer);
                boolean idle;
                boolean flush;
                synchronized (lock) {
                    current = null;
                    idle = idleOwed;
                    idleOwed = false;
                    flush = idle || next.lastOfBatch() || queue.isEmpty()
                            || System.nanoTime() - lastFlushNanos >= FLUSH_INTERVAL_NANOS;
                }
                if (idle) {
                    channel.write(new Message.Idle());
                }
                if (flush) {
                    channel.flush();
                    lastFlushNanos = System.nanoTime();
                } else {
                    scheduleFlush();
                }
                if (answer instanceof Message.Failed) {
                    state.destroy(); // the unit may have left its state in any condition
                } else {
                    state.renewInvalid();
                }
            }
        } catch (IOException e) {
            onWriteFailed.accept(e);
        } finally {
            state.destroy();
        }
    }

    /** The next unit, made {@link #current} and interruptible; null once stopping. */
    private Queued take() {
        synchronized (lock) {
            while (queue.isEmpty() && !stopping) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    // Only stop() interrupts an idle executor, and it sets stopping first.
                }
            }
            if (stopping) {
                return null;
            }
            Thread.interrupted(); // a unit's or a state's leftover interrupt belongs to no unit
            current = new UnitRun(state);
            interruptible = true;
            return queue.poll();
        }
    }

    private Message answer(WorkUnit unit, UnitRun run) {
        UnitResult result;
        try {
            result = provider.execute(unit, run);
        } catch (Throwable t) { // an Error of a unit fails that unit, not the worker process
            return failed(unit.index(), t);
        }
        if (result == null) {
            return wrongResult(unit.index(), "Unit " + unit.index() + " returned no result");
        }
        if (result.unitIndex() != unit.index()) {
            return wrongResult(unit.index(), "Unit " + unit.index() + " returned a result for unit " + result.unitIndex());
        }
        return new Message.Completed(result);
    }

    private void writeAnswer(WorkUnit unit, Message answer) throws IOException {
        try {
            channel.write(answer);
        } catch (IllegalArgumentException e) { // larger than a frame may be
            channel.write(wrongResult(unit.index(), "Unit " + unit.index() + "'s answer cannot be sent: " + e.getMessage()));
        }
    }

    private void scheduleFlush() {
        synchronized (lock) {
            if (flushScheduled || stopping) {
                return;
            }
            flushScheduled = true;
        }
        flusher.schedule(this::timedFlush, FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** On the flusher thread: sends answers left behind a long unit. */
    private void timedFlush() {
        synchronized (lock) {
            flushScheduled = false;
        }
        try {
            channel.flush();
        } catch (IOException e) {
            onWriteFailed.accept(e);
        }
    }

    private static Message.Failed wrongResult(long unitIndex, String message) {
        String type = IllegalStateException.class.getName();
        return new Message.Failed(unitIndex, type, message, type + ": " + message);
    }

    /** What the unit threw, as text; kept short of failing itself (an OutOfMemoryError may strike again). */
    static Message.Failed failed(long unitIndex, Throwable t) {
        String message;
        String stackTrace;
        try {
            message = t.getMessage();
        } catch (Throwable e) {
            message = "";
        }
        try {
            StringWriter text = new StringWriter();
            t.printStackTrace(new PrintWriter(text));
            stackTrace = text.toString();
        } catch (Throwable e) {
            stackTrace = t.getClass().getName();
        }
        return new Message.Failed(unitIndex, t.getClass().getName(), message, stackTrace);
    }

    private record Queued(WorkUnit unit, boolean lastOfBatch) {
    }
}
