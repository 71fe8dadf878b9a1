package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.testing.FakeJobService;

/** Start, Stop, the big label and the status line, for many runs. */
class StartAndStopTest {

    private QueueRealm realm;
    private FakeJobService jobs;
    private WorkbenchViewModel workbench;

    @BeforeEach
    void setUp() {
        realm = new QueueRealm();
        jobs = new FakeJobService(TestProviders.TICKER);
        jobs.install(TestProviders.TICKER, TestProviders.COUNTER);
        workbench = tickerSelected(new WorkbenchViewModel(realm, jobs));
    }

    @Test
    void startListsTheRunSelectsItAndStopBecomesPossible() {
        assertTrue(workbench.canStart().getValue());
        assertFalse(workbench.canStop().getValue());

        workbench.start();

        assertEquals(1, jobs.started.size());
        assertSame(workbench.runs().rows().get(0), workbench.runs().selection().getValue());
        assertTrue(workbench.canStop().getValue());
        assertTrue(workbench.canStart().getValue(), "another run may start while one is active");
        assertEquals("Ticker running", workbench.statusLine().getValue());
    }

    @Test
    void theEngineIsAskedOffTheRealmsThreadAndTheRunIsListedThroughTheRealm() throws Exception {
        List<Runnable> background = new java.util.ArrayList<>();
        workbench = tickerSelected(new WorkbenchViewModel(realm, jobs, new InMemoryParameterMemory(), background::add));

        workbench.start();

        assertTrue(jobs.started.isEmpty(), "a provider's planning must not run on the Realm's thread");
        assertEquals("Starting Ticker\u2026", workbench.statusLine().getValue());
        Thread starter = new Thread(() -> background.forEach(Runnable::run), "fake-background");
        starter.start();
        starter.join(5_000);
        assertEquals(1, jobs.started.size());
        assertTrue(workbench.runs().rows().isEmpty(), "the row is added inside the Realm, not on the starting thread");

        realm.drain();
        assertEquals(1, workbench.runs().rows().size());
        assertEquals("Ticker running", workbench.statusLine().getValue());
    }

    @Test
    void aProviderThatCannotPlanIsReportedNotThrown() {
        jobs.rejectWith = new IllegalArgumentException("Provider 'ticker' could not plan the run: folder vanished");

        workbench.start();

        assertTrue(workbench.runs().rows().isEmpty());
        assertEquals("Cannot start Ticker: Provider 'ticker' could not plan the run: folder vanished", workbench.statusLine().getValue());
    }

    @Test
    void twoRunsGoOnSideBySideAndStopStopsOnlyTheSelectedOne() {
        workbench.start();
        workbench.selectedProvider().setValue(TestProviders.COUNTER);
        workbench.start();
        FakeJobService.FakeRun ticker = jobs.started.get(0);
        FakeJobService.FakeRun counter = jobs.started.get(1);

        workbench.runs().selection().setValue(workbench.runs().rows().get(1));
        workbench.stop();

        assertEquals(RunsViewModel.CANCEL_REASON, ticker.cancelReason());
        assertNull(counter.cancelReason());
        assertTrue(workbench.canStop().getValue(), "still active until the engine says the run ended");

        ticker.end(RunState.CANCELED, ticker.cancelReason());
        realm.drain();
        assertFalse(workbench.canStop().getValue());
        assertEquals(RunsViewModel.CANCEL_REASON, workbench.statusLine().getValue());
        assertEquals(1, workbench.runs().activeCount().getValue());
    }

    @Test
    void theFormsValuesReachTheEngineAndAreRememberedForTheProvider() {
        InMemoryParameterMemory memory = new InMemoryParameterMemory();
        workbench = tickerSelected(new WorkbenchViewModel(realm, jobs, memory, Runnable::run));
        workbench.selectedProvider().setValue(TestProviders.COUNTER);
        field("limit").value().setValue(" 500 ");

        workbench.start();

        assertEquals(Map.of("limit", "500", "fast", "false", "mode", "up"), jobs.started.get(0).parameters().values());
        assertEquals(Map.of("limit", "500"), memory.recall("counter"), "only what differs from the defaults is kept");
        assertEquals(ExecutionTarget.AUTO, jobs.options.get(0).target(), "Default leaves the choice to the engine");
        assertEquals("Threads", workbench.runs().rows().get(0).runsOn(), "where the engine ran it");
    }

    @Test
    void runOnReachesTheEngineIsRememberedAndTheRowSaysWhereTheRunExecutes() {
        InMemoryParameterMemory memory = new InMemoryParameterMemory();
        workbench = tickerSelected(new WorkbenchViewModel(realm, jobs, memory, Runnable::run));
        jobs.runsOnProcesses = true;
        workbench.selectedProvider().setValue(TestProviders.COUNTER);
        workbench.form().target().setValue(ExecutionTarget.PROCESSES);

        workbench.start();

        assertEquals(ExecutionTarget.PROCESSES, jobs.options.get(0).target());
        assertEquals("Processes", workbench.runs().rows().get(0).runsOn());
        assertEquals(Map.of(ParameterMemory.TARGET_KEY, "PROCESSES"), memory.recall("counter"));
    }

    @Test
    void anEngineThatCannotRunOnProcessesIsReportedInTheStatusLineAndNothingIsRemembered() {
        InMemoryParameterMemory memory = new InMemoryParameterMemory();
        workbench = tickerSelected(new WorkbenchViewModel(realm, jobs, memory, Runnable::run));
        workbench.form().target().setValue(ExecutionTarget.PROCESSES);

        workbench.start();

        assertTrue(workbench.runs().rows().isEmpty());
        assertEquals("Cannot start Ticker: Provider 'ticker' cannot run on processes: worker processes need the packaged product",
                workbench.statusLine().getValue());
        assertEquals(Map.of(), memory.recall("ticker"));
        assertTrue(workbench.canStart().getValue(), "the user can choose another target and start again");
    }

