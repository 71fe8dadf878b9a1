package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.testing.FakeJobService;

class WorkbenchViewModelTest {

    private static final ProviderInfo PRIMES = new ProviderInfo("primes", "Primes", "Counts primes", "1.2.0");
    private static final ProviderInfo MANDELBROT = new ProviderInfo("mandelbrot", "Mandelbrot", "Draws", "1");

    private final QueueRealm realm = new QueueRealm();
    private final FakeJobService jobs = new FakeJobService(TestProviders.TICKER);
    private final WorkbenchViewModel workbench = new WorkbenchViewModel(realm, jobs);

    @Test
    void theFirstProviderByNameIsSelectedWhenNoneWasStartedBefore() {
        jobs.install(PRIMES, TestProviders.TICKER, MANDELBROT);
        WorkbenchViewModel opened = new WorkbenchViewModel(realm, jobs);

        assertEquals(List.of(MANDELBROT, PRIMES, TestProviders.TICKER), List.copyOf(opened.providers()));
        assertEquals(MANDELBROT, opened.selectedProvider().getValue());
    }

    @Test
    void theProviderStartedLastIsSelectedWhenTheWindowOpens() {
        InMemoryParameterMemory memory = new InMemoryParameterMemory();
        memory.remember(TestProviders.TICKER.id(), Map.of());
        WorkbenchViewModel opened = new WorkbenchViewModel(realm, jobs, memory, Runnable::run);
        jobs.install(PRIMES, TestProviders.TICKER, MANDELBROT);
        opened.refreshProviders();

        assertEquals(TestProviders.TICKER, opened.selectedProvider().getValue());
        workbench.refreshProviders();
        workbench.selectedProvider().setValue(TestProviders.TICKER);
        assertEquals("Counts up", workbench.providerDescription().getValue());
        assertEquals("Ticker 1", workbench.providerHeading().getValue());
    }

    @Test
    void theSelectionSurvivesARefreshWhileItsProviderIsInstalledAndFallsBackWhenItGoes() {
        jobs.install(PRIMES, TestProviders.TICKER);
        workbench.refreshProviders();
        workbench.selectedProvider().setValue(PRIMES);

        jobs.install(PRIMES, TestProviders.TICKER, MANDELBROT);
        workbench.refreshProviders();
        assertEquals(PRIMES, workbench.selectedProvider().getValue());
        assertEquals("Primes 1.2.0", workbench.providerHeading().getValue());

        jobs.install(MANDELBROT);
        workbench.refreshProviders();
        assertEquals(MANDELBROT, workbench.selectedProvider().getValue());

        jobs.install();
        workbench.refreshProviders();
        assertNull(workbench.selectedProvider().getValue());
        assertEquals("No provider is installed", workbench.providerHeading().getValue());
        assertEquals(false, workbench.canStart().getValue());
    }

    @Test
    void aProviderArrivingOrLeavingUpdatesTheListWithoutTouchingActiveRuns() {
        workbench.start();

        workbench.providersChanged(List.of(TestProviders.TICKER, PRIMES));
        assertEquals(List.of(PRIMES, TestProviders.TICKER), List.copyOf(workbench.providers()));
        assertEquals(TestProviders.TICKER, workbench.selectedProvider().getValue());

        workbench.providersChanged(List.of(TestProviders.TICKER));
        assertEquals(List.of(TestProviders.TICKER), List.copyOf(workbench.providers()));
        assertEquals(true, workbench.runs().rows().get(0).active().getValue(), "the running ticker must go on");
        assertNull(jobs.started.get(0).cancelReason());
    }

    @Test
    void closingWithNothingRunningNeedsNoQuestion() {
        assertInstanceOf(CloseDecision.Close.class, workbench.closeRequested());
    }

    @Test
    void closingWhileRunsAreActiveAsksTheUserAndTheTitleCountsThem() {
        workbench.start();
        workbench.start();

        CloseDecision decision = workbench.closeRequested();

        CloseDecision.AskUser ask = assertInstanceOf(CloseDecision.AskUser.class, decision);
        assertEquals(2, ask.activeRuns());
        assertEquals("2 runs are still active. Cancel and exit, or keep running?", ask.question());
        assertEquals(WorkbenchViewModel.TITLE + " \u2013 2 runs active", workbench.windowTitle().getValue());
    }

    @Test
    void exitCancelsEveryActiveRunWithTheExitReason() {
        workbench.start();
        jobs.start("ticker", Parameters.NONE);

        workbench.cancelAllForExit();

        assertEquals(2, jobs.started.size());
        jobs.started.forEach(run -> assertEquals(WorkbenchViewModel.EXIT_REASON, run.cancelReason()));
    }

    @Test
    void afterTheRunEndsClosingNeedsNoQuestionAgain() {
        workbench.start();
        assertEquals(WorkbenchViewModel.TITLE + " \u2013 1 run active", workbench.windowTitle().getValue());
        jobs.started.get(0).end(RunState.CANCELED, "test");
        realm.drain();

        assertInstanceOf(CloseDecision.Close.class, workbench.closeRequested());
        assertEquals(WorkbenchViewModel.TITLE, workbench.windowTitle().getValue());
    }
}
