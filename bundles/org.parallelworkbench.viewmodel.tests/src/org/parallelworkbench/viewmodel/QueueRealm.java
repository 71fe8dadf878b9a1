package org.parallelworkbench.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.eclipse.core.databinding.observable.Realm;

/**
 * A Realm owned by the test thread: asyncExec only queues, and the test decides when the queue runs,
 * as a UI thread's event loop would. No display needed.
 */
final class QueueRealm extends Realm {

    private final Thread owner = Thread.currentThread();
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    /** Timers asked for, in order; {@link #fireTimers()} runs them as if their time had come. */
    final List<Integer> timerDelaysMillis = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();

    @Override
    public boolean isCurrent() {
        return Thread.currentThread() == owner;
    }

    @Override
    public void asyncExec(Runnable runnable) {
        queue.add(runnable);
    }

    @Override
    public void timerExec(int milliseconds, Runnable runnable) {
        if (!isCurrent()) {
            throw new IllegalStateException("timerExec outside the Realm, as a display would refuse it");
        }
        timerDelaysMillis.add(milliseconds);
        timers.add(runnable);
    }

    void fireTimers() {
        List<Runnable> due = new ArrayList<>(timers);
        timers.clear();
        due.forEach(Runnable::run);
    }

    int queued() {
        return queue.size();
    }

    /** Runs what is queued now and what those runnables queue; returns how many ran. */
    int drain() {
        int ran = 0;
        Runnable next;
        while ((next = queue.poll()) != null) {
            safeRun(next);
            ran++;
        }
        return ran;
    }
}
