package org.parallelworkbench.viewmodel;

import java.util.List;
import java.util.Objects;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.list.IObservableList;
import org.eclipse.core.databinding.observable.list.WritableList;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;

/**
 * The runs started from this window, newest first; ended runs stay listed. Lives in one Realm: the list
 * and the commands are for the Realm's thread; engine threads only reach each row's relay and, once a
 * run ends, queue its finalisation with {@link Realm#asyncExec}.
 */
public final class RunsViewModel {

    static final String CANCEL_REASON = "Canceled by the user";

    private final Realm realm;
    private final WritableList<RunRowViewModel> rows;

    public RunsViewModel(Realm realm) {
        this.realm = Objects.requireNonNull(realm, "realm");
        rows = new WritableList<>(realm);
    }

    /** Newest first. */
    public IObservableList<RunRowViewModel> rows() {
        return rows;
    }

    /** Lists a run that has just been started, and follows it to its end. Inside the Realm. */
    public void add(RunHandle handle) {
        checkRealm();
        RunRowViewModel row = new RunRowViewModel(realm, handle);
        rows.add(0, row);
        handle.events().subscribe(RunEvent.subscriber(row::onEvent));
        handle.outcome().whenComplete((outcome, failure) -> realm.asyncExec(() -> row.finish(outcome, failure)));
    }

    /** Asks the row's run to stop; the row shows CANCELED once the engine confirms. Null is ignored. */
    public void cancel(RunRowViewModel row) {
        checkRealm();
        if (row != null) {
            row.handle().cancel(CANCEL_REASON);
        }
    }

    /** Asks every listed run that has not ended to stop. */
    public void cancelAll() {
        checkRealm();
        List.copyOf(rows).stream().filter(row -> !row.handle().state().isFinal()).forEach(this::cancel);
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("RunsViewModel must be used inside its Realm");
        }
    }
}
