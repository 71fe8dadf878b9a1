package org.parallelworkbench.workers.ticker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;

/** The ticker's own logic, without the engine: plans, values and how fast it stops. */
class TickerProviderTest {

    private static final UnitContext RUNNING = UnitContext.canceledWhen(() -> false);
    private final TickerProvider ticker = new TickerProvider();

    @Test
    void planWithoutParametersCountsFromOneOnceASecondOneUnitAtATime() {
        WorkPlan.Open plan = assertInstanceOf(WorkPlan.Open.class, ticker.plan(Parameters.NONE));

        assertEquals(1, plan.maxConcurrentUnits(), "ticks must execute one at a time to arrive in order");
        WorkUnit first = plan.unitAt().apply(0);
        assertEquals(0, first.index());
        assertEquals(Long.toString(TickerProvider.DEFAULT_START), first.get("value"));
        assertEquals(Long.toString(TickerProvider.DEFAULT_INTERVAL_MILLIS), first.get(TickerProvider.PARAM_INTERVAL_MILLIS));
    }

    @Test
    void unitsCountUpFromStart() {
        WorkPlan.Open plan = (WorkPlan.Open) ticker.plan(params("start", "41"));

        assertEquals(List.of("41", "42", "43"),
                List.of(0L, 1L, 2L).stream().map(i -> plan.unitAt().apply(i).get("value")).toList());
    }

    @Test
    void executeReturnsTheUnitsValueAfterTheInterval() throws Exception {
        WorkPlan.Open plan = (WorkPlan.Open) ticker.plan(params("start", "7").with("intervalMillis", "20"));
        WorkUnit unit = plan.unitAt().apply(3);

        long startNanos = System.nanoTime();
        UnitResult result = ticker.execute(unit, RUNNING);

        assertEquals(new UnitResult(3, "10"), result);
        assertTrue(System.nanoTime() - startNanos >= TimeUnit.MILLISECONDS.toNanos(20), "returned before its interval");
    }

    @Test
    void badIntervalIsRejectedNamingTheParameter() {
        for (String bad : List.of("0", "-5", Long.toString(TickerProvider.MAX_INTERVAL_MILLIS + 1), "soon")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ticker.plan(params("intervalMillis", bad)), "intervalMillis=" + bad);
            assertTrue(e.getMessage().contains("intervalMillis"), e.getMessage());
        }
    }

    @Test
    void badStartIsRejectedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ticker.plan(params("start", "one")));
        assertTrue(e.getMessage().contains("start"), e.getMessage());
    }

    @Test
    void executeStopsAtOnceWhenAlreadyCancelled() {
        WorkUnit unit = ((WorkPlan.Open) ticker.plan(Parameters.NONE)).unitAt().apply(0);

        long startNanos = System.nanoTime();
        assertThrows(InterruptedException.class, () -> ticker.execute(unit, UnitContext.canceledWhen(() -> true)));
        assertTrue(System.nanoTime() - startNanos < TimeUnit.MILLISECONDS.toNanos(200), "took too long to stop");
    }

    @Test
    void executeStopsPromptlyWhenCancelledMidTickEvenWithoutInterrupt() throws Exception {
        WorkUnit unit = ((WorkPlan.Open) ticker.plan(params("intervalMillis", "60000"))).unitAt().apply(0);
        AtomicBoolean canceled = new AtomicBoolean();
        // The tick asks whether it is cancelled between the slices of its wait: once it has asked, it is waiting.
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Long> stoppedAtNanos = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                ticker.execute(unit, UnitContext.canceledWhen(() -> {
                    waiting.countDown();
                    return canceled.get();
                }));
                stoppedAtNanos.completeExceptionally(new AssertionError("the tick completed instead of stopping"));
            } catch (InterruptedException e) {
                stoppedAtNanos.complete(System.nanoTime());
            } catch (Exception e) {
                stoppedAtNanos.completeExceptionally(e);
            }
        }, "ticker-test");
        thread.start();
        try {
            assertTrue(waiting.await(5, TimeUnit.SECONDS), "ticker never started waiting");
            long canceledAtNanos = System.nanoTime();
            canceled.set(true);

            long stopped;
            try {
                stopped = stoppedAtNanos.get(1, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
            assertTrue(stopped - canceledAtNanos < TimeUnit.MILLISECONDS.toNanos(200),
                    "stopped " + TimeUnit.NANOSECONDS.toMillis(stopped - canceledAtNanos) + " ms after cancel");
        } finally {
            thread.interrupt();
            thread.join(1_000);
        }
    }

    private static Parameters params(String name, String value) {
        return Parameters.NONE.with(name, value);
    }
}
