package org.parallelworkbench.viewmodel;

import java.util.Objects;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.ComputedValue;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;

/**
 * The workbench window's state and behaviour: the ticker control of the original demo and the
 * close guard. Lives in one Realm, like the ViewModels it holds.
 */
public final class WorkbenchViewModel {

    public static final String TITLE = "Parallel Workbench";
    public static final String TICKER_PROVIDER_ID = "ticker";
    static final String EXIT_REASON = "The workbench was closed";

    private final JobService jobs;
    private final RunControlViewModel ticker;
    private final IObservableValue<String> windowTitle;

    public WorkbenchViewModel(Realm realm, JobService jobs) {
        this(realm, jobs, Parameters.NONE);
    }

    public WorkbenchViewModel(Realm realm, JobService jobs, Parameters tickerParameters) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.ticker = new RunControlViewModel(realm, jobs, TICKER_PROVIDER_ID, tickerParameters);
        this.windowTitle = new ComputedValue<>(realm, String.class) {
            @Override
            protected String calculate() {
                return ticker.running().getValue() ? TITLE + " \u2013 running" : TITLE;
            }
        };
    }

    /** The window's title: says when work is running, also when the window is in the background. */
    public IObservableValue<String> windowTitle() {
        return windowTitle;
    }

    public RunControlViewModel ticker() {
        return ticker;
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
