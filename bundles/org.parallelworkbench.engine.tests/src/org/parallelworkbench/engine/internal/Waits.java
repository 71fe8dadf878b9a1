package org.parallelworkbench.engine.internal;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;

/** Bounded waits on real conditions; each failure says what did not happen in time. */
final class Waits {

    private static final long POLL_MILLIS = 5;

    private Waits() {
    }

    static RunOutcome outcome(RunHandle run, Duration timeout) {
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

    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(message.get() + " (waited " + timeout.toMillis() + " ms)");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    static void await(java.util.concurrent.CountDownLatch latch, Duration timeout, String message) {
        try {
            if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(message + " (waited " + timeout.toMillis() + " ms)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
