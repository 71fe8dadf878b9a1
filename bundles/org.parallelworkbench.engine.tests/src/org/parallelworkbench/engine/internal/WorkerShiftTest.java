package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.testing.Waits;

/**
 * Workers execute a run's units back to back in shifts: turns between runs, how units are taken, and that
 * none is taken while too many results wait for the run's Job thread.
 */
class WorkerShiftTest extends EngineTestBase {

    /** Units of about a millisecond, open-ended, counted per provider. */
    private static TestProvider counting(String id, Tally done) {
        return new TestProvider(id, p -> WorkPlan.open(i -> new WorkUnit(i, Map.of()), 1), (unit, ctx) -> {
            TestUnits.compute(Duration.ofMillis(1));
            done.incrementAndGet();
            return "u" + unit.index();
        });
    }

    @Test
    void runsSharingTheOnlyWorkerTakeTurnsAfterEachTimeSlice() {
        Tally doneA = new Tally();
        Tally doneB = new Tally();
        engine(new EngineSettings(1, 4, BORROW_TIMEOUT_MILLIS));
        engine.addProvider(counting("a", doneA));
        engine.addProvider(counting("b", doneB));
        RunHandle a = engine.start("a", Parameters.NONE);
        doneA.awaitAtLeast(5, SHORT, () -> "run a never got the worker");
        RunHandle b = engine.start("b", Parameters.NONE);
        doneB.awaitAtLeast(5, SHORT, () -> "run b never got a turn on the worker a holds");
        long aBefore = doneA.get();

        Supplier<String> noTurns = () -> "the runs did not take turns: a " + doneA + " (had " + aBefore + "), b " + doneB;
        long turnsStarted = System.nanoTime();
        doneA.awaitAtLeast(aBefore + 6, SHORT, noTurns);
        doneB.awaitAtLeast(11, SHORT.minusNanos(System.nanoTime() - turnsStarted), noTurns);
        a.cancel("enough");
        b.cancel("enough");

        assertEquals(RunState.CANCELED, Waits.outcome(a, CANCEL_BAR).state());
        assertEquals(RunState.CANCELED, Waits.outcome(b, CANCEL_BAR).state());
        assertEquals(List.of(), engine.incidents().recent(), "nothing should have been abandoned");
    }

    @Test
    void workersTakeNoUnitWhileTooManyResultsWaitForASlowAccumulator() {
        int poolSize = 2;
        long slowAcceptNanos = Duration.ofMillis(1).toNanos() / 100;
        AtomicLong executed = new AtomicLong();
        Tally accepted = new Tally();
        AtomicLong mostWaiting = new AtomicLong();
        engine(poolSize).addProvider(new TestProvider("flood", p -> WorkPlan.open(i -> new WorkUnit(i, Map.of()), poolSize),
                (unit, ctx) -> {
                    mostWaiting.accumulateAndGet(executed.incrementAndGet() - accepted.get(), Math::max);
                    return "f";
                }).withAccumulator(() -> new ResultAccumulator() {
                    @Override
                    public void accept(UnitResult result) {
                        long end = System.nanoTime() + slowAcceptNanos; // far slower than a unit
                        while (System.nanoTime() - end < 0) {
                            Thread.onSpinWait();
                        }
                        accepted.incrementAndGet();
                    }

                    @Override
                    public ResultValue snapshot() {
                        return new ResultValue.Scalar(Long.toString(accepted.get()));
                    }
                }));
        RunHandle run = engine.start("flood", Parameters.NONE);
        // at 100,000 results a second the accumulator lags by far more than the bound after a second
        accepted.awaitAtLeast(100_000, Duration.ofSeconds(20), () -> "only " + accepted + " accepted");
        run.cancel("enough");

        RunOutcome outcome = Waits.outcome(run, SHORT); // the accumulator takes the waiting results first
        assertEquals(RunState.CANCELED, outcome.state(), outcome.reason());
        assertTrue(mostWaiting.get() <= UnitQueue.MAX_UNDRAINED_RESULTS + poolSize, "up to " + mostWaiting
                + " results waited for the accumulator; bound " + UnitQueue.MAX_UNDRAINED_RESULTS);
        assertEquals(executed.get(), outcome.unitsCompleted(), "units completed");
    }

    @Test
    void anOpenEndedPlanIsAskedForOneUnitAtATimeAndEveryIndexOnce() {
        AtomicInteger insideGenerator = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        Set<Long> executed = ConcurrentHashMap.newKeySet();
        Tally executions = new Tally();
        engine(4).addProvider(new TestProvider("generated", p -> WorkPlan.open(i -> {
            mostInside.accumulateAndGet(insideGenerator.incrementAndGet(), Math::max);
            for (int spin = 0; spin < 100; spin++) {
                Thread.onSpinWait(); // widens the window in which a second caller would overlap
            }
            insideGenerator.decrementAndGet();
            return new WorkUnit(i, Map.of());
        }, 4), (unit, ctx) -> {
            if (!executed.add(unit.index())) {
                throw new IllegalStateException("unit " + unit.index() + " executed twice");
            }
            executions.incrementAndGet();
            return "g";
        }));
        RunHandle run = engine.start("generated", Parameters.NONE);
        executions.awaitAtLeast(20_000, SHORT, () -> "only " + executed.size() + " units executed");
        run.cancel("enough");

        RunOutcome outcome = Waits.outcome(run, CANCEL_BAR);
        assertEquals(RunState.CANCELED, outcome.state(), outcome.reason());
        assertEquals(1, mostInside.get(), "callers inside the plan's generator at once");
        assertEquals(executed.size(), outcome.unitsCompleted(), "units completed");
        assertEquals(RunOutcome.OPEN_ENDED_RESULTS_KEPT, outcome.results().size(), "results kept");
        for (int i = 1; i < outcome.results().size(); i++) {
            assertTrue(outcome.results().get(i - 1).unitIndex() < outcome.results().get(i).unitIndex(),
                    "results of an open-ended run, in unit order");
        }
    }
}
