package org.parallelworkbench.viewmodel;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;

/**
 * One run as the window shows it: a row of the Runs table (provider, state, progress) and, when the row
 * is selected, its latest value, result and status. The observables belong to the Realm; engine events
 * reach them only through one {@link LatestValueRelay}, and the run's outcome finalises the row inside
 * the Realm, after which late events are ignored.
 */
public final class RunRowViewModel {

    /** Progress fraction when the run's size is unknown (an open-ended run, or none reported yet). */
    public static final double UNKNOWN_FRACTION = -1;
    static final String NO_VALUE = "\u2013";

    private final RunHandle handle;
    private final long startedNanos = System.nanoTime();
    private final String parametersText;
    private final WritableValue<String> state;
    private final WritableValue<Boolean> active;
    private final WritableValue<String> progressText;
    private final WritableValue<Double> progressFraction;
    private final WritableValue<String> throughput;
    private final WritableValue<String> eta;
    private final WritableValue<String> elapsed;
    private final WritableValue<String> latestValue;
    private final WritableValue<ResultValue> result;
    private final WritableValue<String> status;
    /** The status while the run goes on, before what it waits for. */
    private final String runningStatus;
    private final WritableValue<RunOutcome> outcome;
    private final LatestValueRelay<Snapshot> relay;
    /** Realm thread only. */
    private boolean finished;
    /** Realm thread only: the run's size as last shown, -1 when unknown. */
    private long shownTotal = -1;
    /** Engine event thread only: events of one subscription arrive one after another. */
    private Snapshot latest = new Snapshot(RunState.RUNNING, 0, -1, 0, -1, null, null, "");
    /** Engine event thread only: once the provider's accumulator speaks, single unit values no longer show. */
    private boolean resultSeen;

    RunRowViewModel(Realm realm, RunHandle handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
        parametersText = handle.parameters().values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        state = new WritableValue<>(realm, RunState.RUNNING.name(), String.class);
        active = new WritableValue<>(realm, Boolean.TRUE, Boolean.class);
        progressText = new WritableValue<>(realm, describeUnits(0, -1), String.class);
        progressFraction = new WritableValue<>(realm, UNKNOWN_FRACTION, Double.class);
        throughput = new WritableValue<>(realm, "", String.class);
        eta = new WritableValue<>(realm, "", String.class);
        elapsed = new WritableValue<>(realm, describeElapsed(Duration.ZERO), String.class);
        latestValue = new WritableValue<>(realm, NO_VALUE, String.class);
        result = new WritableValue<>(realm, null, ResultValue.class);
        runningStatus = handle.provider().name() + " running";
        status = new WritableValue<>(realm, runningStatus, String.class);
        outcome = new WritableValue<>(realm, null, RunOutcome.class);
        relay = new LatestValueRelay<>(realm, this::show);
    }

    RunHandle handle() {
        return handle;
    }

    public String runId() {
        return handle.id();
    }

    public String providerName() {
        return handle.provider().name();
    }

    /**
     * Where the run's units execute, as the Runs table shows it: "Threads", "Processes" or "Cluster", with how many
     * members executed units of a run on the cluster so far, e.g. "Cluster (2)".
     */
    public String runsOn() {
        int members = handle.executedBy().size();
        return handle.target().label() + (members == 0 ? "" : " (" + members + ")");
    }

    /** For a run on the cluster, the members that executed its units so far, comma-separated; else "". */
    public String executedByText() {
        return String.join(", ", handle.executedBy());
    }

    /** The run's parameters as {@code name=value} pairs, as typed on a command line. */
    public String parametersText() {
        return parametersText;
    }

    /** SCHEDULED, RUNNING, SUCCEEDED, FAILED or CANCELED. */
    public IObservableValue<String> state() {
        return state;
    }

    /** True until the run has ended. */
    public IObservableValue<Boolean> active() {
        return active;
    }

    /** "37 / 100 units", or "37 units" for an open-ended run. */
    public IObservableValue<String> progressText() {
        return progressText;
    }

    /** Done over total, 0 to 1; {@link #UNKNOWN_FRACTION} when the total is unknown. */
    public IObservableValue<Double> progressFraction() {
        return progressFraction;
    }

    /** "120 units/s"; empty before the first progress report. */
    public IObservableValue<String> throughput() {
        return throughput;
    }

    /** "3 s" to go; empty when unknown or ended. */
    public IObservableValue<String> eta() {
        return eta;
    }

    /** Time since the start, as of the last report; the run's own elapsed time once it has ended. */
    public IObservableValue<String> elapsed() {
        return elapsed;
    }

    /** The latest unit value (the ticker's count) or result summary, as the big label shows it. */
    public IObservableValue<String> latestValue() {
        return latestValue;
    }

    /** The result as it grows (a series, a table, an image), then the final one; null before the first. */
    public IObservableValue<ResultValue> result() {
        return result;
    }

    /** One line for the status bar: running, finished with the summary, or why it failed or stopped. */
    public IObservableValue<String> status() {
        return status;
    }

