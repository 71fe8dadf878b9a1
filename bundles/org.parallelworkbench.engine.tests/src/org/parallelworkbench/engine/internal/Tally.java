package org.parallelworkbench.engine.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A count kept by a test's units or accumulator that the test can wait on: the increment that reaches the
 * awaited count wakes the waiter, so a unit that runs 100,000 times a second pays only an atomic add.
 */
final class Tally {

    private final AtomicLong count = new AtomicLong();
    /** The count a waiter waits for; Long.MAX_VALUE when nobody waits. */
    private volatile long awaited = Long.MAX_VALUE;

    long incrementAndGet() {
        long now = count.incrementAndGet();
        if (now >= awaited) {
            synchronized (this) {
                notifyAll();
            }
        }
        return now;
    }

    long get() {
        return count.get();
    }

    /** Returns once the count is at least {@code target}; fails with the message if not within the timeout. */
    synchronized void awaitAtLeast(long target, Duration timeout, Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaited = target;
        try {
            while (count.get() < target) {
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis <= 0) {
                    throw new AssertionError(message.get() + " (waited " + timeout.toMillis() + " ms)");
                }
                wait(remainingMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            awaited = Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return Long.toString(count.get());
    }
}
