package org.parallelworkbench.cli.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicReference;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;

/**
 * A JobService whose runs the test ends by hand: {@link FakeRun#publish} delivers an event synchronously
 * to every subscriber, {@link FakeRun#finish} completes the outcome. Validation is the real
 * {@link ParameterDescriptor#validate}, so problems look like the engine's. Like the engine, AUTO runs on
 * threads; PROCESSES is refused as the engine refuses it until {@link #runsOnProcesses} is set. Public: the
 * tests of the run, workers and console packages share it.
 */
public final class FakeJobService implements JobService {

    public static final ProviderInfo TICKER = new ProviderInfo("ticker", "Ticker", "Counts up.", "0.1.0", List.of(
            ParameterDescriptor.integer("start", "Start at", 1, -1000, 1000),
            ParameterDescriptor.integer("intervalMillis", "Interval", 1000, 1, 3_600_000).withUnit("ms").withHelp("Time between two values.")));
    public static final ProviderInfo PRIMES = new ProviderInfo("primes", "Primes", "Counts primes.", "0.2.0", List.of(
            ParameterDescriptor.integer("limit", "Limit", 100, 2, 1_000_000_000)));

    public final List<ProviderInfo> providers = new CopyOnWriteArrayList<>(List.of(PRIMES, TICKER));
    public final List<FakeRun> started = new CopyOnWriteArrayList<>();
    public final List<RunOptions> options = new CopyOnWriteArrayList<>();
    /** The first run started, for tests that wait for it. */
    public final CompletableFuture<FakeRun> firstStarted = new CompletableFuture<>();
    /** Whether PROCESSES starts a run instead of being refused. */
    public volatile boolean runsOnProcesses;

    @Override
    public List<ProviderInfo> providers() {
        return List.copyOf(providers);
    }

    @Override
    public List<ParameterProblem> validate(String providerId, Parameters parameters) {
        return ParameterDescriptor.validate(provider(providerId).parameters(), parameters);
    }

    @Override
    public RunHandle start(String providerId, Parameters parameters, RunOptions runOptions) {
        ProviderInfo provider = provider(providerId);
        List<ParameterProblem> problems = ParameterDescriptor.validate(provider.parameters(), parameters);
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(providerId, problems);
        }
        options.add(runOptions);
        ExecutionTarget target = runOptions.target() == ExecutionTarget.AUTO ? ExecutionTarget.THREADS : runOptions.target();
        if (target == ExecutionTarget.PROCESSES && !runsOnProcesses) {
            throw new IllegalArgumentException("Provider '" + providerId + "' cannot run on processes: "
                    + "worker processes need the packaged product");
        }
        FakeRun run = new FakeRun(Integer.toString(started.size() + 1), provider,
                ParameterDescriptor.withDefaults(provider.parameters(), parameters), target);
        started.add(run);
        firstStarted.complete(run);
        return run;
    }

    private ProviderInfo provider(String providerId) {
        return providers.stream().filter(p -> p.id().equals(providerId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No provider with id '" + providerId + "'"));
    }

    @Override
    public List<RunHandle> activeRuns() {
        List<RunHandle> active = new ArrayList<>();
        started.stream().filter(run -> !run.state().isFinal()).forEach(active::add);
        return active;
    }

    @Override
    public void cancelAll(String reason) {
        started.forEach(run -> run.cancel(reason));
    }

    /** Mutable parts in atomic holders, so that the record's accessors are the handle's. */
    public record FakeRun(String id, ProviderInfo provider, Parameters parameters, ExecutionTarget target,
            SubmissionPublisher<RunEvent> events, CompletableFuture<RunOutcome> outcome, AtomicReference<RunState> current,
            AtomicReference<String> cancelled, CompletableFuture<Void> followed) implements RunHandle {

        public FakeRun(String id, ProviderInfo provider, Parameters parameters, ExecutionTarget target) {
            this(id, provider, parameters, target, new CompletableFuture<>());
        }

        private FakeRun(String id, ProviderInfo provider, Parameters parameters, ExecutionTarget target,
                CompletableFuture<Void> followed) {
            this(id, provider, parameters, target, followedPublisher(followed), new CompletableFuture<>(),
                    new AtomicReference<>(RunState.RUNNING), new AtomicReference<>(), followed);
        }

        /** Delivers on the publishing thread, and completes {@code followed} once someone subscribes. */
        private static SubmissionPublisher<RunEvent> followedPublisher(CompletableFuture<Void> followed) {
            return new SubmissionPublisher<>(Runnable::run, Flow.defaultBufferSize()) {
                @Override
                public void subscribe(Flow.Subscriber<? super RunEvent> subscriber) {
                    super.subscribe(subscriber);
                    followed.complete(null);
                }
            };
        }

        public void publish(RunEvent event) {
            events.submit(event);
        }

        public synchronized void finish(RunState end, ResultValue result, String reason) {
            if (current.get().isFinal()) {
                return;
            }
            current.set(end);
            events.close();
            outcome.complete(new RunOutcome(end, List.of(), result, reason, Duration.ofMillis(1500)));
        }

        public String cancelReason() {
            return cancelled.get();
        }

        @Override
        public RunState state() {
            return current.get();
        }

        /** Like the engine: the run ends CANCELED with the reason, once. */
        @Override
        public synchronized void cancel(String reason) {
            if (!current.get().isFinal()) {
                cancelled.set(reason);
                finish(RunState.CANCELED, new ResultValue.Scalar(""), reason);
            }
        }
    }
}
