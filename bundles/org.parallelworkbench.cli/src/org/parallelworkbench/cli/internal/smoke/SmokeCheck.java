package org.parallelworkbench.cli.internal.smoke;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;
import org.parallelworkbench.cli.internal.startup.ProductStartup;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.install.BundleState;

/**
 * Checks the assembled product from inside: the framework reached its start level, every bundle is
 * active (or a resolved fragment), and the engine runs the ticker provider for three values and
 * cancels it. Every wait is bounded by one overall deadline. Runs on the caller's thread.
 */
public final class SmokeCheck {

    public static final Duration OVERALL_TIMEOUT = Duration.ofSeconds(60);
    /** For the ticker provider, once the engine is there. */
    static final Duration SERVICE_TIMEOUT = ProductStartup.SERVICE_TIMEOUT;
    static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(5);
    static final String PROVIDER_ID = "ticker";
    static final List<String> EXPECTED_VALUES = List.of("1", "2", "3");

    /** One line for stdout and the JVM's exit code. */
    public record Result(int exitCode, String line) {
        static Result ok(String detail) {
            return new Result(0, "SMOKE OK: " + detail);
        }

        static Result failed(String reason) {
            return new Result(1, "SMOKE FAILED: " + reason);
        }
    }

    /** A failure whose message is the whole reason shown to the user. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason);
        }
    }

    private final BundleContext context;
    /** Set at the start of {@link #run()}, which is called once. */
    private ProductStartup startup;

    public SmokeCheck(BundleContext context) {
        this.context = context;
    }

    public Result run() {
        try (ProductStartup ready = new ProductStartup(context, OVERALL_TIMEOUT)) {
            startup = ready;
            ready.awaitStarted();
            int active = checkBundleStates();
            JobService jobs = ready.jobService();
            if (!ProductStartup.awaitProvider(jobs, PROVIDER_ID, Duration.ofMillis(Math.min(SERVICE_TIMEOUT.toMillis(), ready.remainingMillis())))) {
                throw new Failure("no provider '" + PROVIDER_ID + "' within " + SERVICE_TIMEOUT.toSeconds()
                        + " s; providers: " + jobs.providers().stream().map(ProviderInfo::id).collect(Collectors.joining(", ")));
            }
            return Result.ok(active + " bundles active, ticker emitted " + runTicker(jobs));
        } catch (Failure | ProductStartup.Unavailable e) {
            return Result.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted: the framework stopped before the check finished");
        } catch (RuntimeException e) {
            return Result.failed(e.toString());
        }
    }

    /** @return how many bundles are ACTIVE, including the system bundle */
    private int checkBundleStates() throws Failure {
        List<String> wrong = new ArrayList<>();
        int active = 0;
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.ACTIVE) {
                active++;
            } else if (!(isFragment(bundle) && bundle.getState() == Bundle.RESOLVED)) {
                wrong.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + BundleState.of(bundle.getState()) + ")");
            }
        }
        if (!wrong.isEmpty()) {
            throw new Failure(wrong.size() + " bundle(s) not active: " + String.join(", ", wrong));
        }
        return active;
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** @return e.g. {@code "1 2 3 in 3.0 s"} */
    private String runTicker(JobService jobs) throws Failure, InterruptedException {
        long startNanos = System.nanoTime();
        RunHandle run = jobs.start(PROVIDER_ID, Parameters.NONE);
        try {
            // Unbounded, but the check reads three values.
            BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
            run.events().subscribe(RunEvent.subscriber(events::add));
            List<String> values = new ArrayList<>();
            while (values.size() < EXPECTED_VALUES.size()) {
                RunEvent event = events.poll(startup.remainingMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    throw new Failure("ticker emitted only " + values + " within " + OVERALL_TIMEOUT.toSeconds() + " s (run " + run.state() + ")");
                }
                if (event instanceof RunEvent.UnitCompleted completed) {
                    values.add(completed.result().value());
                } else if (event instanceof RunEvent.StateChanged changed && changed.state().isFinal()) {
                    throw new Failure("ticker run ended " + changed.state() + " after " + values + ": " + changed.reason());
                }
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            if (!values.equals(EXPECTED_VALUES)) {
                throw new Failure("ticker emitted " + String.join(" ", values) + ", expected " + String.join(" ", EXPECTED_VALUES));
            }
            run.cancel("smoke check done");
            RunOutcome outcome = awaitOutcome(run);
            if (outcome.state() != RunState.CANCELED) {
                throw new Failure("ticker run ended " + outcome.state() + " after cancel, expected CANCELED: " + outcome.reason());
            }
            return String.join(" ", values) + String.format(Locale.ROOT, " in %.1f s", seconds);
        } finally {
            if (!run.state().isFinal()) {
                run.cancel("smoke check failed");
            }
        }
    }

    private RunOutcome awaitOutcome(RunHandle run) throws Failure, InterruptedException {
        try {
            return run.outcome().toCompletableFuture().get(CANCEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Failure("ticker run not ended " + CANCEL_TIMEOUT.toSeconds() + " s after cancel (state " + run.state() + ")");
        } catch (ExecutionException e) {
            throw new Failure("ticker run outcome failed: " + e.getCause());
        }
    }
}
