package org.parallelworkbench.engine.internal;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What test units do in place of real work, without sleeping. */
final class TestUnits {

    /** Generous: a barrier that fills only when the engine runs its units together. */
    private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(10);

    private TestUnits() {
    }

    /** A unit stuck until the engine interrupts its thread: the latch is never counted down. */
    static String awaitInterrupt() throws InterruptedException {
        new CountDownLatch(1).await();
        throw new AssertionError("unreachable: the latch is never counted down");
    }

    /** Busy for about this long, as a computing unit is; returns early when interrupted. */
    static void compute(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while computing");
            }
            Thread.onSpinWait();
        }
    }

    /** Waits until {@code barrier.getParties()} units are here at once: they overlap for certain. */
    static void meet(CyclicBarrier barrier) throws InterruptedException {
        try {
            barrier.await(BARRIER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            throw new AssertionError("only " + barrier.getNumberWaiting() + " of " + barrier.getParties()
                    + " units ran at once within " + BARRIER_TIMEOUT.toSeconds() + " s", e);
        }
    }
}