    /** How the run ended; null while it is active. */
    public IObservableValue<RunOutcome> outcome() {
        return outcome;
    }

    /** Engine thread: keeps the newest snapshot and relays it; never touches an observable. */
    void onEvent(RunEvent event) {
        Snapshot was = latest;
        switch (event) {
        case RunEvent.Progress progress -> latest = new Snapshot(was.state, progress.unitsDone(), progress.unitsTotal(),
                progress.unitsPerSecond(), progress.etaMillis(), was.value, was.result, was.waitingFor);
        case RunEvent.StateChanged changed -> latest = new Snapshot(changed.state(), was.done, was.total,
                was.unitsPerSecond, was.etaMillis, was.value, was.result,
                changed.state() == RunState.RUNNING ? changed.reason() : "");
        case RunEvent.ResultUpdated updated -> {
            resultSeen = true;
            latest = new Snapshot(was.state, was.done, was.total, was.unitsPerSecond, was.etaMillis,
                    updated.result().summary(), updated.result(), was.waitingFor);
        }
        case RunEvent.UnitCompleted completed -> {
            if (resultSeen) {
                return;
            }
            latest = new Snapshot(was.state, was.done, was.total, was.unitsPerSecond, was.etaMillis,
                    completed.result().value(), was.result, was.waitingFor);
        }
        }
        relay.offer(latest);
    }

    /** Inside the Realm: the run has ended; the row shows how, for good. */
    void finish(RunOutcome ended, Throwable failure) {
        finished = true;
        active.setValue(Boolean.FALSE);
        eta.setValue("");
        if (ended == null) {
            state.setValue(RunState.FAILED.name());
            status.setValue("Run ended unexpectedly: " + failure);
            return;
        }
        long done = ended.unitsCompleted();
        long total = ended.state() == RunState.SUCCEEDED ? done : shownTotal;
        state.setValue(ended.state().name());
        progressText.setValue(describeUnits(done, total));
        progressFraction.setValue(fraction(done, total));
        elapsed.setValue(describeElapsed(ended.elapsed()));
        // A short run may end before its first progress report: its rate is known now.
        if (done > 0 && ended.elapsed().toNanos() > 0) {
            throughput.setValue(describeThroughput(done / (ended.elapsed().toNanos() / 1e9)));
        }
        result.setValue(ended.result());
        if (ended.state() == RunState.SUCCEEDED && !ended.summary().isEmpty()) {
            latestValue.setValue(ended.summary());
        }
        status.setValue(describe(ended));
        outcome.setValue(ended);
    }

    private void show(Snapshot snapshot) {
        if (finished) {
            return; // a report overtaken by the outcome
        }
        if (snapshot.state != RunState.SCHEDULED) {
            state.setValue(snapshot.state.name());
        }
        status.setValue(runningStatus + (snapshot.waitingFor.isEmpty() ? "" : ": " + snapshot.waitingFor));
        shownTotal = snapshot.total;
        progressText.setValue(describeUnits(snapshot.done, snapshot.total));
        progressFraction.setValue(fraction(snapshot.done, snapshot.total));
        throughput.setValue(snapshot.done == 0 ? "" : describeThroughput(snapshot.unitsPerSecond));
        eta.setValue(snapshot.etaMillis < 0 ? "" : (snapshot.etaMillis + 999) / 1000 + " s");
        elapsed.setValue(describeElapsed(Duration.ofNanos(System.nanoTime() - startedNanos)));
        if (snapshot.value != null) {
            latestValue.setValue(snapshot.value);
        }
        if (snapshot.result != null) {
            result.setValue(snapshot.result);
        }
    }

    static String describe(RunOutcome outcome) {
        return switch (outcome.state()) {
        case SUCCEEDED -> outcome.summary().isEmpty() ? "Finished" : "Finished: " + outcome.summary();
        // A cancel's reason already says who stopped it ("Stopped by the user", "Provider 'x' was removed").
        case CANCELED -> outcome.reason().isEmpty() ? "Stopped" : outcome.reason();
        case FAILED -> outcome.reason().isEmpty() ? "Failed" : "Failed: " + outcome.reason();
        default -> outcome.state().name();
        };
    }

    static String describeThroughput(double unitsPerSecond) {
        return String.format(Locale.ROOT, "%.0f units/s", unitsPerSecond);
    }

    static String describeUnits(long done, long total) {
        return total < 0 ? done + " units" : done + " / " + total + " units";
    }

    static double fraction(long done, long total) {
        if (total < 0) {
            return UNKNOWN_FRACTION;
        }
        return total == 0 ? 1 : Math.min(1, (double) done / total);
    }

    static String describeElapsed(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /**
     * What the engine last reported, handed from the event thread to the Realm; value and result may be null.
     *
     * @param waitingFor what the running run waits for (e.g. cluster members), "" when nothing
     */
    private record Snapshot(RunState state, long done, long total, double unitsPerSecond, long etaMillis, String value,
            ResultValue result, String waitingFor) {
    }
}
