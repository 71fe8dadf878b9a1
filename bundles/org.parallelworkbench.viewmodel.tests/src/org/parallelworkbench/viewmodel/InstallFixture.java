package org.parallelworkbench.viewmodel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.testing.FakeWorkerBundles;
import org.parallelworkbench.testing.FakeJobService;

/**
 * What the install dialog's ViewModel tests share: a {@link WorkerBundlesViewModel} in a {@link QueueRealm}, on a
 * fake WorkerBundles with a real drop-in folder, whose file executor is a queue the test runs by hand; the install
 * bundle's life cycle performs at once, on that executor's thread, and does not wait for the framework. Made on the
 * test's thread, which owns the Realm.
 */
final class InstallFixture {

    final QueueRealm realm = new QueueRealm();
    final FakeJobService jobs = new FakeJobService(TestProviders.TICKER);
    final List<Runnable> fileWork = new ArrayList<>();
    final List<String> statuses = new ArrayList<>();
    final Path dropinsPath;
    final FakeWorkerBundles bundles;

    InstallFixture(Path temp) {
        dropinsPath = temp.resolve("dropins");
        bundles = new FakeWorkerBundles(new DropinFolder(dropinsPath));
        jobs.install(TestProviders.TICKER);
    }

    /** The ViewModel of the bundles and jobs as the test set them up. */
    WorkerBundlesViewModel viewModel() {
        WorkerBundleChanges changes = WorkerBundleChanges.over(bundles, () -> jobs, () -> List::of, Runnable::run,
                Duration.ZERO);
        WorkerBundlesViewModel viewModel = new WorkerBundlesViewModel(realm, bundles, changes, fileWork::add, statuses::add);
        viewModel.refresh();
        return viewModel;
    }

    /** Runs what was queued on the file executor so far, not what that queues, and not the Realm's queue. */
    void runQueuedFileWork() {
        List<Runnable> queued = List.copyOf(fileWork);
        fileWork.clear();
        queued.forEach(Runnable::run);
    }

    /** Runs the queued file work, then what it sent to the Realm. */
    void runFileWork() {
        runQueuedFileWork();
        realm.drain();
    }
}
