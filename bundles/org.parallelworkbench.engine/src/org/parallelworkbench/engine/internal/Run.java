package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitResult;

/**
 * One run's state machine, events and outcome. States only go forward (SCHEDULED, RUNNING, then one
 * final state), each change by compare-and-set and logged once.
 * <p>
 * Threading: {@link #cancel}, {@link #state()} and the other {@link RunHandle} methods are safe from any
 * thread and never block. {@link #begin}, {@link #unitCompleted} and {@link #tick} are called by the
 * run's Job thread; {@link #finish} by the Job thread, or by whoever cancelled a run that never started.
 * Events are offered to a {@link SubmissionPublisher} that drops what a slow subscriber cannot take, so no
 * engine thread waits for a subscriber; every subscriber call is timed by the {@link ObserverWatchdog}.
 * The outcome completes on the engine's event executor.
 */
final class Run implements RunHandle {

    private static final System.Logger LOG = System.getLogger(Run.class.getName());
    /** Events buffered for a lagging subscriber before further ones are dropped for it. */
    static final int EVENT_BUFFER_CAPACITY = 1_024;
    /**
     * How long each of the last events (final result, progress, state) waits for room in a lagging
     * subscriber's buffer before it is dropped for that subscriber; bounds how much a blocked subscriber
     * delays the end of a run.
     */
    static final long FINAL_EVENT_WAIT_MILLIS = 50;

    /** Why and how the run is stopping; the first request wins. */
    private record Stop(RunState state, String reason) {
    }

    /**
     * What a run uses of its engine.
     *
     * @param eventExecutor delivers events to subscribers and completes the outcome
     * @param onFinished    told once the run is final, on the finishing thread
     * @param stateLogLevel how its state changes are logged: INFO for a run, DEBUG for a member's batch of another
     *                      engine's run, of which there are many a second
     */
    record Services(Executor eventExecutor, Incidents incidents, ObserverWatchdog watchdog, Consumer<Run> onFinished,
            Level stateLogLevel) {
    }

    /** The first unit whose failure failed the run: its index, and what it threw (null when its worker died). */
    record FailedUnit(long index, String description, Throwable failure) {
    }

    private final String id;
    private final String name;
    private final ProviderInfo provider;
    private final Parameters parameters;
    private final WorkerKey workerKey;
    private final RunOptions options;
    private final ExecutionTarget target;
    private final Services services;
    private final ResultPublisher resultPublisher;
    /** Only touched by the thread feeding {@link #resultPublisher}. */
    private boolean accumulatorFailed;
    private final long createdNanos = System.nanoTime();
    private final AtomicReference<RunState> state = new AtomicReference<>(RunState.SCHEDULED);
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final SubmissionPublisher<RunEvent> events;
    /** The same but for the UnitCompleted events, which are never offered to it: see {@link #summaryEvents()}. */
    private final SubmissionPublisher<RunEvent> summaries;
    private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong droppedEvents = new AtomicLong();
    private volatile Runnable stopListener = () -> {
    };
    private final AtomicReference<FailedUnit> failedUnit = new AtomicReference<>();
    /** What the run waits for now, see {@link #waitingFor}; Job thread only. */
    private String waitingFor = "";
    /** Cluster members that completed units of this run, in the order they first did. */
    private final CopyOnWriteArrayList<String> executedBy = new CopyOnWriteArrayList<>();

