package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.testing.Waits;

/** Reliability scenarios 1, 2, 4, 8, 10 and the engine's part of 12 of {@code reliability-scenarios.md}, on a plain engine. */
class ReliabilityTest extends EngineTestBase {

    private static TestProvider openEnded(String id, TestProvider.Body body) {
        return new TestProvider(id, p -> WorkPlan.open(i -> new WorkUnit(i, Map.of()), 1), body);
    }

    /** Scenario 1. */
    @Test
    void sixtyFourRunsOfSixteenUnitsAreAllCanceledWithinOneSecond() {
        CountDownLatch busy = new CountDownLatch(4);
        engine(4).addProvider(TestProvider.finite("sixteen", 16, 4, (unit, ctx) -> {
            busy.countDown();
            return TestUnits.awaitInterrupt();
        }));
        List<RunHandle> runs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            runs.add(engine.start("sixteen", Parameters.NONE));
        }
        Waits.await(busy, SHORT, "the workers never got busy");
        assertEquals(4, engine.pool().liveThreads().size(), () -> "workers: " + engine.pool().liveThreads());

        long startNanos = System.nanoTime();
        engine.cancelAll("all at once");
        for (RunHandle run : runs) {
            Duration left = CANCEL_BAR.minusNanos(System.nanoTime() - startNanos);
            RunOutcome outcome = Waits.outcome(run, left.isNegative() ? Duration.ZERO : left);
            assertEquals(RunState.CANCELED, outcome.state(), run.id());
        }
        assertTrue(System.nanoTime() - startNanos < CANCEL_BAR.toNanos(), "cancelling 64 runs took over 1 s");
    }

    /** Scenario 2. */
    @Test
    void aUnitIgnoringCancelAndInterruptIsAbandonedReportedAndReplaced() {
        AtomicReference<Thread> stuck = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        engine(2).addProvider(openEnded("stubborn", (unit, ctx) -> {
            stuck.set(Thread.currentThread());
            started.countDown();
            blockIgnoringInterrupts();
            return "released";
        }));
        engine.addProvider(TestProvider.finite("after", 40, 2, (unit, ctx) -> "ok"));
        RunHandle run = engine.start("stubborn", Parameters.NONE);
        Waits.await(started, SHORT, "the stubborn unit never started");

        long startNanos = System.nanoTime();
        run.cancel("stop now");
        RunOutcome outcome = Waits.outcome(run, CANCEL_BAR);
        long cancelNanos = System.nanoTime() - startNanos;
        RunOutcome after = Waits.outcome(engine.start("after", Parameters.NONE), SHORT);

        assertEquals(RunState.CANCELED, outcome.state());
        assertTrue(cancelNanos < CANCEL_BAR.toNanos(), "cancel took " + cancelNanos / 1_000_000 + " ms");
        assertTrue(stuck.get().isAlive(), "the stuck thread should still be stuck");
        String report = engine.incidents().recent().stream().filter(text -> text.contains(stuck.get().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("stuck thread not reported: " + engine.incidents().recent()));
        assertTrue(report.contains("ignored the stop") && report.contains("blockIgnoringInterrupts"), report);
        assertEquals(RunState.SUCCEEDED, after.state(), "the pool did not replace the abandoned worker: " + after.reason());
        assertTrue(engine.pool().workersCounted() <= 2, "the pool counts " + engine.pool().workersCounted() + " > 2");

        release.countDown();
        Waits.until(() -> !stuck.get().isAlive(), SHORT, () -> "the abandoned thread lived on after its unit returned");
    }

    /** Scenario 4: abandoned workers are replaced while stuck, and their threads end once released. */
    @Test
    void fiveHundredBlockedUnitsThenReleasedLeaveNoMoreThreadsThanTheCap() {
        AtomicInteger mostCounted = new AtomicInteger();
        CountDownLatch firstRunStuck = new CountDownLatch(4);
        Tally unitsStarted = new Tally();
        engine(4).addProvider(TestProvider.finite("blocked", 500, 500, (unit, ctx) -> {
            mostCounted.accumulateAndGet(engine.pool().workersCounted(), Math::max);
            firstRunStuck.countDown();
            unitsStarted.incrementAndGet();
            blockIgnoringInterrupts();
            return "done";
        }));
        RunHandle abandoned = engine.start("blocked", Parameters.NONE);
        // A live worker is not yet a stuck one: a worker the cancel reaches before its first unit goes back
        // to the pool healthy and is rightly reused, so only a unit on each of the 4 makes all 4 abandoned.
        Waits.await(firstRunStuck, SHORT, "the first run never had a unit stuck on each of the 4 workers");
        abandoned.cancel("abandon its workers");
        assertEquals(RunState.CANCELED, Waits.outcome(abandoned, CANCEL_BAR).state());

        RunHandle blocked = engine.start("blocked", Parameters.NONE);
        // The first run's 4 units stay stuck, so 4 more started units are the second run's, on fresh workers.
        unitsStarted.awaitAtLeast(8, SHORT, () -> "the second run did not get fresh workers: " + engine.pool().liveThreads());
        assertEquals(8, engine.pool().liveThreads().size(), () -> "workers: " + engine.pool().liveThreads());
        release.countDown();
        RunOutcome outcome = Waits.outcome(blocked, SHORT);

        assertEquals(RunState.SUCCEEDED, outcome.state(), outcome.reason());
        assertEquals(500, outcome.results().size());
        Waits.until(() -> engine.pool().liveThreads().size() <= 4, SHORT,
                () -> "worker threads above the cap of 4: " + engine.pool().liveThreads());
        assertTrue(mostCounted.get() <= 4, "the pool counted " + mostCounted.get() + " workers, more than its 4");
    }

    /** Scenario 8. */
    @Test
    void misbehavingObserversAreReportedAndNeitherSlowRunsNorCancel() {
        CountDownLatch blocking = new CountDownLatch(1);
        engine(2).addProvider(TestProvider.finite("quick", 200, 2, (unit, ctx) -> "q"));
        engine.addProvider(openEnded("endless", (unit, ctx) -> {
            TestUnits.compute(Duration.ofMillis(5));
            return "e";
        }));
        engine.addObserver(run -> {
            throw new IllegalStateException("observer bug");
        });
        RunHandle endless = engine.start("endless", Parameters.NONE);
        endless.events().subscribe(RunEvent.subscriber(event -> {
            throw new IllegalStateException("subscriber bug");
        }));
        endless.events().subscribe(RunEvent.subscriber(event -> {
            blocking.countDown();
            Waits.await(release, Duration.ofSeconds(10), "blocking subscriber released by time-out");
        }));
        Waits.await(blocking, SHORT, "the blocking subscriber never got an event");
        long blockedNanos = System.nanoTime();

        RunOutcome quick = Waits.outcome(engine.start("quick", Parameters.NONE), SHORT);
        long cancelNanos = System.nanoTime();
        endless.cancel("enough");
        RunOutcome canceled = Waits.outcome(endless, CANCEL_BAR);
        assertTrue(System.nanoTime() - cancelNanos < CANCEL_BAR.toNanos(), "cancel took over 1 s");
        Waits.until(() -> reported("has been blocking"), Duration.ofSeconds(3).minusNanos(System.nanoTime() - blockedNanos),
                () -> "the blocking subscriber was not reported within 3 s: " + engine.incidents().recent());

        assertEquals(RunState.SUCCEEDED, quick.state(), quick.reason());
        assertEquals(200, quick.results().size());
        assertEquals(RunState.CANCELED, canceled.state());
        assertTrue(reported("observer bug"), "the throwing run observer was not reported");
        assertTrue(reported("subscriber bug"), "the throwing subscriber was not reported");
    }

    /** Scenario 8 with a run observer that blocks: only the start it blocks waits, and it is reported. */
    @Test
    void aBlockingRunObserverIsReportedAndDelaysOnlyTheStartItBlocks() throws InterruptedException {
        CountDownLatch blocking = new CountDownLatch(1);
        engine(2).addProvider(TestProvider.finite("quick", 20, 2, (unit, ctx) -> "q"));
        engine.addObserver(run -> {
            if (blocking.getCount() > 0) { // only the first run's start
                blocking.countDown();
                Waits.await(release, Duration.ofSeconds(10), "blocking observer released by time-out");
            }
        });
        AtomicReference<RunHandle> blockedStart = new AtomicReference<>();
        Thread starter = new Thread(() -> blockedStart.set(engine.start("quick", Parameters.NONE)), "blocked-starter");
        starter.start();
        Waits.await(blocking, SHORT, "the observer was never called");
        long blockedNanos = System.nanoTime();

        RunOutcome other = Waits.outcome(engine.start("quick", Parameters.NONE), SHORT);
        Waits.until(() -> reported("has been blocking thread blocked-starter"),
                Duration.ofSeconds(3).minusNanos(System.nanoTime() - blockedNanos),
                () -> "the blocking observer was not reported within 3 s: " + engine.incidents().recent());
        release.countDown();
        starter.join(SHORT.toMillis());

        assertEquals(RunState.SUCCEEDED, other.state(), other.reason());
        assertEquals(RunState.SUCCEEDED, Waits.outcome(blockedStart.get(), SHORT).state());
    }

    private boolean reported(String text) {
        return engine.incidents().recent().stream().anyMatch(incident -> incident.contains(text));
    }

    /** Scenario 10. */
    @Test
    void closingReleasesWaitingBorrowersAndActiveRunsWithinOneSecond() {
        CountDownLatch holding = new CountDownLatch(1);
        engine(new EngineSettings(1, 4, 30_000)).addProvider(openEnded("holds", (unit, ctx) -> {
            holding.countDown();
            return TestUnits.awaitInterrupt();
        }));
        List<RunHandle> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(engine.start("holds", Parameters.NONE));
        }
        Waits.await(holding, SHORT, "no run got the only worker");
        Waits.until(() -> runs.stream().allMatch(run -> run.state() == RunState.RUNNING), SHORT,
                () -> "runs not all waiting for a worker: " + runs.stream().map(RunHandle::state).toList());

        long startNanos = System.nanoTime();
        engine.close();
        for (RunHandle run : runs) {
            assertEquals(RunState.CANCELED, Waits.outcome(run, CANCEL_BAR).state());
        }
        long closeNanos = System.nanoTime() - startNanos;

        assertTrue(closeNanos < CANCEL_BAR.toNanos(), "closing took " + closeNanos / 1_000_000 + " ms");
        assertEquals(List.of(), engine.pool().liveThreads(), "worker threads left after close");
        List<String> evictors = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.toLowerCase(java.util.Locale.ROOT).contains("evictor")).toList();
        assertEquals(List.of(), evictors, "pool evictor threads");
    }

    /** Scenario 12, the engine's part: a removed provider (and so its bundle's class loader) is not kept. */
    @Test
    void aRemovedProviderIsNoLongerReachableFromTheEngineOnceItsRunsEnded() {
        engine(2);
        List<WeakReference<WorkProvider>> removed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            removed.add(runAndRemove("removed-" + i));
        }

        Waits.until(() -> {
            System.gc(); // the question is whether anything still holds them
            return removed.stream().allMatch(provider -> provider.get() == null);
        }, SHORT, () -> removed.stream().filter(provider -> provider.get() != null).count() + " of " + removed.size()
                + " removed providers are still reachable");
    }

    /** Removes the provider while its run is busy; returns the provider, weakly. */
    private WeakReference<WorkProvider> runAndRemove(String id) {
        CountDownLatch started = new CountDownLatch(1);
        TestProvider provider = openEnded(id, (unit, ctx) -> {
            started.countDown();
            return TestUnits.awaitInterrupt();
        });
        engine.addProvider(provider);
        RunHandle run = engine.start(id, Parameters.NONE);
        Waits.await(started, SHORT, "no unit of " + id + " started");

        engine.removeProvider(provider);

        assertEquals(RunState.CANCELED, Waits.outcome(run, CANCEL_BAR).state());
        return new WeakReference<>(provider);
    }
}
