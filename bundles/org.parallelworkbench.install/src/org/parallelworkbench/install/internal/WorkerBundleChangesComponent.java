package org.parallelworkbench.install.internal;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.install.ChangeOutcome;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.PlannedChange;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundles;

/**
 * The {@link WorkerBundleChanges} service: {@link BundleLifecycle} over the framework's worker bundles, engine and
 * run journal (either of the last two may come and go), performing changes on a thread of its own.
 */
@Component(service = WorkerBundleChanges.class)
public final class WorkerBundleChangesComponent implements WorkerBundleChanges {

    /** File Install's poll (0.5 s) twice for a new file, then install, resolve, start and SCR on a loaded machine. */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile JobService jobs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RunHistory journal;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "worker-bundle-changes");
        thread.setDaemon(true);
        return thread;
    });
    private final BundleLifecycle lifecycle;

    @Activate
    public WorkerBundleChangesComponent(@Reference WorkerBundles bundles) {
        lifecycle = new BundleLifecycle(bundles, () -> jobs, () -> journal, executor, SETTLE_TIMEOUT);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    @Override
    public PlannedChange planInstall(WorkerBundleReport jar) {
        return lifecycle.planInstall(jar);
    }

    @Override
    public PlannedChange planUpdate(InstalledWorker worker, WorkerBundleReport jar) {
        return lifecycle.planUpdate(worker, jar);
    }

    @Override
    public PlannedChange planUninstall(String symbolicName) {
        return lifecycle.planUninstall(symbolicName);
    }

    @Override
    public PlannedChange planUninstall(InstalledWorker worker) {
        return lifecycle.planUninstall(worker);
    }

    @Override
    public CompletionStage<ChangeOutcome> perform(PlannedChange change, boolean force) {
        return lifecycle.perform(change, force);
    }
}
