package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunState;

class RunControlViewModelTest {

    private QueueRealm realm;
    private FakeJobService jobs;
    private RunControlViewModel control;

    @BeforeEach
    void setUp() {
        realm = new QueueRealm();
        jobs = new FakeJobService();
        control = new RunControlViewModel(realm, jobs, "ticker", Parameters.NONE);
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
    void stopCancelsTheRunAndTheControlResetsWhenTheEngineConfirms() throws Exception {
        control.start();
        FakeJobService.FakeRun run = jobs.started.get(0);

        control.toggle();
        assertEquals(RunControlViewModel.STOP_REASON, run.cancelReason);
        assertTrue(control.running().getValue(), "still running until the engine says the run ended");

        run.end(RunState.CANCELED, run.cancelReason);
        realm.drainUntil(() -> !control.running().getValue(), 5_000, "control did not see the run end");
        assertEquals(RunState.CANCELED, control.lastOutcome().getValue().state());
        assertEquals("Stopped: " + RunControlViewModel.STOP_REASON, control.status().getValue());
        assertEquals("&Start", control.toggleLabel().getValue());
    }

    @Test
    void aRejectedStartShowsTheReasonAndStaysStopped() {
        jobs.rejectWith = "Parameter 'intervalMillis' must be between 1 and 3600000, not 0";

        control.start();

        assertFalse(control.running().getValue());
        assertEquals("Cannot start: " + jobs.rejectWith, control.status().getValue());
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
