package org.parallelworkbench.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The window's background executor: one task at a time, in order, on one daemon thread, until it is closed. */
class SerialExecutorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int TASKS = 50;

    @Test
    void tasksRunOneAtATimeInTheOrderGivenOnOneNamedDaemonThread() throws InterruptedException {
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        AtomicBoolean allDaemons = new AtomicBoolean(true);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(TASKS);
        try (SerialExecutor executor = new SerialExecutor("test-background", WAIT)) {
            for (int i = 0; i < TASKS; i++) {
                int task = i;
                executor.execute(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    order.add(task);
                    threads.add(Thread.currentThread().getName());
                    allDaemons.compareAndSet(true, Thread.currentThread().isDaemon());
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertTrue(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the tasks did not run within " + WAIT);
        }

        assertEquals(IntStream.range(0, TASKS).boxed().toList(), order);
        assertEquals(List.of("test-background"), threads.stream().distinct().toList());
        assertTrue(allDaemons.get(), "a task ran on a thread that would keep the JVM alive");
        assertEquals(1, mostAtOnce.get(), "tasks overlapped");
    }

    @Test
    void closeLetsTheTasksGivenFinishAndRefusesNewOnes() {
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        SerialExecutor executor = new SerialExecutor("test-background", WAIT);
        executor.execute(() -> {
            awaitQuietly(release);
            finished.incrementAndGet();
        });
        executor.execute(finished::incrementAndGet);
        release.countDown();

        executor.close();

        assertEquals(2, finished.get(), "close returned before the tasks given had finished");
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
    }

    @Test
    void closeInterruptsATaskThatOutlastsTheWaitAndDropsTheQueuedOnes() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicBoolean queuedRan = new AtomicBoolean();
        SerialExecutor executor = new SerialExecutor("test-background", Duration.ofMillis(100));
        executor.execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // released by nothing but an interrupt
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        executor.execute(() -> queuedRan.set(true));
        assertTrue(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the first task did not start");

        executor.close();

        assertTrue(interrupted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the running task was not interrupted");
        assertFalse(queuedRan.get(), "a queued task ran after close gave up waiting");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
