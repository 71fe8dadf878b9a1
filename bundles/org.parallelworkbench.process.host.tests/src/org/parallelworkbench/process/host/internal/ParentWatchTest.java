package org.parallelworkbench.process.host.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ParentWatchTest {

    @Test
    void tellsWithinTwoSecondsThatAKilledProcessEnded() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        CountDownLatch ended = new CountDownLatch(1);
        try (ParentWatch watch = new ParentWatch(sleeper.toHandle(), ended::countDown)) {
            assertTrue(sleeper.isAlive());

            sleeper.destroyForcibly();

            assertTrue(ended.await(2, TimeUnit.SECONDS), "the watch did not tell within 2 s of a kill -9");
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void tellsAtOnceThatAProcessEndedBeforeTheWatchBegan() throws Exception {
        Process quick = new ProcessBuilder("true").start();
        quick.waitFor(10, TimeUnit.SECONDS);
        CountDownLatch ended = new CountDownLatch(1);

        try (ParentWatch watch = new ParentWatch(quick.toHandle(), ended::countDown)) {
            assertTrue(ended.await(2, TimeUnit.SECONDS), "the watch did not tell that the process ended");
        }
    }
}
