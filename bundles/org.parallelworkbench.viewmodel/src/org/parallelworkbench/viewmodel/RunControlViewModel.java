package org.parallelworkbench.viewmodel;

import java.util.Objects;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.ComputedValue;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;

/**
 * Start/Stop control of one provider's run and its latest value: the original demo's toggle and
 * label. All observables belong to the Realm given at construction; commands must be called inside
 * it. Engine events arrive on engine threads and are relayed into the Realm, coalesced.
 */
public final class RunControlViewModel {

    static final String NO_VALUE = "\u2013";
    static final String STOP_REASON = "Stopped by the user";

    private final Realm realm;
    private final JobService jobs;
    private final String providerId;
    private final Parameters parameters;

    private final WritableValue<Boolean> running;
    private final WritableValue<String> latestValue;
    private final WritableValue<String> status;
    private final WritableValue<RunOutcome> lastOutcome;
    private final IObservableValue<String> toggleLabel;
    private final LatestValueRelay<String> valueRelay;

    private RunHandle current;

    public RunControlViewModel(Realm realm, JobService jobs, String providerId, Parameters parameters) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        running = new WritableValue<>(realm, Boolean.FALSE, Boolean.class);
        latestValue = new WritableValue<>(realm, NO_VALUE, String.class);
        status = new WritableValue<>(realm, "Ready", String.class);
        lastOutcome = new WritableValue<>(realm, null, RunOutcome.class);
        toggleLabel = new ComputedValue<>(realm, String.class) {
            @Override
            protected String calculate() {
                return running.getValue() ? "&Stop" : "&Start";
            }
        };
        valueRelay = new LatestValueRelay<>(realm, latestValue::setValue);
    }

    public IObservableValue<Boolean> running() {
        return running;
    }

    public IObservableValue<String> latestValue() {
        return latestValue;
    }

    /** A one-line description of what the control is doing, for a status line. */
    public IObservableValue<String> status() {
        return status;
    }

    /** How the last run ended; {@code null} before the first run has ended. */
    public IObservableValue<RunOutcome> lastOutcome() {
        return lastOutcome;
    }

    /** "Start" or "Stop", with a mnemonic. */
    public IObservableValue<String> toggleLabel() {
        return toggleLabel;
    }

    public void toggle() {
        if (running.getValue()) {
            stop();
        } else {
            start();
        }
    }

    public void start() {
        checkRealm();
        if (current != null) {
            return;
        }
        RunHandle handle;
        try {
            handle = jobs.start(providerId, parameters);
        } catch (IllegalArgumentException e) {
            status.setValue("Cannot start: " + e.getMessage());
            return;
        }
        current = handle;
        latestValue.setValue(NO_VALUE);
        running.setValue(Boolean.TRUE);
        status.setValue(handle.provider().name() + " running");
        // Runs on engine threads: touches no observable, only the relay.
        handle.events().subscribe(RunEvent.subscriber(event -> {
            if (event instanceof RunEvent.UnitCompleted completed) {
                valueRelay.offer(completed.result().value());
            }
        }));
        handle.outcome().whenComplete((outcome, failure) -> realm.asyncExec(() -> finished(handle, outcome, failure)));
    }

    /** Asks the current run to stop; the control shows "stopped" once the engine confirms. */
    public void stop() {
        checkRealm();
        if (current != null) {
            status.setValue("Stopping\u2026");
            current.cancel(STOP_REASON);
        }
    }

    private void finished(RunHandle handle, RunOutcome outcome, Throwable failure) {
        if (handle != current) {
            return;
        }
        current = null;
        running.setValue(Boolean.FALSE);
        if (outcome != null) {
            lastOutcome.setValue(outcome);
            status.setValue(describe(outcome));
        } else {
            status.setValue("Run ended unexpectedly: " + failure);
        }
    }

    static String describe(RunOutcome outcome) {
        String state = switch (outcome.state()) {
        case SUCCEEDED -> "Finished";
        case CANCELED -> "Stopped";
        case FAILED -> "Failed";
        default -> outcome.state().name();
        };
        String detail = outcome.reason().isEmpty() ? outcome.summary() : outcome.reason();
        return detail.isEmpty() ? state : state + ": " + detail;
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("RunControlViewModel must be used inside its Realm");
        }
    }
}
