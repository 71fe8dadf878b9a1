package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.core.databinding.observable.value.WritableValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunState;

class RunControlViewModelTest {

    private QueueRealm realm;
    private FakeJobService jobs;
    private WritableValue<ProviderInfo> provider;
    private WritableValue<String> parameterText;
    private RunControlViewModel control;

    @BeforeEach
    void setUp() {
        realm = new QueueRealm();
        jobs = new FakeJobService();
        provider = new WritableValue<>(realm, FakeJobService.TICKER, ProviderInfo.class);
        parameterText = new WritableValue<>(realm, "", String.class);
        control = new RunControlViewModel(realm, jobs, provider, parameterText);
    }

    @Test
    void startShowsRunningAndTheToggleOffersStop() {
        assertEquals("&Start", control.toggleLabel().getValue());

        control.toggle();

        assertEquals(1, jobs.started.size());
        assertTrue(control.running().getValue());
        assertEquals("&Stop", control.toggleLabel().getValue());
    }

    @Test
    void theParameterTextReachesTheEngineAsNameValuePairs() {
        parameterText.setValue("  start=5   intervalMillis=200 ");

        control.start();

        assertEquals(Map.of("start", "5", "intervalMillis", "200"), jobs.started.get(0).parameters().values());
    }

    @Test
    void valuesFromTheEngineReachTheLabelThroughTheRealmOnly() throws Exception {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);

        Thread engine = new Thread(() -> run.emit("1"), "fake-engine");
        engine.start();
        engine.join(5_000);

        assertEquals(RunControlViewModel.NO_VALUE, control.latestValue().getValue(),
                "an engine thread must not change the observable itself");
        realm.drain();
        assertEquals("1", control.latestValue().getValue());
    }

    @Test
    void onceAResultIsPublishedTheLabelShowsItNotTheUnitValues() {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);

        run.publish(new RunEvent.ResultUpdated(run.id(), new ResultValue.Scalar("78498")));
        run.emit("9592");
        realm.drain();

        assertEquals("78498", control.latestValue().getValue());
        assertEquals(new ResultValue.Scalar("78498"), control.result().getValue());
    }

    @Test
    void theFinalResultReplacesTheGrowingOneAndANewRunClearsIt() {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);
        run.publish(new RunEvent.ResultUpdated(run.id(), new ResultValue.Scalar("partial")));
        realm.drain();

        run.end(RunState.SUCCEEDED, "");
        realm.drain();
        assertEquals(new ResultValue.Scalar(""), control.result().getValue(), "the outcome's result, not the partial one");

        control.start();
        assertEquals(null, control.result().getValue());
    }

    @Test
    void stopCancelsTheRunAndTheControlResetsWhenTheEngineConfirms() throws Exception {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);

        control.toggle();
        assertEquals(RunControlViewModel.STOP_REASON, run.cancelReason);
        assertTrue(control.running().getValue(), "still running until the engine says the run ended");

        run.end(RunState.CANCELED, run.cancelReason);
        realm.drainUntil(() -> !control.running().getValue(), 5_000, "control did not see the run end");
        assertEquals(RunState.CANCELED, control.lastOutcome().getValue().state());
        assertEquals(RunControlViewModel.STOP_REASON, control.status().getValue());
        assertEquals("&Start", control.toggleLabel().getValue());
    }

    @Test
    void aFailedRunShowsItsReason() {
        control.start();
        jobs.started.get(0).end(RunState.FAILED, "Unit 3 failed after 1 attempt: disk full");
        realm.drain();

        assertEquals("Failed: Unit 3 failed after 1 attempt: disk full", control.status().getValue());
        assertFalse(control.running().getValue());
    }

    @Test
    void everyParameterProblemIsShownAndNothingStarts() {
        jobs.rejectWith = new InvalidParametersException("ticker", List.of(
                new ParameterProblem("intervalMillis", "must be between 1 and 3600000 ms, not 0"),
                new ParameterProblem("bogus", "unknown parameter; known: start, intervalMillis")));

        control.start();

        assertFalse(control.running().getValue());
        assertEquals("Cannot start: intervalMillis: must be between 1 and 3600000 ms, not 0; "
                + "bogus: unknown parameter; known: start, intervalMillis", control.status().getValue());
    }

    @Test
    void malformedParameterTextIsReportedWithoutStarting() {
        parameterText.setValue("limit");

        control.start();

        assertTrue(jobs.started.isEmpty());
        assertEquals("Cannot start: Expected name=value but got 'limit'", control.status().getValue());
    }

    @Test
    void invalidParameterTextDisablesStartAndSaysWhyUntilItIsFixed() {
        jobs.validator = parameters -> parameters.values().getOrDefault("intervalMillis", "1").equals("0")
                ? List.of(new ParameterProblem("intervalMillis", "must be between 1 and 3600000 ms, not 0"))
                : List.of();
        assertTrue(control.canToggle().getValue());

        parameterText.setValue("intervalMillis=0");
        assertFalse(control.canToggle().getValue());
        assertEquals("intervalMillis: must be between 1 and 3600000 ms, not 0", control.parameterProblems().getValue());
        assertEquals("Cannot start: intervalMillis: must be between 1 and 3600000 ms, not 0", control.statusLine().getValue());

        parameterText.setValue("intervalMillis");
        assertEquals("Expected name=value but got 'intervalMillis'", control.parameterProblems().getValue());
        assertFalse(control.canToggle().getValue());

        parameterText.setValue("intervalMillis=10");
        assertEquals("", control.parameterProblems().getValue());
        assertEquals("Ready", control.statusLine().getValue());
        assertTrue(control.canToggle().getValue());
    }

    @Test
    void withoutAProviderStartIsDisabledAndDoesNothing() {
        provider.setValue(null);

        assertFalse(control.canToggle().getValue());
        control.start();
        assertTrue(jobs.started.isEmpty());
    }

    @Test
    void commandsOutsideTheRealmAreRefused() throws Exception {
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                control.start();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        other.start();
        other.join(5_000);
        assertTrue(thrown[0] instanceof IllegalStateException, "expected IllegalStateException, got " + thrown[0]);
        assertTrue(jobs.started.isEmpty());
    }

    @Test
    void startingTwiceStartsOneRun() {
        control.start();
        control.start();
        assertEquals(1, jobs.started.size());
    }
}
