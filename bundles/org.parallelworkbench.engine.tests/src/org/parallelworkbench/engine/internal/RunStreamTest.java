package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.testing.Waits;

/**
 * Results and progress as streams: every unit reaches the accumulator and is counted in the outcome, which
 * keeps every result of a finite run and the latest of an open-ended one; updates are coalesced.
 */
class RunStreamTest extends EngineTestBase {

    /** Counts units and adds up their indexes, to show that none is missing or counted twice. */
    static final class CountingAccumulator implements ResultAccumulator {
        private long units;
        private long indexSum;

        @Override
        public void accept(UnitResult result) {
            units++;
            indexSum += result.unitIndex();
        }

        @Override
        public ResultValue snapshot() {
            return new ResultValue.Scalar(units + " units, index sum " + indexSum);
        }
    }

    @Test
    void aHundredThousandTinyUnitsAllReachTheOutcomeWithFarFewerResultUpdates() {
        int count = 100_000;
        engine(4).addProvider(TestProvider.finite("tiny", count, 4, (unit, ctx) -> "v" + unit.index())
                .withAccumulator(CountingAccumulator::new));

        RunHandle run = engine.start("tiny", Parameters.NONE);
        EventLog events = EventLog.of(run);
        RunOutcome outcome = Waits.outcome(run, Duration.ofSeconds(60));
        events.awaitEnd(SHORT);

        assertEquals(RunState.SUCCEEDED, outcome.state(), outcome.reason());
        assertEquals(count, outcome.results().size(), "unit results were dropped");
        assertEquals(count, outcome.unitsCompleted());
        for (int i = 0; i < count; i++) {
            assertEquals(i, outcome.results().get(i).unitIndex(), "results out of unit order");
        }
        long indexSum = (long) count * (count - 1) / 2;
        assertEquals(new ResultValue.Scalar(count + " units, index sum " + indexSum), outcome.result());
        assertEquals(outcome.result(), events.latest(RunEvent.ResultUpdated.class).result(),
                "the last ResultUpdated differs from the outcome");
        long mostUpdates = outcome.elapsed().toMillis() / ResultPublisher.PUBLISH_INTERVAL_MILLIS + 2;
        int updates = events.count(RunEvent.ResultUpdated.class);
        assertTrue(updates <= mostUpdates, updates + " ResultUpdated events in " + outcome.elapsed().toMillis()
                + " ms; at most " + mostUpdates);
        assertEquals(updates, events.count(RunEvent.Progress.class), "progress and result go together");
        RunEvent.Progress last = events.latest(RunEvent.Progress.class);
        assertEquals(count, last.unitsDone());
        assertEquals(count, last.unitsTotal());
        assertEquals(0, last.etaMillis());
        assertTrue(last.unitsPerSecond() > 0, "units per second " + last.unitsPerSecond());
    }

    @Test
    void anOpenEndedRunKeepsOnlyItsLatestResultsButCountsAndAccumulatesEveryUnit() {
        int kept = RunOutcome.OPEN_ENDED_RESULTS_KEPT;
        Tally completed = new Tally();
        engine(2).addProvider(new TestProvider("endless", p -> WorkPlan.open(i -> new WorkUnit(i, Map.of()), 1),
                (unit, ctx) -> {
                    completed.incrementAndGet(); // one unit at a time, so the latest are the highest indexes
                    return "v" + unit.index();
                }).withAccumulator(CountingAccumulator::new));

        RunHandle run = engine.start("endless", Parameters.NONE);
        EventLog events = EventLog.of(run);
        completed.awaitAtLeast(10L * kept, SHORT, () -> "only " + completed + " units completed");
        run.cancel("enough");
        RunOutcome outcome = Waits.outcome(run, CANCEL_BAR);
        events.awaitEnd(SHORT);

        long count = completed.get();
        assertEquals(RunState.CANCELED, outcome.state(), outcome.reason());
        assertEquals(count, outcome.unitsCompleted(), "units completed");
        assertEquals(kept, outcome.results().size(), "results kept of " + count + " units");
        for (int i = 0; i < kept; i++) {
            long index = count - kept + i;
            assertEquals(new UnitResult(index, "v" + index), outcome.results().get(i), "the latest results, in unit order");
        }
        long indexSum = count * (count - 1) / 2;
        assertEquals(new ResultValue.Scalar(count + " units, index sum " + indexSum), outcome.result(),
                "the accumulator did not see every unit");
        assertEquals(count, events.latest(RunEvent.Progress.class).unitsDone());
    }

    @Test
    void updatesAreCoalescedToOnePerIntervalAndTheLastIsAlwaysPublished() {
        AtomicLong nowNanos = new AtomicLong();
        List<RunEvent> published = new ArrayList<>();
        ResultPublisher publisher = new ResultPublisher("r", new CountingAccumulator(), 1_000, published::add,
                nowNanos::get);
        publisher.started();

        for (int i = 0; i < 500; i++) { // 500 units within the first 99 ms: nothing yet
            nowNanos.set(TimeUnit.MILLISECONDS.toNanos(i / 5));
            publisher.accept(new UnitResult(i, "x"));
        }
        int beforeInterval = published.size();
        nowNanos.set(TimeUnit.MILLISECONDS.toNanos(100));
        publisher.tick(); // a tick alone publishes what is pending once the interval passed
        publisher.tick();
        int afterTick = published.size();
        ResultValue last = publisher.finish(published::add);

        assertEquals(0, beforeInterval, "published before the interval passed");
        assertEquals(2, afterTick, "one ResultUpdated and one Progress after the interval");
        assertEquals(new RunEvent.Progress("r", 500, 1_000, 5_000, 100), published.get(1));
        assertEquals(new RunEvent.ResultUpdated("r", last), published.get(published.size() - 2));
        assertEquals(new ResultValue.Scalar("500 units, index sum 124750"), last);
    }

    @Test
    void openEndedRunsAndRunsWithoutProgressReportNoEta() {
        List<RunEvent> published = new ArrayList<>();
        AtomicLong nowNanos = new AtomicLong();
        new ResultPublisher("open", new CountingAccumulator(), -1, published::add, nowNanos::get).finish(published::add);
        nowNanos.set(TimeUnit.SECONDS.toNanos(1));
        ResultPublisher open = new ResultPublisher("open", new CountingAccumulator(), -1, published::add, nowNanos::get);
        open.accept(new UnitResult(0, "x"));

        assertEquals(new RunEvent.Progress("open", 0, -1, 0, -1), published.get(1));
        open.finish(published::add);
        assertEquals(-1, ((RunEvent.Progress) published.get(published.size() - 1)).etaMillis());
    }
}
