package org.parallelworkbench.viewmodel;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.list.IObservableList;
import org.eclipse.core.databinding.observable.list.WritableList;
import org.eclipse.core.databinding.observable.value.ComputedValue;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ProviderInfo;

/**
 * The workbench window's state and behaviour: the installed providers, the selected one with its
 * parameters and Start/Stop control (the ticker of the original demo by default), and the close guard.
 * Lives in one Realm, like the ViewModels it holds.
 */
public final class WorkbenchViewModel {

    public static final String TITLE = "Parallel Workbench";
    public static final String TICKER_PROVIDER_ID = "ticker";
    static final String EXIT_REASON = "The workbench was closed";

    private final JobService jobs;
    private final WritableList<ProviderInfo> providers;
    private final WritableValue<ProviderInfo> selectedProvider;
    private final WritableValue<String> parameterText;
    private final IObservableValue<String> providerDescription;
    private final IObservableValue<String> parameterHint;
    private final RunsViewModel runs;
    private final RunControlViewModel run;
    private final IObservableValue<String> windowTitle;

    public WorkbenchViewModel(Realm realm, JobService jobs) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        providers = new WritableList<>(realm);
        selectedProvider = new WritableValue<>(realm, null, ProviderInfo.class);
        parameterText = new WritableValue<>(realm, "", String.class);
        providerDescription = new ComputedValue<>(realm, String.class) {
            @Override
            protected String calculate() {
                ProviderInfo selected = selectedProvider.getValue();
                return selected == null ? "No provider is installed." : selected.name() + ": " + selected.description();
            }
        };
        parameterHint = new ComputedValue<>(realm, String.class) {
            @Override
            protected String calculate() {
                ProviderInfo selected = selectedProvider.getValue();
                if (selected == null || selected.parameters().isEmpty()) {
                    return "no parameters";
                }
                return "defaults: " + selected.parameters().stream()
                        .map(p -> p.name() + "=" + p.defaultValue() + (p.unit().isEmpty() ? "" : " (" + p.unit() + ")"))
                        .collect(Collectors.joining(" "));
            }
        };
        runs = new RunsViewModel(realm);
        run = new RunControlViewModel(realm, jobs, selectedProvider, parameterText, runs);
        windowTitle = new ComputedValue<>(realm, String.class) {
            @Override
            protected String calculate() {
                return run.running().getValue() ? TITLE + " \u2013 running" : TITLE;
            }
        };
        refreshProviders();
    }

    /** The installed providers, by name. */
    public IObservableList<ProviderInfo> providers() {
        return providers;
    }

    public IObservableValue<ProviderInfo> selectedProvider() {
        return selectedProvider;
    }

    /** {@code name=value} pairs for the next run, as on the command line; empty means defaults. */
    public IObservableValue<String> parameterText() {
        return parameterText;
    }

    public IObservableValue<String> providerDescription() {
        return providerDescription;
    }

    /** What the parameters field shows while empty: each parameter with its default. */
    public IObservableValue<String> parameterHint() {
        return parameterHint;
    }

    public RunControlViewModel run() {
        return run;
    }

    /** The runs started from this window, for the Runs table. */
    public RunsViewModel runs() {
        return runs;
    }

    /** The window's title: says when work is running, also when the window is in the background. */
    public IObservableValue<String> windowTitle() {
        return windowTitle;
    }

    /** Reads the installed providers from the engine again (Run > Refresh Providers). */
    public void refreshProviders() {
        providersChanged(jobs.providers());
    }

    /**
     * The installed providers changed (a worker bundle came or went): lists them, keeping the selection
     * if it is still installed; else selects the ticker, else the first. Inside the Realm.
     */
    public void providersChanged(List<ProviderInfo> nowInstalled) {
        List<ProviderInfo> installed = nowInstalled.stream()
                .sorted(Comparator.comparing(ProviderInfo::name).thenComparing(ProviderInfo::id)).toList();
        ProviderInfo selected = selectedProvider.getValue();
        providers.clear();
        providers.addAll(installed);
        ProviderInfo keep = selected == null ? null
                : installed.stream().filter(p -> p.id().equals(selected.id())).findFirst().orElse(null);
        if (keep == null) {
            keep = installed.stream().filter(p -> p.id().equals(TICKER_PROVIDER_ID)).findFirst()
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
}
