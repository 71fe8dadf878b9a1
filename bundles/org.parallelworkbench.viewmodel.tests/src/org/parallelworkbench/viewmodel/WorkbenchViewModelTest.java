package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunState;

class WorkbenchViewModelTest {

    private static final ProviderInfo PRIMES = new ProviderInfo("primes", "Primes", "Counts primes", "1");
    private static final ProviderInfo MANDELBROT = new ProviderInfo("mandelbrot", "Mandelbrot", "Draws", "1");

    private final QueueRealm realm = new QueueRealm();
    private final FakeJobService jobs = new FakeJobService();
    private final WorkbenchViewModel workbench = new WorkbenchViewModel(realm, jobs);

    @Test
    void theTickerIsSelectedByDefaultAsInTheOriginalDemo() {
        jobs.installed = List.of(PRIMES, FakeJobService.TICKER, MANDELBROT);
        workbench.refreshProviders();

        assertEquals(List.of(MANDELBROT, PRIMES, FakeJobService.TICKER), List.copyOf(workbench.providers()));
        assertEquals(FakeJobService.TICKER, workbench.selectedProvider().getValue());
        assertEquals("Ticker: Counts up", workbench.providerDescription().getValue());
    }

    @Test
    void theSelectionSurvivesARefreshWhileItsProviderIsInstalledAndFallsBackWhenItGoes() {
        jobs.installed = List.of(PRIMES, FakeJobService.TICKER);
        workbench.refreshProviders();
        workbench.selectedProvider().setValue(PRIMES);

        jobs.installed = List.of(PRIMES, FakeJobService.TICKER, MANDELBROT);
        workbench.refreshProviders();
        assertEquals(PRIMES, workbench.selectedProvider().getValue());

        jobs.installed = List.of(MANDELBROT);
        workbench.refreshProviders();
        assertEquals(MANDELBROT, workbench.selectedProvider().getValue());

        jobs.installed = List.of();
        workbench.refreshProviders();
        assertNull(workbench.selectedProvider().getValue());
        assertEquals("No provider is installed.", workbench.providerDescription().getValue());
    }

    @Test
    void theParameterHintListsEachDefaultWithItsUnit() {
        ProviderInfo ticker = new ProviderInfo("ticker", "Ticker", "", "1", List.of(
                ParameterDescriptor.integer("start", "Start", 1, 0, 10),
                ParameterDescriptor.integer("intervalMillis", "Interval", 1000, 1, 5000).withUnit("ms")));
        jobs.installed = List.of(ticker, PRIMES);
        workbench.refreshProviders();

        assertEquals("defaults: start=1 intervalMillis=1000 (ms)", workbench.parameterHint().getValue());
        workbench.selectedProvider().setValue(PRIMES);
        assertEquals("no parameters", workbench.parameterHint().getValue());
    }

    @Test
    void aProviderArrivingOrLeavingUpdatesTheListWithoutTouchingTheSelectedOnesRun() {
        workbench.run().start();

        workbench.providersChanged(List.of(FakeJobService.TICKER, PRIMES));
        assertEquals(List.of(PRIMES, FakeJobService.TICKER), List.copyOf(workbench.providers()));
        assertEquals(FakeJobService.TICKER, workbench.selectedProvider().getValue());

        workbench.providersChanged(List.of(FakeJobService.TICKER));
        assertEquals(List.of(FakeJobService.TICKER), List.copyOf(workbench.providers()));
        assertEquals(true, workbench.run().running().getValue(), "the running ticker must go on");
    }

    @Test
    void startRunsTheSelectedProvider() {
        jobs.installed = List.of(PRIMES, FakeJobService.TICKER);
        workbench.refreshProviders();
        workbench.selectedProvider().setValue(PRIMES);

        workbench.run().start();

        assertEquals("primes", jobs.started.get(0).provider().id());
    }

    @Test
    void closingWithNothingRunningNeedsNoQuestion() {
        assertInstanceOf(CloseDecision.Close.class, workbench.closeRequested());
    }

    @Test
    void closingWhileARunIsActiveAsksTheUser() {
        workbench.run().start();

        CloseDecision decision = workbench.closeRequested();

        CloseDecision.AskUser ask = assertInstanceOf(CloseDecision.AskUser.class, decision);
        assertEquals(1, ask.activeRuns());
        assertEquals("1 run is still active. Cancel and exit, or keep running?", ask.question());
        assertEquals(WorkbenchViewModel.TITLE + " \u2013 running", workbench.windowTitle().getValue());
    }

    @Test
    void exitCancelsEveryActiveRunWithTheExitReason() {
        workbench.run().start();
        jobs.start("ticker", Parameters.NONE);

        workbench.cancelAllForExit();

        jobs.started.forEach(run -> assertEquals(WorkbenchViewModel.EXIT_REASON, run.cancelReason));
    }

    @Test
    void afterTheRunEndsClosingNeedsNoQuestionAgain() {
        workbench.run().start();
        jobs.started.get(0).end(RunState.CANCELED, "test");
        realm.drain();

        assertInstanceOf(CloseDecision.Close.class, workbench.closeRequested());
        assertEquals(WorkbenchViewModel.TITLE, workbench.windowTitle().getValue());
    }
}
