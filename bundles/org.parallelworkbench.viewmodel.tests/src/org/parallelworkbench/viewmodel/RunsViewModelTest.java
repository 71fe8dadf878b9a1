package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.testing.FakeJobService;

class RunsViewModelTest {

    private static final long THREAD_JOIN_MILLIS = 5_000;

    private QueueRealm realm;
    private FakeJobService jobs;
    private RunsViewModel runs;
    private WorkbenchViewModel control;

    @BeforeEach
    void setUp() {
        realm = new QueueRealm();
        jobs = new FakeJobService(TestProviders.TICKER);
        control = new WorkbenchViewModel(realm, jobs);
        runs = control.runs();
    }

    @Test
    void eachStartAddsARowNewestFirstAndEndedRunsStayListed() {
        control.start();
        jobs.started.get(0).end(RunState.SUCCEEDED, "");
        realm.drain();
        control.start();

        assertEquals(2, runs.rows().size());
        assertEquals("RUNNING", runs.rows().get(0).state().getValue(), "the newest run comes first");
        assertEquals("SUCCEEDED", runs.rows().get(1).state().getValue());
        assertEquals("Ticker", runs.rows().get(0).providerName());
    }

    @Test
    void progressFromAnEngineThreadReachesTheRowThroughTheRealmOnly() throws Exception {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);
        RunRowViewModel row = runs.rows().get(0);

        onEngineThread(() -> run.publish(new RunEvent.Progress(run.id(), 37, 100, 120.4, 2_300)));

