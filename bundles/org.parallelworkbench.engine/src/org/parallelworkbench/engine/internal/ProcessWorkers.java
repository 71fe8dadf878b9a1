package org.parallelworkbench.engine.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Makes {@link ProcessWorker}s, named {@code pw-process-<n>}, with the JVM options configured for their provider
 * now, and tells the pool when an idle one no longer fits: started with other JVM options (Gradle's rule: reuse a
 * worker only if everything that shapes it matches), or due for recycling after
 * {@link ProcessSettings#maxUnitsPerProcess()} units.
 */
final class ProcessWorkers implements WorkerFactory {

    private static final System.Logger LOG = System.getLogger(ProcessWorkers.class.getName());
    static final String NAME_PREFIX = "pw-process-";

    private final WorkerProcessLauncher launcher;
    private final Supplier<ProcessSettings> settings;
    private final Set<ProcessWorker> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong count = new AtomicLong();

    ProcessWorkers(WorkerProcessLauncher launcher, Supplier<ProcessSettings> settings) {
        this.launcher = launcher;
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "process";
    }

    @Override
    public boolean startsSlowly() {
        return true;
    }

    @Override
    public Worker create(WorkerKey key) throws Exception {
        String name = NAME_PREFIX + count.incrementAndGet();
        ProcessWorker worker = new ProcessWorker(name, launcher.start(name, key, settings.get().jvmOptions(key.providerId())));
        live.add(worker);
        return worker;
    }

    @Override
    public boolean fits(WorkerKey key, Worker worker) {
        ProcessSettings now = settings.get();
        ProcessWorker process = (ProcessWorker) worker;
        if (!process.jvmOptions().equals(now.jvmOptions(key.providerId()))) {
            LOG.log(Level.INFO, "Worker " + worker.name() + " was started with other JVM options; replacing it");
            return false;
        }
        if (now.maxUnitsPerProcess() > 0 && process.unitsExecuted() >= now.maxUnitsPerProcess()) {
            LOG.log(Level.INFO, "Worker " + worker.name() + " executed " + process.unitsExecuted() + " units; recycling it");
            return false;
        }
        return true;
    }

    @Override
    public void destroyed(Worker worker) {
        ProcessWorker process = (ProcessWorker) worker;
        live.remove(process);
        process.retire();
    }

    @Override
    public void awaitEnd(long waitMillis) {
        List<ProcessWorker> left = new ArrayList<>(live);
        left.forEach(ProcessWorker::retire);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            for (ProcessWorker worker : left) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!worker.awaitExit(Math.max(1, remaining))) {
                    LOG.log(Level.WARNING, "Worker " + worker.name() + " did not end within " + waitMillis + " ms; killing it");
                    worker.destroy();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            left.forEach(ProcessWorker::destroy);
        }
        live.clear();
        launcher.close();
    }
}