    /**
     * @param unitsTotal  units in the run, -1 when open-ended
     * @param accumulator the provider's accumulator for this run
     */
    Run(String id, String name, ProviderInfo provider, Parameters parameters, WorkerKey workerKey, RunOptions options,
            ExecutionTarget target, long unitsTotal, ResultAccumulator accumulator, Services services) {
        this.id = id;
        this.name = name;
        this.provider = provider;
        this.parameters = parameters;
        this.workerKey = workerKey;
        this.options = options;
        this.target = target;
        this.services = services;
        this.events = new SubmissionPublisher<>(services.eventExecutor(), EVENT_BUFFER_CAPACITY,
                (subscriber, error) -> services.incidents().report(
                        "Event subscriber " + subscriber + " of " + this + " threw and was unsubscribed: " + error, error));
        this.summaries = new SubmissionPublisher<>(services.eventExecutor(), EVENT_BUFFER_CAPACITY,
                (subscriber, error) -> services.incidents().report(
                        "Event subscriber " + subscriber + " of " + this + " threw and was unsubscribed: " + error, error));
        this.resultPublisher = new ResultPublisher(id, accumulator, unitsTotal, this::publish, System::nanoTime);
        LOG.log(services.stateLogLevel(), this + ": " + RunState.SCHEDULED + " on " + target.label().toLowerCase(Locale.ROOT)
                + " " + parameters.values());
    }
    /** Called once, before the run is visible to anyone else: what to do when a stop is requested. */
    void onStop(Runnable listener) {
        stopListener = listener;
    }

    WorkerKey workerKey() {
        return workerKey;
    }

    RunOptions options() {
        return options;
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
        return state.get();
    }

    @Override
    public void cancel(String reason) {
        requestStop(RunState.CANCELED, reason == null || reason.isBlank() ? "Canceled" : reason);
    }

    /** Fails the run: it stops like a cancelled one but ends FAILED with this reason. */
    void fail(String reason) {
        requestStop(RunState.FAILED, reason);
    }

    /** Fails the run because this unit failed for good; {@link #failedUnit()} tells which, if it was the first. */
    void failUnit(FailedUnit unit, String reason) {
        failedUnit.compareAndSet(null, unit);
        fail(reason);
    }

    /** The unit that failed the run, or null if none did (yet). */
    FailedUnit failedUnit() {
        return failedUnit.get();
    }

    /**
     * What the running run waits for now ("" once it no longer waits), published as a RUNNING state change with
     * this reason when it changes; on the Job thread.
     */
    void waitingFor(String what) {
        if (!what.equals(waitingFor) && state.get() == RunState.RUNNING && !isStopping()) {
            waitingFor = what;
            if (!what.isEmpty()) {
                LOG.log(Level.INFO, this + ": " + what);
            }
            publish(new RunEvent.StateChanged(id, RunState.RUNNING, what));
        }
    }

    /** A cluster member completed units of this run; any thread. */
    void executedOn(String member) {
        executedBy.addIfAbsent(member);
    }

    @Override
    public List<String> executedBy() {
        return List.copyOf(executedBy);
    }

    /** Why the run is stopping, or "" while it is not. */
    String stopReason() {
        Stop how = stop.get();
        return how == null ? "" : how.reason();
    }

    /** True once a cancel or a failure was requested; units see this as {@code isCanceled()}. */
    boolean isStopping() {
        return stop.get() != null;
    }

    private void requestStop(RunState finalState, String reason) {
        if (!state.get().isFinal() && stop.compareAndSet(null, new Stop(finalState, reason))) {
            LOG.log(Level.DEBUG, this + ": stopping, will be " + finalState + " (" + reason + ")");
            stopListener.run();
        }
    }

    @Override
    public Flow.Publisher<RunEvent> events() {
        return subscriber -> events.subscribe(new WatchedSubscriber(subscriber, services.watchdog(), this));
    }

    /** Native rather than filtered: a unit's event is never queued for these subscribers at all. */
    @Override
    public Flow.Publisher<RunEvent> summaryEvents() {
        return subscriber -> summaries.subscribe(new WatchedSubscriber(subscriber, services.watchdog(), this));
    }

    @Override
    public CompletionStage<RunOutcome> outcome() {
        return outcome.minimalCompletionStage();
    }

    /** Moves SCHEDULED to RUNNING on the Job thread; false if the run was stopped before it started. */
    boolean begin() {
        if (isStopping() || !state.compareAndSet(RunState.SCHEDULED, RunState.RUNNING)) {
            return false;
        }
        LOG.log(services.stateLogLevel(), this + ": " + RunState.SCHEDULED + " -> " + RunState.RUNNING);
        resultPublisher.started();
        publish(new RunEvent.StateChanged(id, RunState.RUNNING, ""));
        return true;
    }

