package org.parallelworkbench.viewmodel;

import java.util.Arrays;
import java.util.Objects;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.ComputedValue;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;

/**
 * Start/Stop control of a run of the selected provider and its latest value: the original demo's
 * toggle and label, for any provider. All observables belong to the Realm given at construction;
 * commands must be called inside it. Engine events arrive on engine threads and are relayed into the
 * Realm, coalesced.
 */
public final class RunControlViewModel {

    static final String NO_VALUE = "\u2013";
    static final String STOP_REASON = "Stopped by the user";

    private final Realm realm;
    private final JobService jobs;
    private final IObservableValue<ProviderInfo> provider;
    private final IObservableValue<String> parameterText;
    private final RunsViewModel runs;

    private final WritableValue<Boolean> running;
    private final WritableValue<String> latestValue;
    private final WritableValue<String> status;
    private final WritableValue<RunOutcome> lastOutcome;
    private final WritableValue<ResultValue> result;
    private final IObservableValue<String> toggleLabel;
    private final IObservableValue<Boolean> canToggle;
    private final IObservableValue<String> parameterProblems;
    private final IObservableValue<String> statusLine;
    private final IObservableValue<Boolean> idle;
    private final LatestValueRelay<String> valueRelay;
    private final LatestValueRelay<ResultValue> resultRelay;

    private RunHandle current;

    /**
     * @param provider      the provider that Start runs; Start is disabled while it is null
     * @param parameterText {@code name=value} pairs separated by spaces, as on the command line
     */
    public RunControlViewModel(Realm realm, JobService jobs, IObservableValue<ProviderInfo> provider,
            IObservableValue<String> parameterText) {
        this(realm, jobs, provider, parameterText, new RunsViewModel(realm));
    }

    /** @param runs lists every run that Start starts; same Realm */
    public RunControlViewModel(Realm realm, JobService jobs, IObservableValue<ProviderInfo> provider,
            IObservableValue<String> parameterText, RunsViewModel runs) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.realm = Objects.requireNonNull(realm, "realm");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.parameterText = Objects.requireNonNull(parameterText, "parameterText");
        running = new WritableValue<>(realm, Boolean.FALSE, Boolean.class);
        latestValue = new WritableValue<>(realm, NO_VALUE, String.class);
        status = new WritableValue<>(realm, "Ready", String.class);
        lastOutcome = new WritableValue<>(realm, null, RunOutcome.class);
        result = new WritableValue<>(realm, null, ResultValue.class);
        toggleLabel = new ComputedValue<>(realm, String.class) {
            @Override
            protected String calculate() {
                return running.getValue() ? "&Stop" : "&Start";
            }
        };
        parameterProblems = new ComputedValue<>(realm, String.class) {
            @Override
            protected String calculate() {
                return describeProblems(provider.getValue(), parameterText.getValue());
            }
        };
        statusLine = new ComputedValue<>(realm, String.class) {
            @Override
            protected String calculate() {
                String problems = parameterProblems.getValue();
                return running.getValue() || problems.isEmpty() ? status.getValue()
                        : "Cannot start: " + problems.replace("\n", "; ");
            }
        };
        canToggle = new ComputedValue<>(realm, Boolean.class) {
            @Override
            protected Boolean calculate() {
                return running.getValue() || provider.getValue() != null && parameterProblems.getValue().isEmpty();
            }
        };
        idle = new ComputedValue<>(realm, Boolean.class) {
            @Override
            protected Boolean calculate() {
                return !running.getValue();
            }
        };
        valueRelay = new LatestValueRelay<>(realm, latestValue::setValue);
        resultRelay = new LatestValueRelay<>(realm, result::setValue);
    }

    /**
     * The current run's result as it grows (a series, a table, an image), then its final result; null
     * before the engine has published one for this run.
     */
    public IObservableValue<ResultValue> result() {
        return result;
    }

    /** True while no run is active: the provider and its parameters may be changed. */
    public IObservableValue<Boolean> idle() {
        return idle;
    }

    public IObservableValue<Boolean> running() {
        return running;
    }

    /** The run's latest value or result summary, as the label shows it. */
    public IObservableValue<String> latestValue() {
        return latestValue;
    }

    /** A one-line description of what the control did last. */
    public IObservableValue<String> status() {
        return status;
    }

    /** The status line: why Start is disabled while the parameters have problems, else {@link #status()}. */
    public IObservableValue<String> statusLine() {
        return statusLine;
    }

    /** How the last run ended; {@code null} before the first run has ended. */
    public IObservableValue<RunOutcome> lastOutcome() {
        return lastOutcome;
    }

    /** "Start" or "Stop", with a mnemonic. */
    public IObservableValue<String> toggleLabel() {
        return toggleLabel;
    }

    /**
     * What is wrong with the parameter text for the selected provider, one problem per line; empty when it
     * may run. Recomputed as the user types (providers validate quickly, by contract).
     */
    public IObservableValue<String> parameterProblems() {
        return parameterProblems;
    }

    private String describeProblems(ProviderInfo selected, String text) {
        if (selected == null) {
            return "";
        }
        try {
            return String.join("\n", jobs.validate(selected.id(), parseParameters(text)).stream().map(Object::toString).toList());
        } catch (IllegalArgumentException e) {
            return e.getMessage(); // malformed name=value text, or the provider has just gone
        }
    }

    /** Whether Start/Stop can do anything now: Stop always, Start once a provider is selected and its parameters are valid. */
    public IObservableValue<Boolean> canToggle() {
        return canToggle;
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
        ProviderInfo selected = provider.getValue();
        if (current != null || selected == null) {
            return;
        }
        RunHandle handle;
        try {
            handle = jobs.start(selected.id(), parseParameters(parameterText.getValue()));
        } catch (InvalidParametersException e) {
            status.setValue("Cannot start: " + String.join("; ", e.problems().stream().map(Object::toString).toList()));
            return;
        } catch (IllegalArgumentException e) {
            status.setValue("Cannot start: " + e.getMessage());
            return;
        }
        current = handle;
        latestValue.setValue(NO_VALUE);
        result.setValue(null);
        running.setValue(Boolean.TRUE);
        status.setValue(handle.provider().name() + " running");
        handle.events().subscribe(RunEvent.subscriber(new ValueTracker()::onEvent));
        handle.outcome().whenComplete((outcome, failure) -> realm.asyncExec(() -> finished(handle, outcome, failure)));
        runs.add(handle);
    }

    static Parameters parseParameters(String text) {
        String trimmed = text == null ? "" : text.trim();
        return trimmed.isEmpty() ? Parameters.NONE : Parameters.parse(Arrays.asList(trimmed.split("\\s+")));
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
            result.setValue(outcome.result());
            if (outcome.state() == RunState.SUCCEEDED && !outcome.summary().isEmpty()) {
                latestValue.setValue(outcome.summary());
            }
            status.setValue(describe(outcome));
        } else {
            status.setValue("Run ended unexpectedly: " + failure);
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

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("RunControlViewModel must be used inside its Realm");
        }
    }

    /**
     * Runs on engine threads and touches only the relay. Shows the accumulated result once the engine
     * publishes one; until then, each unit's value (the ticker's count).
     */
    private final class ValueTracker {
        private volatile boolean resultSeen;

        void onEvent(RunEvent event) {
            if (event instanceof RunEvent.ResultUpdated updated) {
                resultSeen = true;
                valueRelay.offer(updated.result().summary());
                resultRelay.offer(updated.result());
            } else if (event instanceof RunEvent.UnitCompleted completed && !resultSeen) {
                valueRelay.offer(completed.result().value());
            }
        }
    }
}