        assertEquals("0 units", row.progressText().getValue(), "an engine thread must not change the row itself");
        deliver();
        assertEquals("37 / 100 units", row.progressText().getValue());
        assertEquals(0.37, row.progressFraction().getValue(), 1e-9);
        assertEquals("120 units/s", row.throughput().getValue());
        assertEquals("3 s", row.eta().getValue());
    }

    @Test
    void anOpenEndedRunShowsUnitsWithoutATotalAndAnUnknownFraction() {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);

        run.publish(new RunEvent.Progress(run.id(), 37, -1, 10, -1));
        deliver();

        RunRowViewModel row = runs.rows().get(0);
        assertEquals("37 units", row.progressText().getValue());
        assertEquals(RunRowViewModel.UNKNOWN_FRACTION, row.progressFraction().getValue());
        assertEquals("", row.eta().getValue());
    }

    @Test
    void theOutcomeFinalisesTheRowInsideTheRealm() throws Exception {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);
        RunRowViewModel row = runs.rows().get(0);
        run.publish(new RunEvent.Progress(run.id(), 1, 2, 1, 1_000));
        deliver();
        run.emit("a");
        run.emit("b");

        onEngineThread(() -> run.end(RunState.SUCCEEDED, ""));
        assertEquals("RUNNING", row.state().getValue(), "the outcome must reach the row through the Realm");
        deliver();

        assertEquals("SUCCEEDED", row.state().getValue());
        assertEquals("2 / 2 units", row.progressText().getValue());
        assertEquals(1.0, row.progressFraction().getValue());
        assertEquals("", row.eta().getValue());
    }

    @Test
    void aStateChangeEventShowsTheNewState() {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);

        run.publish(new RunEvent.StateChanged(run.id(), RunState.CANCELED, "why"));
        deliver();

        assertEquals("CANCELED", runs.rows().get(0).state().getValue());
    }

    @Test
    void whatARunningRunWaitsForIsInItsStatusUntilItNoLongerWaits() {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);
        RunRowViewModel row = runs.rows().get(0);

        run.publish(new RunEvent.StateChanged(run.id(), RunState.RUNNING, "waiting for cluster members"));
        deliver();
        assertEquals("RUNNING", row.state().getValue());
        assertEquals(TestProviders.TICKER.name() + " running: waiting for cluster members", row.status().getValue());

        run.publish(new RunEvent.StateChanged(run.id(), RunState.RUNNING, ""));
        deliver();
        assertEquals(TestProviders.TICKER.name() + " running", row.status().getValue());
    }

    @Test
    void cancelAsksTheRowsRunToStop() {
        control.start();

        runs.cancel(runs.rows().get(0));

        assertEquals(RunsViewModel.CANCEL_REASON, jobs.started.get(0).cancelReason());
    }

    @Test
    void cancelAllAsksEveryRunThatHasNotEndedToStop() {
        FakeJobService.FakeRun ended = new FakeJobService.FakeRun("run-a", TestProviders.TICKER, Parameters.NONE);
        FakeJobService.FakeRun first = new FakeJobService.FakeRun("run-b", TestProviders.TICKER, Parameters.NONE);
        FakeJobService.FakeRun second = new FakeJobService.FakeRun("run-c", TestProviders.TICKER, Parameters.NONE);
        List.of(ended, first, second).forEach(runs::add);
        ended.end(RunState.SUCCEEDED, "");
        realm.drain();

        runs.cancelAll();

        assertNull(ended.cancelReason(), "an ended run is left alone");
        assertEquals(RunsViewModel.CANCEL_REASON, first.cancelReason());
        assertEquals(RunsViewModel.CANCEL_REASON, second.cancelReason());
    }

    @Test
    void aFloodOfEventsCostsTheRealmOneDeliveryAndTheLatestValueWins() throws Exception {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);
        int events = 100_000;

        onEngineThread(() -> {
            for (int i = 1; i <= events; i++) {
                run.publish(new RunEvent.UnitCompleted(run.id(), new UnitResult(i - 1, "unit " + i), i, events));
                run.publish(new RunEvent.ResultUpdated(run.id(), new ResultValue.Scalar(Integer.toString(i))));
                run.publish(new RunEvent.Progress(run.id(), i, events, 1e6, 0));
            }
        });

        assertEquals(1, realm.queued(), "3 x " + events + " events must queue one delivery, not a backlog");
        deliver();
        RunRowViewModel row = runs.rows().get(0);
        assertEquals(Integer.toString(events), row.latestValue().getValue());
        assertEquals(events + " / " + events + " units", row.progressText().getValue());
        assertEquals(2L * events, runs.eventsReceived(), "the row takes the run's summary, without the units' events");
    }

    @Test
    void aRunThatEndsBeforeItsFirstProgressReportStillShowsItsRate() {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);
        List.of("a", "b", "c", "d").forEach(run::emit);
        realm.drain();

        run.end(RunState.SUCCEEDED, "", null, java.time.Duration.ofSeconds(2));
        realm.drain();

        RunRowViewModel row = runs.rows().get(0);
        assertEquals("2 units/s", row.throughput().getValue());
        assertEquals("2.0 s", row.elapsed().getValue());
        assertEquals("4 / 4 units", row.progressText().getValue());
    }

    @Test
    void onlyTheNewestEndedRunsStayListedActiveOnesAlways() {
        control.start(); // stays active throughout
        for (int i = 0; i < RunsViewModel.MAX_ENDED_ROWS + 5; i++) {
            control.start();
            jobs.started.get(jobs.started.size() - 1).end(RunState.SUCCEEDED, "");
            realm.drain();
        }

        control.start();

        assertEquals(RunsViewModel.MAX_ENDED_ROWS + 2, runs.rows().size(), "the newest ended runs, the active one and the new one");
        assertEquals("1", runs.rows().get(runs.rows().size() - 1).runId(), "the active run is never forgotten");
        assertEquals(Integer.toString(RunsViewModel.MAX_ENDED_ROWS + 7), runs.rows().get(0).runId());
    }

    @Test
    void removeEndedForgetsEndedRunsAndKeepsActiveOnes() {
        control.start();
        control.start();
        jobs.started.get(1).end(RunState.SUCCEEDED, "");
        realm.drain();
        assertEquals(runs.rows().get(0), runs.selection().getValue(), "the newest run is selected");

        runs.removeEnded();

        assertEquals(1, runs.rows().size());
        assertEquals("1", runs.rows().get(0).runId());
        assertEquals(runs.rows().get(0), runs.selection().getValue(), "the selection moves to a listed run");
    }

    /** Runs what the Realm has queued, including relay deliveries that waited for their interval. */
    private void deliver() {
        realm.drain();
        realm.fireTimers();
        realm.drain();
    }

    private static void onEngineThread(Runnable action) throws InterruptedException {
        Thread engine = new Thread(action, "fake-engine");
        engine.start();
        engine.join(THREAD_JOIN_MILLIS);
        assertFalse(engine.isAlive(), "the fake engine thread did not finish within " + THREAD_JOIN_MILLIS + " ms");
    }
}
