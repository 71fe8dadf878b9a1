package org.parallelworkbench.viewmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitResult;

/**
 * A JobService whose runs the test drives by hand: it emits values and ends runs itself. Like the engine, AUTO
 * runs on threads and PROCESSES is refused until {@link #runsOnProcesses} is set.
 */
final class FakeJobService implements JobService {

    static final ProviderInfo TICKER = new ProviderInfo("ticker", "Ticker", "Counts up", "1");
    /** A provider with one parameter of each kind the form shows differently. */
    static final ProviderInfo COUNTER = new ProviderInfo("counter", "Counter", "Counts to a limit", "2.1", List.of(
            ParameterDescriptor.integer("limit", "Limit", 100, 1, 1000).withUnit("units").withHelp("How far to count"),
            ParameterDescriptor.bool("fast", "Fast", false),
            ParameterDescriptor.choice("mode", "Mode", "up", List.of("up", "down"))));

    final List<FakeRun> started = new CopyOnWriteArrayList<>();
    volatile List<ProviderInfo> installed = List.of(TICKER);
    RuntimeException rejectWith;
    /** The options of every start asked for, refused ones too. */
    final List<RunOptions> options = new CopyOnWriteArrayList<>();
    volatile boolean runsOnProcesses;
    java.util.function.Function<Parameters, List<ParameterProblem>> validator = parameters -> List.of();

    @Override
    public List<ProviderInfo> providers() {
        return installed;
    }

    @Override
    public List<ParameterProblem> validate(String providerId, Parameters parameters) {
        ProviderInfo provider = installed.stream().filter(p -> p.id().equals(providerId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No provider with id '" + providerId + "'"));
        List<ParameterProblem> problems = new ArrayList<>(ParameterDescriptor.validate(provider.parameters(), parameters));
        problems.addAll(validator.apply(parameters));
        return problems;
    }

    @Override
    public RunHandle start(String providerId, Parameters parameters, RunOptions runOptions) {
        options.add(runOptions);
        if (rejectWith != null) {
            throw rejectWith;
        }
        ProviderInfo provider = installed.stream().filter(p -> p.id().equals(providerId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No provider with id '" + providerId + "'"));
        ExecutionTarget target = runOptions.target() == ExecutionTarget.AUTO ? ExecutionTarget.THREADS : runOptions.target();
        if (target == ExecutionTarget.PROCESSES && !runsOnProcesses) {
            throw new IllegalArgumentException("Provider '" + providerId + "' cannot run on processes: "
                    + "worker processes need the packaged product");
        }
        FakeRun run = new FakeRun("run-" + (started.size() + 1), provider, parameters, target);
        started.add(run);
        return run;
    }

    @Override
    public List<RunHandle> activeRuns() {
        List<RunHandle> active = new ArrayList<>();
        for (FakeRun run : started) {
            if (!run.state().isFinal()) {
                active.add(run);
            }
        }
        return active;
    }

    @Override
    public void cancelAll(String reason) {
        activeRuns().forEach(run -> run.cancel(reason));
    }

    static final class FakeRun implements RunHandle {
        private final String id;
        private final ProviderInfo provider;
        private final Parameters parameters;
        private final ExecutionTarget target;
        // Synchronous delivery: events reach subscribers on the emitting (engine-like) thread.
        private final SubmissionPublisher<RunEvent> events = new SubmissionPublisher<>(Runnable::run, 1024);
        private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        private final List<UnitResult> results = new CopyOnWriteArrayList<>();
        volatile String cancelReason;

        FakeRun(String id, ProviderInfo provider, Parameters parameters) {
            this(id, provider, parameters, ExecutionTarget.THREADS);
        }

        FakeRun(String id, ProviderInfo provider, Parameters parameters, ExecutionTarget target) {
            this.id = id;
            this.provider = provider;
            this.parameters = parameters;
            this.target = target;
        }

        void emit(String value) {
            UnitResult result = new UnitResult(results.size(), value);
            results.add(result);
            events.submit(new RunEvent.UnitCompleted(id, result, results.size(), -1));
        }

        void publish(RunEvent event) {
            events.submit(event);
        }

        void end(RunState state, String reason) {
            end(state, reason, null);
        }

        void end(RunState state, String reason, ResultValue result) {
            end(state, reason, result, Duration.ZERO);
        }

        void end(RunState state, String reason, ResultValue result, Duration elapsed) {
            events.close();
            outcome.complete(new RunOutcome(state, results, result, reason, elapsed));
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
            return outcome.isDone() ? outcome.join().state() : RunState.RUNNING;
        }

        @Override
        public void cancel(String reason) {
            cancelReason = reason;
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
