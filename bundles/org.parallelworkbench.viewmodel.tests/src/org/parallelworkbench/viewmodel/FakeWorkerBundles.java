package org.parallelworkbench.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundles;

/** WorkerBundles whose installed bundles and inspection reports the test sets; the drop-in folders are real. */
final class FakeWorkerBundles implements WorkerBundles {

    final List<InstalledWorker> installed = new CopyOnWriteArrayList<>();
    final Map<Path, WorkerBundleReport> reports = new HashMap<>();
    /** Every file inspected, in order, from whichever thread. */
    final List<Path> inspected = new CopyOnWriteArrayList<>();
    /** When set, inspects every file instead of {@link #reports}. */
    volatile Function<Path, WorkerBundleReport> inspector;
    volatile DropinFolder dropins;
    /** The extra folders File Install watches, as configured in Config Admin. */
    final List<DropinFolder> extraFolders = new CopyOnWriteArrayList<>();

    FakeWorkerBundles(DropinFolder dropins) {
        this.dropins = dropins;
    }

    @Override
    public List<InstalledWorker> installed() {
        return List.copyOf(installed);
    }

    @Override
    public WorkerBundleReport inspect(Path file) {
        inspected.add(file);
        if (inspector != null) {
            return inspector.apply(file);
        }
        WorkerBundleReport report = reports.get(file);
        if (report == null) {
            throw new AssertionError("the test gave no report for " + file);
        }
        return report;
    }

    @Override
    public String providerSpiVersion() {
        return "0.4.0";
    }

    @Override
    public Optional<DropinFolder> dropins() {
        return Optional.ofNullable(dropins);
    }

    @Override
    public List<DropinFolder> dropinFolders() {
        List<DropinFolder> folders = new ArrayList<>(dropins().stream().toList());
        folders.addAll(extraFolders);
        return folders;
    }
}
