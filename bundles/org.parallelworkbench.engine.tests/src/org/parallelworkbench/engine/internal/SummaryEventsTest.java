package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.testing.Waits;

/** A view of a run gets its summary, not an event per unit: the flood the window once drowned in. */
class SummaryEventsTest extends EngineTestBase {

    private static final int UNITS = 20_000;

    @Test
    void summarySubscribersGetNoUnitEventsButProgressResultsAndTheEndWhileOthersGetEveryUnit() {
        engine(2).addProvider(TestProvider.finite("many", UNITS, 2, (unit, context) -> "v" + unit.index()));
        RunHandle run = engine.start("many", Parameters.NONE);
        List<RunEvent> summary = new CopyOnWriteArrayList<>();
        EventLog all = EventLog.of(run);
        run.summaryEvents().subscribe(RunEvent.subscriber(summary::add));

        assertEquals(RunState.SUCCEEDED, Waits.outcome(run, SHORT).state());
        all.awaitEnd(SHORT);
        Waits.until(() -> summary.stream().anyMatch(SummaryEventsTest::isEnd), SHORT,
                () -> "the summary subscriber did not hear the end: " + summary.size() + " events");

        assertTrue(summary.stream().noneMatch(RunEvent.UnitCompleted.class::isInstance), "a unit's event in the summary");
        assertTrue(summary.stream().anyMatch(RunEvent.Progress.class::isInstance), "no progress in the summary");
        assertTrue(summary.stream().anyMatch(RunEvent.ResultUpdated.class::isInstance), "no result in the summary");
        assertTrue(summary.size() < UNITS / 10, "the summary is a flood: " + summary.size() + " events");
        assertTrue(all.count(RunEvent.UnitCompleted.class) > 0, "the full stream has no unit's event");
    }

    private static boolean isEnd(RunEvent event) {
        return event instanceof RunEvent.StateChanged changed && changed.state().isFinal();
    }
}
