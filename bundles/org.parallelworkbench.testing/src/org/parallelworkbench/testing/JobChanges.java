package org.parallelworkbench.testing;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;

/**
 * The Eclipse Jobs source of {@link Changes}, in a class of its own so that nothing loads the optionally
 * imported Jobs classes in a runtime without them.
 */
final class JobChanges extends JobChangeAdapter {

    private final Runnable signal;

    private JobChanges(Runnable signal) {
        this.signal = signal;
    }

    /** Runs the signal on each job scheduled, running or done; returns what stops that. */
    static Runnable listen(Runnable signal) {
        JobChanges changes = new JobChanges(signal);
        Job.getJobManager().addJobChangeListener(changes);
        return () -> Job.getJobManager().removeJobChangeListener(changes);
    }

    @Override
    public void scheduled(IJobChangeEvent event) {
        signal.run();
    }

    @Override
    public void running(IJobChangeEvent event) {
        signal.run();
    }

    @Override
    public void done(IJobChangeEvent event) {
        signal.run();
    }
}
