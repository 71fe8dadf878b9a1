package org.parallelworkbench.viewmodel;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;

/**
 * One row of the Runs table: a run's provider, state and progress as text for the view. The observables
 * belong to the Realm; engine events reach them only through a {@link LatestValueRelay}, and the run's
 * outcome finalises the row inside the Realm, after which late progress is ignored.
 */
public final class RunRowViewModel {

    /** Progress fraction when the run's size is unknown (an open-ended run, or none reported yet). */
    public static final double UNKNOWN_FRACTION = -1;

    private final RunHandle handle;
    private final long startedNanos = System.nanoTime();
    private final IObservableValue<String> providerName;
    private final WritableValue<String> state;
    private final WritableValue<String> progressText;
    private final WritableValue<Double> progressFraction;
    private final WritableValue<String> throughput;
    private final WritableValue<String> eta;
    private final WritableValue<String> elapsed;
    private final LatestValueRelay<Snapshot> relay;
    /** Realm thread only. */
    private boolean finished;
    /** Realm thread only: the run's size as last shown, -1 when unknown. */
    private long shownTotal = -1;
    /** Engine event thread only: events of one subscription arrive one after another. */
    private Snapshot latest = new Snapshot(RunState.RUNNING, 0, -1, 0, -1);

    RunRowViewModel(Realm realm, RunHandle handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
        providerName = new WritableValue<>(realm, handle.provider().name(), String.class);
        state = new WritableValue<>(realm, RunState.RUNNING.name(), String.class);
        progressText = new WritableValue<>(realm, describeUnits(0, -1), String.class);
        progressFraction = new WritableValue<>(realm, UNKNOWN_FRACTION, Double.class);
        throughput = new WritableValue<>(realm, "", String.class);
        eta = new WritableValue<>(realm, "", String.class);
        elapsed = new WritableValue<>(realm, describeElapsed(Duration.ZERO), String.class);
        relay = new LatestValueRelay<>(realm, this::show);
    }

    RunHandle handle() {
        return handle;
    }

    public IObservableValue<String> providerName() {
        return providerName;
    }

    /** RUNNING, SUCCEEDED, FAILED or CANCELED. */
    public IObservableValue<String> state() {
        return state;
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

    /** Engine thread: keeps the newest snapshot and relays it; never touches an observable. */
    void onEvent(RunEvent event) {
        if (event instanceof RunEvent.Progress progress) {
            latest = new Snapshot(latest.state, progress.unitsDone(), progress.unitsTotal(), progress.unitsPerSecond(),
                    progress.etaMillis());
        } else if (event instanceof RunEvent.StateChanged changed) {
            latest = new Snapshot(changed.state(), latest.done, latest.total, latest.unitsPerSecond, latest.etaMillis);
        } else {
            return;
        }
        relay.offer(latest);
    }

    /** Inside the Realm: the run has ended; the row shows how, for good. */
    void finish(RunOutcome outcome, Throwable failure) {
        finished = true;
        if (outcome == null) {
            state.setValue(RunState.FAILED.name());
            eta.setValue("");
            return;
        }
        long done = outcome.results().size();
        long total = outcome.state() == RunState.SUCCEEDED ? done : shownTotal;
        state.setValue(outcome.state().name());
        progressText.setValue(describeUnits(done, total));
        progressFraction.setValue(fraction(done, total));
        eta.setValue("");
        elapsed.setValue(describeElapsed(outcome.elapsed()));
    }

    private void show(Snapshot snapshot) {
        if (finished) {
            return; // a report overtaken by the outcome
        }
        if (snapshot.state != RunState.SCHEDULED) {
            state.setValue(snapshot.state.name());
        }
        shownTotal = snapshot.total;
        progressText.setValue(describeUnits(snapshot.done, snapshot.total));
        progressFraction.setValue(fraction(snapshot.done, snapshot.total));
        throughput.setValue(snapshot.done == 0 ? "" : String.format(Locale.ROOT, "%.0f units/s", snapshot.unitsPerSecond));
        eta.setValue(snapshot.etaMillis < 0 ? "" : (snapshot.etaMillis + 999) / 1000 + " s");
        elapsed.setValue(describeElapsed(Duration.ofNanos(System.nanoTime() - startedNanos)));
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

    /** What the engine last reported, handed from the event thread to the Realm. */
    private record Snapshot(RunState state, long done, long total, double unitsPerSecond, long etaMillis) {
    }
}
