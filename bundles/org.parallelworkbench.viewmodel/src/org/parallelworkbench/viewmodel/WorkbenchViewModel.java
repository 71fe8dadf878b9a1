package org.parallelworkbench.viewmodel;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.list.IObservableList;
import org.eclipse.core.databinding.observable.list.WritableList;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOptions;

/**
 * The workbench window's state and behaviour: the installed providers, the selected one with its
 * parameter form, Start and Stop, the runs started from the window and the one selected among them, the
 * status line and the close guard. Lives in one Realm, like the ViewModels it holds; its commands must
 * be called inside it.
 */
public final class WorkbenchViewModel {

    public static final String TITLE = "Parallel Workbench";
    static final String EXIT_REASON = "The workbench was closed";
    static final String READY = "Ready";

    private final Realm realm;
    private final JobService jobs;
    private final ParameterMemory memory;
    private final WritableList<ProviderInfo> providers;
    private final WritableValue<ProviderInfo> selectedProvider;
    private final IObservableValue<String> providerHeading;
    private final IObservableValue<String> providerDescription;
    private final ClusterViewModel cluster;
    private final ParameterFormViewModel form;
    private final RunsViewModel runs;
    /** A message that stands in for the selected run's status until the selection changes; null for none. */
    private final WritableValue<String> message;
    private final ExportViewModel export;
    private final Executor background;
    private final LogViewModel log;
    private final IObservableValue<Boolean> canStart;
    private final IObservableValue<String> latestValue;
    private final IObservableValue<String> statusLine;
    private final IObservableValue<String> windowTitle;

    /** Starts runs and writes exports in the caller's thread: for tests and simple embeddings. */
    public WorkbenchViewModel(Realm realm, JobService jobs) {
        this(realm, jobs, ParameterMemory.NONE, Runnable::run);
    }

