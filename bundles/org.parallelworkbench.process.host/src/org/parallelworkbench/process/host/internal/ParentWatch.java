package org.parallelworkbench.process.host.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tells once a process (the engine's) has ended, within {@link #POLL} of its death. {@link ProcessHandle#onExit()}
 * alone is not enough: for a process that is not our parent-by-fork the JDK polls it ever more slowly (up to
 * every 5 s), so the watch also asks {@link ProcessHandle#isAlive()} each {@link #POLL}.
 * <p>
 * Threading: a daemon thread of its own calls the callback; {@link #close()} from any thread.
 */
final class ParentWatch implements AutoCloseable {

    static final Duration POLL = Duration.ofMillis(500);

    private final Thread thread;

    /** Starts watching; {@code onEnd} runs once the process ended, unless closed before. */
    ParentWatch(ProcessHandle process, Runnable onEnd) {
        thread = new Thread(() -> {
            if (awaitEnd(process)) {
                onEnd.run();
            }
        }, "Worker parent watch " + process.pid());
        thread.setDaemon(true);
        thread.start();
    }

    /** @return true once the process ended, false when interrupted by {@link #close()} */
    private static boolean awaitEnd(ProcessHandle process) {
        CompletableFuture<ProcessHandle> exit = process.onExit();
        while (process.isAlive()) {
            try {
                exit.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                // isAlive() decides
            } catch (ExecutionException e) {
                return true; // onExit never fails; were it to, isAlive() still watches: but do not spin
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
