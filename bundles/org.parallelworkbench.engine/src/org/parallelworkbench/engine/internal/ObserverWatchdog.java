package org.parallelworkbench.engine.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Notices observers (event subscribers, {@link org.parallelworkbench.core.RunObserver}s) that block: every
 * call into observer code is wrapped in {@link #enter}/{@link #exit}, and a system job checks, while
 * calls are in progress, for any that has run longer than {@link #SLOW_OBSERVER_MILLIS}; each such call
 * is reported once, with the stack of its thread. The blocked thread is an event thread or the starter's,
 * never a worker, so runs go on; the report is what the user gets.
 * <p>
 * Threading: thread-safe. The check runs on a Jobs worker thread, only while calls are in progress.
 */
final class ObserverWatchdog {

    /** A call into an observer that takes longer than this is reported. */
    static final long SLOW_OBSERVER_MILLIS = 1_000;
    /** How often in-progress calls are checked; a slow call is reported within the sum of both. */
    static final long CHECK_INTERVAL_MILLIS = 250;

    /** One call in progress. */
    static final class Call {
        private final String observer;
        private final Thread thread = Thread.currentThread();
        private final long startNanos = System.nanoTime();
        private boolean reported;

        private Call(String observer) {
            this.observer = observer;
        }
    }

    private final Incidents incidents;
    private final Set<Call> inProgress = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final Job check = new Job("Parallel Workbench observer watchdog") {
        @Override
        protected IStatus run(IProgressMonitor monitor) {
            armed.set(false);
            checkNow();
            if (!inProgress.isEmpty() && !monitor.isCanceled()) {
                arm();
            }
            return Status.OK_STATUS;
        }
    };
    private volatile boolean closed;

    ObserverWatchdog(Incidents incidents) {
        this.incidents = incidents;
        check.setSystem(true);
    }

    /** Marks the start of a call into {@code observer} on the current thread. */
    Call enter(String observer) {
        Call call = new Call(observer);
        inProgress.add(call);
        arm();
        return call;
    }

    void exit(Call call) {
        inProgress.remove(call);
    }

    /** Stops checking; calls still in progress are no longer watched. */
    void close() {
        closed = true;
        check.cancel();
    }

    private void arm() {
        if (!closed && armed.compareAndSet(false, true)) {
            check.schedule(CHECK_INTERVAL_MILLIS);
        }
    }

    private void checkNow() {
        long now = System.nanoTime();
        for (Call call : inProgress) {
            if (!call.reported && now - call.startNanos > TimeUnit.MILLISECONDS.toNanos(SLOW_OBSERVER_MILLIS)) {
                call.reported = true; // only this job's thread reads and writes it
                incidents.report("Observer " + call.observer + " has been blocking thread " + call.thread.getName()
                        + " for more than " + SLOW_OBSERVER_MILLIS + " ms; it must return quickly"
                        + ThreadWorker.stackOf(call.thread), null);
            }
        }
    }
}
