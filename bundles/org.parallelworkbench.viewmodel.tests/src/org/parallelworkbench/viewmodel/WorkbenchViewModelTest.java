package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.RunState;

class WorkbenchViewModelTest {

    private final QueueRealm realm = new QueueRealm();
    private final FakeJobService jobs = new FakeJobService();
    private final WorkbenchViewModel workbench = new WorkbenchViewModel(realm, jobs);

    @Test
    void closingWithNothingRunningNeedsNoQuestion() {
        assertInstanceOf(CloseDecision.Close.class, workbench.closeRequested());
    }

    @Test
    void closingWhileARunIsActiveAsksTheUser() {
        workbench.ticker().start();

        CloseDecision decision = workbench.closeRequested();

        CloseDecision.AskUser ask = assertInstanceOf(CloseDecision.AskUser.class, decision);
        assertEquals(1, ask.activeRuns());
        assertEquals("1 run is still active. Cancel and exit, or keep running?", ask.question());
    }

    @Test
    void exitCancelsEveryActiveRunWithTheExitReason() {
        workbench.ticker().start();
        jobs.start("other", org.parallelworkbench.core.Parameters.NONE);

        workbench.cancelAllForExit();

        jobs.started.forEach(run -> assertEquals(WorkbenchViewModel.EXIT_REASON, run.cancelReason));
    }

    @Test
    void afterTheRunEndsClosingNeedsNoQuestionAgain() {
        workbench.ticker().start();
        jobs.started.get(0).end(RunState.CANCELED, "test");
        realm.drain();

        assertInstanceOf(CloseDecision.Close.class, workbench.closeRequested());
    }
}