    /**
     * What the engine publishes for a unit's value with the default accumulator: the window takes a run's summary,
     * in which a unit's own event never comes.
     */
    private static void latestValue(FakeJobService.FakeRun run, String value) {
        run.emit(value);
        run.publish(new RunEvent.ResultUpdated(run.id(), new ResultValue.Scalar(value)));
    }

    @Test
    void valuesFromTheEngineReachTheLabelThroughTheRealmOnly() throws Exception {
        workbench.start();
        FakeJobService.FakeRun run = jobs.started.get(0);

        Thread engine = new Thread(() -> latestValue(run, "1"), "fake-engine");
        engine.start();
        engine.join(5_000);

        assertEquals(RunRowViewModel.NO_VALUE, workbench.latestValue().getValue(),
                "an engine thread must not change the observable itself");
        realm.drain();
        assertEquals("1", workbench.latestValue().getValue());
    }

    @Test
    void theLabelFollowsTheSelectedRun() {
        workbench.start();
        workbench.start();
        latestValue(jobs.started.get(0), "first");
        latestValue(jobs.started.get(1), "second");
        realm.drain();

        assertEquals("second", workbench.latestValue().getValue());
        workbench.runs().selection().setValue(workbench.runs().rows().get(1));
        assertEquals("first", workbench.latestValue().getValue());
    }

    @Test
    void onceAResultIsPublishedTheLabelShowsItNotTheUnitValues() {
        workbench.start();
        FakeJobService.FakeRun run = jobs.started.get(0);

        run.publish(new RunEvent.ResultUpdated(run.id(), new ResultValue.Scalar("78498")));
        run.emit("9592");
        realm.drain();

        RunRowViewModel row = workbench.runs().selection().getValue();
        assertEquals("78498", workbench.latestValue().getValue());
        assertEquals(new ResultValue.Scalar("78498"), row.result().getValue());
    }

    @Test
    void theFinalResultReplacesTheGrowingOne() {
        workbench.start();
        FakeJobService.FakeRun run = jobs.started.get(0);
        run.publish(new RunEvent.ResultUpdated(run.id(), new ResultValue.Scalar("partial")));
        realm.drain();

        run.end(RunState.SUCCEEDED, "");
        realm.drain();

        RunRowViewModel row = workbench.runs().selection().getValue();
        assertEquals(new ResultValue.Scalar(""), row.result().getValue(), "the outcome's result, not the partial one");
        assertEquals(RunState.SUCCEEDED, row.outcome().getValue().state());
    }

    @Test
    void aFailedRunShowsItsReason() {
        workbench.start();
        jobs.started.get(0).end(RunState.FAILED, "Unit 3 failed after 1 attempt: disk full");
        realm.drain();

        assertEquals("Failed: Unit 3 failed after 1 attempt: disk full", workbench.statusLine().getValue());
        assertFalse(workbench.canStop().getValue());
    }

    @Test
    void aRejectedStartSaysWhyAndListsNothing() {
        jobs.rejectWith = new InvalidParametersException("ticker", List.of(
                new ParameterProblem("intervalMillis", "must be between 1 and 3600000 ms, not 0"),
                new ParameterProblem("bogus", "unknown parameter; known: start, intervalMillis")));

        workbench.start();

        assertTrue(workbench.runs().rows().isEmpty());
        assertEquals("Cannot start: intervalMillis: must be between 1 and 3600000 ms, not 0; "
                + "bogus: unknown parameter; known: start, intervalMillis", workbench.statusLine().getValue());
    }

    @Test
    void invalidValuesDisableStartAndSayWhyUntilTheyAreFixed() {
        workbench.selectedProvider().setValue(TestProviders.COUNTER);
        assertTrue(workbench.canStart().getValue());

        field("limit").value().setValue("0");
        assertFalse(workbench.canStart().getValue());
        assertEquals("limit: must be between 1 and 1000 units, not 0", workbench.form().problemsText().getValue());
        assertEquals("Cannot start: limit: must be between 1 and 1000 units, not 0", workbench.statusLine().getValue());
        workbench.start();
        assertTrue(jobs.started.isEmpty(), "Start does nothing while the form is invalid");

        field("limit").value().setValue("10");
        assertTrue(workbench.canStart().getValue());
        assertEquals(WorkbenchViewModel.READY, workbench.statusLine().getValue());
    }

    @Test
    void withoutAProviderStartIsDisabledAndDoesNothing() {
        workbench.selectedProvider().setValue(null);

        assertFalse(workbench.canStart().getValue());
        workbench.start();
        assertTrue(jobs.started.isEmpty());
    }

    @Test
    void commandsOutsideTheRealmAreRefused() throws Exception {
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                workbench.start();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        other.start();
        other.join(5_000);
        assertTrue(thrown[0] instanceof IllegalStateException, "expected IllegalStateException, got " + thrown[0]);
        assertTrue(jobs.started.isEmpty());
    }

    private ParameterFieldViewModel field(String name) {
        return workbench.form().fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    /** The ticker selected, as a user would pick it: with nothing started before, the first provider by name is. */
    private static WorkbenchViewModel tickerSelected(WorkbenchViewModel workbench) {
        workbench.selectedProvider().setValue(TestProviders.TICKER);
        return workbench;
    }
}