    /**
     * Publishes the unit's result and feeds it to the accumulator; on the Job thread, in completion order.
     *
     * @param unitsDone units completed so far, this one included
     */
    void unitCompleted(UnitResult result, long unitsDone, long unitsTotal) {
        if (events.hasSubscribers()) { // millions a second: made only when someone takes them
            publish(new RunEvent.UnitCompleted(id, result, unitsDone, unitsTotal));
        }
        if (accumulatorFailed) {
            return;
        }
        try {
            resultPublisher.accept(result);
        } catch (RuntimeException | LinkageError e) { // a provider bug or a provider bundle already gone
            accumulatorFailed = true;
            LOG.log(Level.WARNING, this + ": provider '" + provider.id() + "' could not combine unit results", e);
            fail("Provider '" + provider.id() + "' could not combine unit results: " + UnitDispatcher.message(e));
        }
    }

    /** Publishes a result and progress update if one is due; on the Job thread. */
    void tick() {
        if (!accumulatorFailed) {
            resultPublisher.tick();
        }
    }

    /**
     * Ends the run: SUCCEEDED, or the state of the stop request. Only the first call has an effect.
     *
     * @param results        the completed units' results kept for the outcome, in unit order (see
     *                       {@link RunOutcome#results()})
     * @param unitsCompleted every completed unit, also those whose results are not kept
     */
    void finish(List<UnitResult> results, long unitsCompleted) {
        Stop how = stop.get();
        RunState to = how == null ? RunState.SUCCEEDED : how.state();
        RunState from;
        do {
            from = state.get();
            if (from.isFinal()) {
                return;
            }
        } while (!state.compareAndSet(from, to));
        String reason = how == null ? "" : how.reason();
        RunOutcome result = new RunOutcome(to, results, unitsCompleted, finalResult(), reason,
                Duration.ofNanos(System.nanoTime() - createdNanos));
        LOG.log(to == RunState.FAILED ? Level.WARNING : services.stateLogLevel(), this + ": " + from + " -> " + to
                + (reason.isEmpty() ? "" : " (" + reason + ")") + ", " + unitsCompleted + " units completed"
                + (droppedEvents.get() == 0 ? "" : ", " + droppedEvents.get() + " events dropped for slow subscribers"));
        publishFinal(new RunEvent.StateChanged(id, to, reason));
        events.close();
        summaries.close();
        finished.countDown();
        services.onFinished().accept(this);
        try {
            services.eventExecutor().execute(() -> outcome.complete(result));
        } catch (RejectedExecutionException e) {
            outcome.complete(result); // the engine is closing: complete here rather than never
        }
    }

    /** Waits at most this long for a final state; true if reached. */
    boolean awaitFinal(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The accumulator's last snapshot, also published once more; empty if the accumulator failed. */
    private ResultValue finalResult() {
        if (!accumulatorFailed) {
            try {
                return resultPublisher.finish(this::publishFinal);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, this + ": provider '" + provider.id() + "' could not combine its results", e);
            }
        }
        return new ResultValue.Scalar("");
    }

    private void publish(RunEvent event) {
        try {
            events.offer(event, this::dropped);
            if (!(event instanceof RunEvent.UnitCompleted) && summaries.hasSubscribers()) {
                summaries.offer(event, this::dropped);
            }
        } catch (IllegalStateException e) {
            // closed: the run already ended
        }
    }

    /** Like {@link #publish}, but waits a little for a lagging subscriber: these events tell the end. */
    private void publishFinal(RunEvent event) {
        try {
            events.offer(event, FINAL_EVENT_WAIT_MILLIS, TimeUnit.MILLISECONDS, this::dropped);
            summaries.offer(event, FINAL_EVENT_WAIT_MILLIS, TimeUnit.MILLISECONDS, this::dropped);
        } catch (IllegalStateException e) {
            // closed: the run already ended
        }
    }

    private boolean dropped(Flow.Subscriber<? super RunEvent> subscriber, RunEvent event) {
        droppedEvents.incrementAndGet();
        return false;
    }

    @Override
    public String toString() {
        return "Run " + id + " (" + name + ")";
    }
}
