package org.parallelworkbench.ui.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One named daemon thread that runs the window's background tasks (starting runs, writing exports, reading and
 * changing drop-in files) one at a time, in the order given, so that two changes of the same folder never race
 * and a burst of clicks cannot start a burst of threads. Its owner closes it with the window.
 * <p>
 * Thread-safe. A task that throws is logged and the next one runs.
 */
final class SerialExecutor implements Executor, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final ExecutorService executor;
    private final Duration closeWait;

    /**
     * @param threadName the thread's name, as thread dumps show it
     * @param closeWait  how long {@link #close()} lets the tasks already given finish before it interrupts them
     */
    SerialExecutor(String threadName, Duration closeWait) {
        this.closeWait = closeWait;
        executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(threadName).daemon()
                .uncaughtExceptionHandler((thread, e) -> LOG.log(Level.ERROR, "A background task of the window failed", e))
                .factory());
    }

    /** @throws RejectedExecutionException after {@link #close()} */
    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /**
     * Takes no more tasks and waits, at most the close wait, for the ones given to finish (a file being copied or an
     * export being written ends whole); what is still running then is interrupted, and what is still queued dropped.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (executor.awaitTermination(closeWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Runnable> dropped = executor.shutdownNow();
        LOG.log(Level.WARNING, "Background tasks of the window still ran after {0} ms: interrupted, {1} queued dropped",
                closeWait.toMillis(), dropped.size());
    }
}
