package org.parallelworkbench.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;

/**
 * Bounded waits on real conditions; each failure is an {@link AssertionError} that says what did not happen
 * in time. An interrupted wait fails too and keeps the thread's interrupt status.
 */
public final class Waits {

    private Waits() {
    }

    /**
     * Returns once the condition holds, checking it again on each change {@link Changes} sees (log records
     * under {@code org.parallelworkbench}, OSGi and Eclipse Jobs events, thread ends). A condition that changes
     * without any of those (a test's own counter, a thread starting) waits on its own event instead: a latch,
     * a run's outcome, or a {@link Changes} the test signals itself.
     */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> message) {
        try (Changes changes = new Changes()) {
            changes.await(condition, timeout, message);
        }
    }

    /** Returns the run's outcome once it has ended; fails naming the run and its state if it has not in time. */
    public static RunOutcome outcome(RunHandle run, Duration timeout) {
        try {
            return run.outcome().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Run " + run.id() + " did not end within " + timeout.toMillis()
                    + " ms; state " + run.state());
        } catch (ExecutionException e) {
            throw new AssertionError("Run " + run.id() + "'s outcome failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Returns once the latch is open; fails with the message if it is not within the timeout. */
    public static void await(CountDownLatch latch, Duration timeout, String message) {
        try {
            if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(message + " (waited " + timeout.toMillis() + " ms)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Returns once {@link System#currentTimeMillis()} is past {@code millis}, at most a millisecond from then:
     * here the passing of time is itself the condition (a later modification time), not a stand-in for one.
     */
    public static void untilClockPasses(long millis) {
        while (System.currentTimeMillis() <= millis) {
            LockSupport.parkUntil(millis + 1);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
