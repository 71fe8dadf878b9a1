package org.parallelworkbench.install.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits on real conditions; each failure says what did not happen in time. */
final class Waits {

    private Waits() {
    }

    /**
     * Returns once the condition holds, checking it again on each change {@link Changes} sees (log records under
     * org.parallelworkbench, OSGi events, thread ends). A condition that changes without any of those waits on
     * its own event instead.
     */
    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> message) {
        try (Changes changes = new Changes()) {
            changes.await(condition, timeout, message);
        }
    }

    /**
     * Returns once {@link System#currentTimeMillis()} is past {@code millis}, at most a millisecond from now:
     * here the passing of time is itself the condition (a later modification time), not a stand-in for one.
     */
    static void untilClockPasses(long millis) {
        while (System.currentTimeMillis() <= millis) {
            LockSupport.parkUntil(millis + 1);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
