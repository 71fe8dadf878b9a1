package org.parallelworkbench.install;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.osgi.annotation.versioning.ProviderType;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.install.internal.BundleLifecycle;

/**
 * The one place worker bundles are installed, updated and uninstalled, as an OSGi service; the window and the
 * command line only show what it plans and did. A change goes through the folders File Install watches: it copies
 * or deletes the jar there, and File Install installs, updates or uninstalls the bundle in every framework that
 * watches the folder (a running window, a console, a headless command's own).
 * <p>
 * Plan first, then perform: a plan reads the jar's report, the watched folders and the active runs of the bundle's
 * providers (in this process through the {@link JobService}, in the other product processes through the shared run
 * journal), and says whether the change is refused, or would end runs. Planning reads files: call it off a UI
 * thread. Performing runs on the service's own thread, one change after the other, so that two changes never race
 * on one folder.
 */
@ProviderType
public interface WorkerBundleChanges {

    /**
     * Installing an inspected jar: a new bundle into the product's drop-in folder, or, when a watched folder
     * already holds a bundle of its symbolic name, an {@linkplain PlannedChange.Kind#UPDATE update} of that one
     * in its folder. Refused when the report has errors or there is no drop-in folder.
     */
    PlannedChange planInstall(WorkerBundleReport jar);

    /** Replacing an installed worker with the jar: refused when the jar has errors or is another bundle. */
    PlannedChange planUpdate(InstalledWorker worker, WorkerBundleReport jar);

    /** Removing the drop-in with this symbolic name: refused when no watched folder holds one. */
    PlannedChange planUninstall(String symbolicName);

    /** Removing this installed worker's jar from its watched folder: refused when it came from elsewhere. */
    PlannedChange planUninstall(InstalledWorker worker);

    /**
     * Does a planned change: refused when the plan was, or when it would end active runs and is not {@code force}d.
     * Forced, this process's runs are cancelled with {@link PlannedChange#cancelReason()} and given a bounded time to
     * end; then the file changes, and the stage completes once the framework shows the bundle started (or gone), or
     * after a bounded wait. The stage never completes exceptionally: every outcome is a {@link ChangeOutcome}.
     */
    CompletionStage<ChangeOutcome> perform(PlannedChange change, boolean force);

    /**
     * The changes of this bundle over any {@link WorkerBundles}, for a caller that runs without the service (as
     * tests do); the service is this over the framework's services.
     *
     * @param jobs          this process's engine, or null while there is none
     * @param journal       the shared run journal, or null while there is none
     * @param executor      where changes are performed, one after the other
     * @param settleTimeout how long to wait for the framework to show a change
     */
    static WorkerBundleChanges over(WorkerBundles bundles, Supplier<JobService> jobs, Supplier<RunHistory> journal,
            Executor executor, Duration settleTimeout) {
        return new BundleLifecycle(bundles, jobs, journal, executor, settleTimeout);
    }
}
