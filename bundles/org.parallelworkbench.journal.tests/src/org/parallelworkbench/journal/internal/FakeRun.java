package org.parallelworkbench.journal.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;

/** A run the test ends by hand with {@link #end}; thread-safe like the engine's. */
final class FakeRun implements RunHandle {

    private final String id;
    private final ProviderInfo provider;
    private final Parameters parameters;
    private final ExecutionTarget target;
    private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();

    FakeRun(String id, String providerId, Parameters parameters) {
        this(id, providerId, parameters, ExecutionTarget.THREADS);
    }

    FakeRun(String id, String providerId, Parameters parameters, ExecutionTarget target) {
        this.id = id;
        this.provider = new ProviderInfo(providerId, null, null, "1.2.3");
        this.parameters = parameters;
        this.target = target;
    }

    /** Completes the outcome, on the calling thread, as the engine would. */
    void end(RunState state, String summary, String reason) {
        outcome.complete(new RunOutcome(state, List.of(), new ResultValue.Scalar(summary), reason, Duration.ofMillis(1)));
    }

    void breakOutcome(Throwable failure) {
        outcome.completeExceptionally(failure);
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

    @Override
    public void cancel(String reason) {
        end(RunState.CANCELED, "", reason);
    }

    @Override
    public Flow.Publisher<RunEvent> events() {
        return subscriber -> {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    // no events: this run only ends
                }

                @Override
                public void cancel() {
                    // nothing to stop
                }
            });
            subscriber.onComplete();
        };
    }

    @Override
    public CompletionStage<RunOutcome> outcome() {
        return outcome;
    }
}
