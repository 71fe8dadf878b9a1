package org.parallelworkbench.viewmodel;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.list.IObservableList;
import org.eclipse.core.databinding.observable.list.WritableList;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;

/**
 * The runs started from this window, newest first, and the one the user looks at. Ended runs stay
 * listed until removed. Lives in one Realm: the list and the commands are for the Realm's thread;
 * engine threads only reach each row's relay and, once a run ends, queue its finalisation with
 * {@link Realm#asyncExec}.
 */
public final class RunsViewModel {

    static final String CANCEL_REASON = "Canceled by the user";
    /**
     * Ended runs kept listed, with their results; older ones are forgotten as new runs start, so a window
     * left open for weeks does not hold every result it ever showed.
     */
    public static final int MAX_ENDED_ROWS = 100;

    private final LongAdder eventsReceived = new LongAdder();
    private final Realm realm;
    private final WritableList<RunRowViewModel> rows;
    private final WritableValue<RunRowViewModel> selection;
    private final IObservableValue<Integer> activeCount;
    private final IObservableValue<Boolean> selectionActive;

    public RunsViewModel(Realm realm) {
        this.realm = Objects.requireNonNull(realm, "realm");
        rows = new WritableList<>(realm);
        selection = new WritableValue<>(realm, null, RunRowViewModel.class);
        activeCount = Observables.computed(realm, () -> (int) rows.stream().filter(row -> row.active().getValue()).count());
        selectionActive = Observables.computed(realm, () -> {
            RunRowViewModel selected = selection.getValue();
            return selected != null && selected.active().getValue();
        });
    }

    /** Newest first. */
    public IObservableList<RunRowViewModel> rows() {
        return rows;
    }

    /** The run whose value, result and status the window shows; null when none is selected. */
    public IObservableValue<RunRowViewModel> selection() {
        return selection;
    }

    /** How many listed runs have not ended. */
    public IObservableValue<Integer> activeCount() {
        return activeCount;
    }

    /** Events the rows' subscriptions received so far, over all runs: what the engine sends the window. */
    public long eventsReceived() {
        return eventsReceived.sum();
    }

    /** Whether the selected run is still active, so that Stop can do something. */
    public IObservableValue<Boolean> selectionActive() {
        return selectionActive;
    }

    /** Lists a run that has just been started, selects it and follows it to its end. Inside the Realm. */
    public RunRowViewModel add(RunHandle handle) {
        checkRealm();
        RunRowViewModel row = new RunRowViewModel(realm, handle);
        forgetOldEndedRows(MAX_ENDED_ROWS);
        rows.add(0, row);
        selection.setValue(row);
        // The row shows the run, not each unit: a unit's value reaches it through the accumulator's updates.
        handle.summaryEvents().subscribe(RunEvent.subscriber(event -> {
            eventsReceived.increment();
            row.onEvent(event);
        }));
        handle.outcome().whenComplete((outcome, failure) -> realm.asyncExec(() -> row.finish(outcome, failure)));
        return row;
    }

    /** Asks the row's run to stop; the row shows CANCELED once the engine confirms. Null is ignored. */
    public void cancel(RunRowViewModel row) {
        checkRealm();
        if (row != null && row.active().getValue()) {
            row.handle().cancel(CANCEL_REASON);
        }
    }

    /** Asks the selected run to stop. */
    public void cancelSelected() {
        cancel(selection.getValue());
    }

    /** Asks every listed run that has not ended to stop. */
    public void cancelAll() {
        checkRealm();
        List.copyOf(rows).forEach(this::cancel);
    }

    /** Forgets the runs that have ended, with their results; the selection goes if it was one of them. */
    public void removeEnded() {
        checkRealm();
        rows.removeAll(rows.stream().filter(row -> !row.active().getValue()).toList());
        if (selection.getValue() != null && !rows.contains(selection.getValue())) {
            selection.setValue(rows.isEmpty() ? null : rows.get(0));
        }
    }

    /** Newest first, so the ended rows past the first {@code keep} are the oldest. */
    private void forgetOldEndedRows(int keep) {
        List<RunRowViewModel> ended = rows.stream().filter(row -> !row.active().getValue()).toList();
        if (ended.size() > keep) {
            rows.removeAll(ended.subList(keep, ended.size()));
        }
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("RunsViewModel must be used inside its Realm");
        }
    }
}
