package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.core.WorkerStateFactory;

/**
 * A {@link Worker} that owns one daemon thread. The thread waits for a unit, executes it, clears any
 * interrupt meant for that unit, and waits again, until {@link #destroy()}. The provider's worker state,
 * if any, is created by this thread when a unit first asks for it and destroyed by this thread as it
 * ends, so it is never destroyed under a unit still using it.
 */
final class ThreadWorker implements Worker {

    private static final System.Logger LOG = System.getLogger(ThreadWorker.class.getName());

    private record Task(WorkUnit unit, UnitContext context, CompletableFuture<UnitResult> result) {
    }

    private final UnitExecutor executor;
    private final WorkerStateFactory<?> stateFactory;
    /** Written only by this worker's thread; read by validation while the worker is idle. */
    private volatile Object state;
    private final Thread thread;
    private final BlockingQueue<Task> inbox = new ArrayBlockingQueue<>(1);
    /** Guards {@link #current} so an interrupt can only reach the unit it was meant for. */
    private final Object lock = new Object();
    private Task current;
    private volatile boolean destroyed;

    /**
     * Creates the worker; {@link #start()} starts its thread.
     *
     * @param stateFactory the provider's worker state, or null when it has none
     * @param onExit       called with this worker on its thread just before the thread ends
     */
    ThreadWorker(String name, UnitExecutor executor, WorkerStateFactory<?> stateFactory, Consumer<ThreadWorker> onExit) {
        this.executor = executor;
        this.stateFactory = stateFactory;
        this.thread = new Thread(() -> {
            try {
                loop();
            } finally {
                destroyState();
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
    public <S> S workerState(Class<S> type) {
        if (stateFactory == null) {
            throw new IllegalStateException("The provider declares no worker state");
        }
        Class<?> stateType = stateFactory.type();
        if (!type.isAssignableFrom(stateType)) {
            throw new IllegalStateException("The provider's worker state is a " + stateType.getName() + ", not a "
                    + type.getName());
        }
        if (state == null) {
            state = createState();
        }
        return type.cast(state);
    }

    private Object createState() {
        Object created;
        try {
            created = stateFactory.create();
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("Worker state could not be created: " + UnitDispatcher.message(e), e);
        }
        if (created == null) {
            throw new IllegalStateException("Worker state could not be created: the factory returned null");
        }
        if (!isValid(stateFactory, created)) {
            destroy(stateFactory, created);
            throw new IllegalStateException("Worker state could not be created: a new state failed validation");
        }
        return created;
    }

    @Override
    public boolean stateIsValid() {
        Object current = state;
        return current == null || isValid(stateFactory, current);
    }

    private static <S> boolean isValid(WorkerStateFactory<S> factory, Object state) {
        try {
            return factory.isValid(factory.type().cast(state));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Worker state validation threw; the state is discarded", e);
            return false;
        }
    }

    private void destroyState() {
        Object current = state;
        state = null;
        if (current != null) {
            destroy(stateFactory, current);
        }
    }

    private static <S> void destroy(WorkerStateFactory<S> factory, Object state) {
        try {
            factory.destroy(factory.type().cast(state));
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "Could not destroy a worker state: " + e, e);
        }
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
        return name() + " (" + thread.getState() + ")" + stackOf(thread);
    }

    /** The thread's stack, one {@code at} line each, starting with a line separator. */
    static String stackOf(Thread thread) {
        StringBuilder text = new StringBuilder();
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
