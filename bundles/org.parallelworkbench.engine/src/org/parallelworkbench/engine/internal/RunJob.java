package org.parallelworkbench.engine.internal;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.core.runtime.jobs.JobGroup;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitResult;

/**
 * The Eclipse {@link Job} of one run: a system job in the engine's {@link JobGroup}, belonging to the
 * engine's family and to its provider's family ({@link Family}). Its {@link #run} drives the units on the
 * job's thread and always returns OK or CANCEL: a failed run is reported through its outcome, so the
 * group never cancels its other runs.
 * <p>
 * Cancelling through the job manager works too: a waiting job ends CANCELED at once, a running one
 * stops like {@link Run#cancel}.
 */
final class RunJob extends Job {

    static final String CANCELED_BY_JOB_MANAGER = "Canceled through the job manager";

    /**
     * A job family: all runs of one engine ({@code providerId == null}) or those of one provider.
     * Use with {@code Job.getJobManager().cancel/find/join}.
     */
    record Family(Object engine, String providerId) {
    }

    private final Run run;
    private final UnitDispatcher dispatcher;
    private final Object engine;

    RunJob(String name, Run run, UnitDispatcher dispatcher, Object engine, JobGroup group) {
        super(name);
        this.run = run;
        this.dispatcher = dispatcher;
        this.engine = engine;
        setSystem(true);
        setPriority(LONG);
        setJobGroup(group);
        addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                // Ends a run whose job was cancelled before it ran; a no-op after run() finished it.
                run.cancel(CANCELED_BY_JOB_MANAGER);
                run.finish(List.of(), 0);
            }
        });
    }

    @Override
    public boolean belongsTo(Object family) {
        return family instanceof Family f && f.engine() == engine
                && (f.providerId() == null || f.providerId().equals(run.provider().id()));
    }

    @Override
    protected void canceling() {
        run.cancel(CANCELED_BY_JOB_MANAGER);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        if (!run.begin()) {
            run.finish(List.of(), 0);
            return Status.CANCEL_STATUS;
        }
        List<UnitResult> results = dispatcher.drive();
        run.finish(results, dispatcher.unitsCompleted());
        return run.state() == RunState.CANCELED ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }
}
