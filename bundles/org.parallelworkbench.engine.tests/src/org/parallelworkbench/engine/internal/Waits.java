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

    /**
     * Returns once the condition holds, checking it again on each change {@link Changes} sees (engine log
     * records, OSGi and Jobs events, thread ends). A condition that changes without any of those (a test's own
     * counter, a thread starting) waits on its own event instead: a {@link Tally}, a latch, a run's outcome.
     */
    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> message) {
        try (Changes changes = new Changes()) {
            changes.await(condition, timeout, message);
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
