package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Makes {@link ThreadWorker}s, each on a daemon thread named {@code pw-worker-<n>}, and keeps track of them. */
final class ThreadWorkers implements WorkerFactory {

    private static final System.Logger LOG = System.getLogger(ThreadWorkers.class.getName());
    static final String THREAD_NAME_PREFIX = "pw-worker-";

    private final Set<ThreadWorker> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong threadCount = new AtomicLong();

    @Override
    public String kind() {
        return "thread";
    }

    @Override
    public Worker create(WorkerKey key) {
        ThreadWorker worker = new ThreadWorker(THREAD_NAME_PREFIX + threadCount.incrementAndGet(), key.stateFactory(),
                live::remove);
        live.add(worker);
        worker.start();
        return worker;
    }

    @Override
    public List<Thread> liveThreads() {
        return live.stream().map(ThreadWorker::thread).filter(Thread::isAlive).toList();
    }

    @Override
    public void awaitEnd(long waitMillis) {
        live.forEach(ThreadWorker::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        for (ThreadWorker worker : List.copyOf(live)) {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                worker.thread().join(Math.max(1, remainingMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (worker.thread().isAlive()) {
                LOG.log(Level.WARNING, "Worker still running a unit after close, left to end on its own: "
                        + worker.describe());
            }
        }
    }
}
