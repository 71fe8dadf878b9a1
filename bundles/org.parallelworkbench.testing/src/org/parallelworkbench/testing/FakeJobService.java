package org.parallelworkbench.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.function.Function;

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
import org.parallelworkbench.core.UnitResult;

/**
 * A JobService whose runs the test drives by hand: {@link FakeRun#emit} and {@link FakeRun#publish} deliver events
 * synchronously to every subscriber, {@link FakeRun#end} completes the outcome. Like the engine, validation is the
 * real {@link ParameterDescriptor#validate} (plus {@link #validator}), a start with problems throws
 * {@link InvalidParametersException}, AUTO runs on threads, PROCESSES is refused until {@link #runsOnProcesses} is
 * set, and a cancelled run ends CANCELED with the reason. Thread-safe.
 */
public final class FakeJobService implements JobService {

    /** What {@link #providers()} lists, in this order. */
    public final List<ProviderInfo> providers = new CopyOnWriteArrayList<>();
    public final List<FakeRun> started = new CopyOnWriteArrayList<>();
    /** The options of every start asked for, refused ones too. */
    public final List<RunOptions> options = new CopyOnWriteArrayList<>();
    /** The first run started, for tests that wait for it. */
    public final CompletableFuture<FakeRun> firstStarted = new CompletableFuture<>();
    public volatile boolean runsOnProcesses;
    /** When set, every start throws it. */
    public volatile RuntimeException rejectWith;
    /** Problems beyond the descriptors', e.g. a provider's own checks. */
    public volatile Function<Parameters, List<ParameterProblem>> validator = parameters -> List.of();

    public FakeJobService(ProviderInfo... installed) {
        install(installed);
    }

    /** Replaces the installed providers, as worker bundles coming and going do. */
    public void install(ProviderInfo... installed) {
        providers.clear();
        providers.addAll(List.of(installed));
    }

    @Override
    public List<ProviderInfo> providers() {
        return List.copyOf(providers);
    }

    @Override
    public List<ParameterProblem> validate(String providerId, Parameters parameters) {
        List<ParameterProblem> problems = new ArrayList<>(ParameterDescriptor.validate(provider(providerId).parameters(), parameters));
        problems.addAll(validator.apply(parameters));
        return problems;
    }

    @Override
    public RunHandle start(String providerId, Parameters parameters, RunOptions runOptions) {
        options.add(runOptions);
        RuntimeException rejection = rejectWith;
        if (rejection != null) {
            throw rejection;
        }
        ProviderInfo provider = provider(providerId);
        List<ParameterProblem> problems = validate(providerId, parameters);
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(providerId, problems);
        }
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
        activeRuns().forEach(run -> run.cancel(reason));
    }

    /** A run the test drives; events reach subscribers on the thread that emits them, as the engine's do. */
    public static final class FakeRun implements RunHandle {

        private final String id;
        private final ProviderInfo provider;
        private final Parameters parameters;
        private final ExecutionTarget target;
        private final CompletableFuture<Void> followed = new CompletableFuture<>();
        private final SubmissionPublisher<RunEvent> events = new SubmissionPublisher<>(Runnable::run, Flow.defaultBufferSize()) {
            @Override
            public void subscribe(Flow.Subscriber<? super RunEvent> subscriber) {
                super.subscribe(subscriber);
                followed.complete(null);
            }
        };
        private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        private final List<UnitResult> results = new CopyOnWriteArrayList<>();
        private volatile String cancelReason;

        public FakeRun(String id, ProviderInfo provider, Parameters parameters) {
            this(id, provider, parameters, ExecutionTarget.THREADS);
        }

        public FakeRun(String id, ProviderInfo provider, Parameters parameters, ExecutionTarget target) {
            this.id = id;
            this.provider = provider;
            this.parameters = parameters;
            this.target = target;
        }

        /** A unit's value, as the next unit completed. */
        public void emit(String value) {
            UnitResult result = new UnitResult(results.size(), value);
            results.add(result);
            events.submit(new RunEvent.UnitCompleted(id, result, results.size(), -1));
        }

        public void publish(RunEvent event) {
            events.submit(event);
        }

        /** Completes once someone subscribed to the events. */
        public CompletableFuture<Void> followed() {
            return followed;
        }

        public void end(RunState state, String reason) {
            end(state, reason, null);
        }

        public void end(RunState state, String reason, ResultValue result) {
            end(state, reason, result, Duration.ZERO);
        }

        /** Ends the run once; later ends are ignored, as the engine's runs end once. */
        public synchronized void end(RunState state, String reason, ResultValue result, Duration elapsed) {
            if (outcome.isDone()) {
                return;
            }
            events.close();
            outcome.complete(new RunOutcome(state, results, result, reason, elapsed));
        }

        /** Completes the outcome exceptionally, as an engine with a bug would; the run stays RUNNING to its observers. */
        public synchronized void breakOutcome(Throwable failure) {
            events.close();
            outcome.completeExceptionally(failure);
        }

        /** Why it was cancelled; null while it was not. */
        public String cancelReason() {
            return cancelReason;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ProviderInfo provider() {
            return provider;
        }

        @Override
        public Parameters parameters() {
            return parameters;
        }

        @Override
        public ExecutionTarget target() {
            return target;
        }

        @Override
        public RunState state() {
            return outcome.isDone() && !outcome.isCompletedExceptionally() ? outcome.join().state() : RunState.RUNNING;
        }

        /** Like the engine: an active run ends CANCELED with the reason, once. */
        @Override
        public synchronized void cancel(String reason) {
            if (!outcome.isDone()) {
                cancelReason = reason;
                end(RunState.CANCELED, reason, new ResultValue.Scalar(""));
            }
        }

        @Override
        public Flow.Publisher<RunEvent> events() {
            return events;
        }

        @Override
        public CompletionStage<RunOutcome> outcome() {
            return outcome;
        }
    }
}
