package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.testing.Waits;

/** A provider whose bundle stops takes its runs with it, cleanly, and comes back when it starts again. */
class ProviderBundleStopTest {

    private static final String TICKER_BUNDLE = "org.parallelworkbench.workers.ticker";
    private static final Duration CANCEL_WITHIN = Duration.ofSeconds(1);

    private ServiceTracker<JobService, JobService> tracker;
    private JobService jobs;
    private Bundle ticker;

    @BeforeEach
    void findEngineAndTicker() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        tracker = new ServiceTracker<>(context, JobService.class, null);
        tracker.open();
        jobs = tracker.waitForService(10_000);
        assertNotNull(jobs, "The JobService did not arrive within 10 seconds");
        ticker = Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals(TICKER_BUNDLE)).findFirst()
                .orElseThrow(() -> new AssertionError(TICKER_BUNDLE + " is not installed in the test runtime"));
        Waits.until(() -> hasTicker(), Duration.ofSeconds(10), () -> "the ticker provider is not registered");
    }

    @AfterEach
    void restartTicker() throws Exception {
        ticker.start();
        Waits.until(() -> hasTicker(), Duration.ofSeconds(10), () -> "the ticker provider did not come back");
        tracker.close();
    }

    @Test
    void stoppingTheProviderBundleCancelsItsRunsWithTheReasonWithinOneSecond() throws Exception {
        RunHandle first = jobs.start("ticker", Parameters.NONE);
        RunHandle second = jobs.start("ticker", Parameters.NONE.with("intervalMillis", "50"));
        Waits.until(() -> first.state() == RunState.RUNNING, Duration.ofSeconds(5), () -> "first run did not start");

        ticker.stop();

        for (RunHandle run : new RunHandle[] { first, second }) {
            RunOutcome outcome = Waits.outcome(run, CANCEL_WITHIN);
            assertEquals(RunState.CANCELED, outcome.state(), () -> run.id() + " ended " + outcome);
            assertEquals("Provider 'ticker' was removed", outcome.reason());
        }
        Waits.until(() -> !hasTicker(), Duration.ofSeconds(1), () -> "the stopped ticker is still listed");
    }

    @Test
    void aRestartedProviderBundleRunsAgain() throws Exception {
        ticker.stop();
        ticker.start();
        Waits.until(() -> hasTicker(), Duration.ofSeconds(10), () -> "the restarted ticker is not listed");

        RunHandle run = jobs.start("ticker", Parameters.NONE.with("intervalMillis", "10"));
        Waits.until(() -> run.state() == RunState.RUNNING, Duration.ofSeconds(5), () -> "run did not start");
        run.cancel("test over");
        assertEquals(RunState.CANCELED, Waits.outcome(run, CANCEL_WITHIN).state());
    }

    private boolean hasTicker() {
        return jobs.providers().stream().anyMatch(p -> p.id().equals("ticker"));
    }
}
