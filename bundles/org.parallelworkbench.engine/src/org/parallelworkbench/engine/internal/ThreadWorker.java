package org.parallelworkbench.engine.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;

/**
 * A {@link Worker} that owns one daemon thread. The thread waits for a unit, executes it, clears any
 * interrupt meant for that unit, and waits again, until {@link #destroy()}.
 */
final class ThreadWorker implements Worker {

    private record Task(WorkUnit unit, UnitContext context, CompletableFuture<UnitResult> result) {
    }

    private final UnitExecutor executor;
    private final Thread thread;
    private final BlockingQueue<Task> inbox = new ArrayBlockingQueue<>(1);
    /** Guards {@link #current} so an interrupt can only reach the unit it was meant for. */
    private final Object lock = new Object();
    private Task current;
    private volatile boolean destroyed;

    /**
     * Creates the worker; {@link #start()} starts its thread.
     *
     * @param onExit called with this worker on its thread just before the thread ends
     */
    ThreadWorker(String name, UnitExecutor executor, Consumer<ThreadWorker> onExit) {
        this.executor = executor;
        this.thread = new Thread(() -> {
            try {
                loop();
            } finally {
                onExit.accept(this);
            }
        }, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public String name() {
        return thread.getName();
    }

    Thread thread() {
        return thread;
    }

    @Override
    public CompletableFuture<UnitResult> submit(WorkUnit unit, UnitContext context) {
        Task task = new Task(unit, context, new CompletableFuture<>());
        synchronized (lock) {
            if (destroyed || current != null || !inbox.offer(task)) {
                throw new IllegalStateException("Worker " + name() + " cannot take unit " + unit.index() + " now");
            }
            current = task;
        }
        return task.result();
    }

    @Override
    public void interrupt() {
        synchronized (lock) {
            if (current != null) {
                thread.interrupt();
            }
        }
    }

    @Override
    public boolean isReady() {
        synchronized (lock) {
            return !destroyed && current == null && thread.isAlive();
        }
    }

    @Override
    public void destroy() {
        destroyed = true;
        thread.interrupt();
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder(name()).append(" (").append(thread.getState()).append(')');
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append(System.lineSeparator()).append("\tat ").append(frame);
        }
        return text.toString();
    }

    private void loop() {
        while (!destroyed) {
            Task task;
            boolean interrupted = false;
            try {
                task = inbox.poll(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                if (destroyed) {
                    return;
                }
                // The interrupt was for a unit handed over just now: run it with the interrupt kept.
                task = inbox.poll();
                interrupted = true;
            }
            if (task != null) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                run(task);
            }
        }
    }

    private void run(Task task) {
        UnitResult result = null;
        Throwable failure = null;
        try {
            result = executor.execute(task.unit(), task.context());
        } catch (Throwable t) { // a unit's Error must fail its run, not kill the worker silently
            failure = t;
        }
        synchronized (lock) {
            current = null;
            if (!destroyed) {
                Thread.interrupted(); // an interrupt was for the finished unit, not the next one
            }
        }
        // Completed after clearing current so the borrower sees an idle worker when it returns it.
        if (failure == null) {
            task.result().complete(result);
        } else {
            task.result().completeExceptionally(failure);
        }
    }
}
