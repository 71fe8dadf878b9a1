package org.parallelworkbench.core;

import java.util.concurrent.Flow;
import java.util.function.Consumer;

/** What observers of a run hear, in order, on an engine thread (never the UI thread). */
public sealed interface RunEvent {

    String runId();

    /**
     * The run's state, or what a running run waits for: a {@link RunState#RUNNING} change again, whose reason is
     * what it waits for now (e.g. "waiting for cluster members", since 0.5), or empty once it no longer waits.
     */
    record StateChanged(String runId, RunState state, String reason) implements RunEvent {
    }

    /**
     * @param unitsDone  units finished so far
     * @param unitsTotal units in the run, or -1 for an open-ended run
     */
    record UnitCompleted(String runId, UnitResult result, long unitsDone, long unitsTotal) implements RunEvent {
    }

    /**
     * Published a few times a second at most while units complete.
     *
     * @param unitsTotal     -1 for an open-ended run
     * @param unitsPerSecond over the run so far
     * @param etaMillis      estimated time to the end, -1 when unknown (open-ended, or nothing done yet)
     */
    record Progress(String runId, long unitsDone, long unitsTotal, double unitsPerSecond, long etaMillis)
            implements RunEvent {
    }

    /** The run's result so far (see {@link ResultAccumulator}), a few times a second at most. */
    record ResultUpdated(String runId, ResultValue result) implements RunEvent {
    }

    /**
     * A subscriber that passes every event but {@link UnitCompleted} on to {@code downstream}, asking for one more
     * event for each it drops, so the downstream's demand is met with the events it wants.
     *
     * @since 0.5
     */
    static Flow.Subscriber<RunEvent> withoutUnitEvents(Flow.Subscriber<? super RunEvent> downstream) {
        return new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription upstream) {
                subscription = upstream;
                downstream.onSubscribe(upstream);
            }

            @Override
            public void onNext(RunEvent event) {
                if (event instanceof UnitCompleted) {
                    subscription.request(1);
                } else {
                    downstream.onNext(event);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                downstream.onError(throwable);
            }

            @Override
            public void onComplete() {
                downstream.onComplete();
            }
        };
    }

    /**
     * A subscriber that takes every event and hands it to {@code onEvent}; completion and errors end the
     * stream quietly, since a run's {@link RunHandle#outcome()} is where its end is told.
     */
    static Flow.Subscriber<RunEvent> subscriber(Consumer<? super RunEvent> onEvent) {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(RunEvent event) {
                onEvent.accept(event);
            }

            @Override
            public void onError(Throwable throwable) {
                // See the method comment: the outcome tells how the run ended.
            }

            @Override
            public void onComplete() {
                // Same.
            }
        };
    }
}