    /**
     * @param memory     where the parameters each provider was last started with are kept
     * @param background where runs are started (a provider plans them in {@link JobService#start}, which
     *                   may read files) and results written; in a window, never the Realm's thread
     */
    public WorkbenchViewModel(Realm realm, JobService jobs, ParameterMemory memory, Executor background) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.memory = Objects.requireNonNull(memory, "memory");
        providers = new WritableList<>(realm);
        selectedProvider = new WritableValue<>(realm, null, ProviderInfo.class);
        providerHeading = Observables.computed(realm, () -> {
            ProviderInfo selected = selectedProvider.getValue();
            return selected == null ? "No provider is installed"
                    : selected.name() + (selected.version().isEmpty() ? "" : " " + selected.version());
        });
        providerDescription = Observables.computed(realm, () -> {
            ProviderInfo selected = selectedProvider.getValue();
            return selected == null ? "Worker bundles contribute providers; none is installed now." : selected.description();
        });
        form = new ParameterFormViewModel(realm, jobs, selectedProvider, memory);
        cluster = new ClusterViewModel(realm, form);
        runs = new RunsViewModel(realm);
        log = new LogViewModel(realm);
        message = new WritableValue<>(realm, null, String.class);
        runs.selection().addValueChangeListener(event -> message.setValue(null));
        canStart = form.valid();
        this.background = Objects.requireNonNull(background, "background");
        export = new ExportViewModel(realm, runs.selection(), background, this::showMessage);
        latestValue = Observables.computed(realm, () -> {
            RunRowViewModel selected = runs.selection().getValue();
            return selected == null ? RunRowViewModel.NO_VALUE : selected.latestValue().getValue();
        });
        statusLine = Observables.computed(realm, () -> {
            String problems = form.problemsText().getValue();
            if (!problems.isEmpty() && selectedProvider.getValue() != null) {
                return "Cannot start: " + problems.replace("\n", "; ");
            }
            if (message.getValue() != null) {
                return message.getValue();
            }
            RunRowViewModel selected = runs.selection().getValue();
            return selected == null ? READY : selected.status().getValue();
        });
        windowTitle = Observables.computed(realm, () -> {
            int active = runs.activeCount().getValue();
            return active == 0 ? TITLE : TITLE + " \u2013 " + (active == 1 ? "1 run" : active + " runs") + " active";
        });
        refreshProviders();
    }

    /** The Cluster tab, and whether Run on: Cluster can take a run. */
    public ClusterViewModel cluster() {
        return cluster;
    }

    /** The installed providers, by name. */
    public IObservableList<ProviderInfo> providers() {
        return providers;
    }

    public IObservableValue<ProviderInfo> selectedProvider() {
        return selectedProvider;
    }

    /** The selected provider's name and version. */
    public IObservableValue<String> providerHeading() {
        return providerHeading;
    }

    public IObservableValue<String> providerDescription() {
        return providerDescription;
    }

    /** The selected provider's parameters. */
    public ParameterFormViewModel form() {
        return form;
    }

    /** The runs started from this window and the selected one. */
    public RunsViewModel runs() {
        return runs;
    }

    /** Warnings and errors, every failed run among them. */
    public LogViewModel log() {
        return log;
    }

    /** Shows the selected run's entries in the log: a failed run's cause, one action away from its row. */
    public boolean showSelectedRunInLog() {
        RunRowViewModel selected = runs.selection().getValue();
        return selected != null && log.selectRun(selected.runId());
    }

    /** File > Export Result for the selected run. */
    public ExportViewModel export() {
        return export;
    }

    /** A provider is selected and its parameters are valid. Runs already active do not matter. */
    public IObservableValue<Boolean> canStart() {
        return canStart;
    }

    /** Stop stops the selected run, so it can while that run is active. */
    public IObservableValue<Boolean> canStop() {
        return runs.selectionActive();
    }

    /** The selected run's latest value or result summary, shown large above the runs. */
    public IObservableValue<String> latestValue() {
        return latestValue;
    }

    /** Why Start is disabled, else the latest message, else the selected run's status. */
    public IObservableValue<String> statusLine() {
        return statusLine;
    }

    /** The window's title: says when work is running, also when the window is in the background. */
    public IObservableValue<String> windowTitle() {
        return windowTitle;
    }

    /**
     * Starts a run of the selected provider with the form's values, on the form's Run on choice, lists it and
     * selects it; values and choice are remembered for this provider. Runs already active go on. Does nothing while
     * the form is invalid. The engine is asked off the Realm's thread, so a provider's planning never holds up the
     * window; if it refuses (bad values, a target it cannot run on), the status line says why.
     */
    public void start() {
        checkRealm();
        ProviderInfo selected = selectedProvider.getValue();
        if (selected == null || !form.valid().getValue()) {
            return;
        }
        Parameters parameters = form.parameters();
        ExecutionTarget target = form.target().getValue();
        showMessage("Starting " + selected.name() + "\u2026");
        background.execute(() -> {
            try {
                RunHandle handle = jobs.start(selected.id(), parameters, RunOptions.DEFAULT.withTarget(target));
                inRealm(() -> started(selected, parameters, target, handle));
            } catch (InvalidParametersException e) {
                String problems = String.join("; ", e.problems().stream().map(Object::toString).toList());
                inRealm(() -> showMessage("Cannot start: " + problems));
            } catch (RuntimeException e) {
                inRealm(() -> showMessage("Cannot start " + selected.name() + ": " + e.getMessage()));
            }
        });
    }

    private void started(ProviderInfo provider, Parameters parameters, ExecutionTarget target, RunHandle handle) {
        form.rememberValues(provider, parameters, target);
        runs.add(handle);
        log.follow(handle);
    }

    /** Runs the action in the Realm: at once when already there (a synchronous executor), else queued. */
    private void inRealm(Runnable action) {
        if (realm.isCurrent()) {
            action.run();
        } else {
            realm.asyncExec(action);
        }
    }

    /** Asks the selected run to stop; it shows CANCELED once the engine confirms. */
    public void stop() {
        runs.cancelSelected();
    }

    /** Shows a message in the status line in place of the selected run's status, until another run is selected. */
    public void showMessage(String text) {
        checkRealm();
        message.setValue(text);
    }

    /** Reads the installed providers from the engine again (Run > Refresh Providers). */
    public void refreshProviders() {
        providersChanged(jobs.providers());
    }

    /**
     * The installed providers changed (a worker bundle came or went): lists them, keeping the selection
     * if it is still installed; else selects the provider last started (as the parameter memory says), else the
     * first. Inside the Realm.
     */
    public void providersChanged(List<ProviderInfo> nowInstalled) {
        checkRealm();
        List<ProviderInfo> installed = nowInstalled.stream()
                .sorted(Comparator.comparing(ProviderInfo::name).thenComparing(ProviderInfo::id)).toList();
        ProviderInfo selected = selectedProvider.getValue();
        providers.clear();
        providers.addAll(installed);
        ProviderInfo keep = selected == null ? null
                : installed.stream().filter(p -> p.id().equals(selected.id())).findFirst().orElse(null);
        if (keep == null) {
            Optional<String> last = memory.lastStarted();
            keep = installed.stream().filter(p -> last.isPresent() && p.id().equals(last.get())).findFirst()
                    .orElse(installed.isEmpty() ? null : installed.get(0));
        }
        selectedProvider.setValue(keep);
    }

    /** Decides whether a request to close the window may go ahead without asking. */
    public CloseDecision closeRequested() {
        int active = jobs.activeRuns().size();
        if (active == 0) {
            return new CloseDecision.Close();
        }
        String runs = active == 1 ? "1 run is" : active + " runs are";
        return new CloseDecision.AskUser(active, runs + " still active. Cancel and exit, or keep running?");
    }

    /** The user chose to exit although runs were active. */
    public void cancelAllForExit() {
        jobs.cancelAll(EXIT_REASON);
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("WorkbenchViewModel must be used inside its Realm");
        }
    }
}
