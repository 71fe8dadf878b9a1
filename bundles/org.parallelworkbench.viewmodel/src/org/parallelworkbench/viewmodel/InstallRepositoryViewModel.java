package org.parallelworkbench.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.RepositoryWorkers;
import org.parallelworkbench.install.WorkerBundleReport;

/**
 * File &gt; Install Worker Bundle with a p2 repository (folder or .zip): the worker bundles found in it, and
 * Install, which copies each one the product does not already have from its {@code bundle/} into the drop-in
 * folder, off the Realm's thread. Made by {@link WorkerBundlesViewModel#inspectRepository(Path)}; commands must
 * be called inside its Realm. The jars extracted from a zip are deleted after Install, or by {@link #close()}.
 */
public final class InstallRepositoryViewModel {

    private final Realm realm;
    private final RepositoryWorkers found;
    private final List<WorkerBundleReport> toInstall;
    private final List<String> skipped;
    private final Optional<DropinFolder> dropins;
    private final Executor files;
    private final Consumer<String> status;
    private final Consumer<WorkerBundleReport> copied;
    private final WritableValue<Boolean> canInstall;
    private boolean closed;

    /**
     * @param shipped "symbolic-name version" of the workers the product has from outside the drop-in folder
     * @param copied  called in the Realm for each jar once it is in the drop-in folder
     */
    InstallRepositoryViewModel(Realm realm, RepositoryWorkers found, Set<String> shipped, Optional<DropinFolder> dropins,
            Executor files, Consumer<String> status, Consumer<WorkerBundleReport> copied) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.found = Objects.requireNonNull(found, "found");
        this.dropins = Objects.requireNonNull(dropins, "dropins");
        this.files = Objects.requireNonNull(files, "files");
        this.status = Objects.requireNonNull(status, "status");
        this.copied = Objects.requireNonNull(copied, "copied");
        List<WorkerBundleReport> install = new ArrayList<>();
        List<String> alreadyShipped = new ArrayList<>();
        for (WorkerBundleReport worker : found.workers()) {
            String label = worker.symbolicName() + " " + worker.version();
            if (shipped.contains(label)) {
                alreadyShipped.add(label + ": already part of the product");
            } else {
                install.add(worker);
            }
        }
        toInstall = List.copyOf(install);
        skipped = List.copyOf(alreadyShipped);
        canInstall = new WritableValue<>(realm, installProblem().isEmpty(), Boolean.class);
    }

    public Path repository() {
        return found.repository();
    }

    /** One line per worker bundle Install copies: name, symbolic name and version, and its errors. */
    public List<String> workers() {
        return toInstall.stream().map(InstallRepositoryViewModel::describe).toList();
    }

    private static String describe(WorkerBundleReport worker) {
        String name = worker.name().isEmpty() ? worker.symbolicName() : worker.name();
        List<String> errors = worker.problems().stream().filter(BundleProblem::isError).map(BundleProblem::message).toList();
        return name + " (" + worker.symbolicName() + " " + worker.version() + ")"
                + (errors.isEmpty() ? "" : ": " + String.join("; ", errors));
    }

    /** Worker bundles left out because the product has them, and how many other bundles the repository holds. */
    public List<String> skipped() {
        List<String> lines = new ArrayList<>(skipped);
        if (!found.skipped().isEmpty()) {
            lines.add(found.skipped().size() + " bundles without providers (platform and libraries)");
        }
        return lines;
    }

    /** What is wrong with the repository itself. */
    public List<String> problems() {
        return found.problems().stream().map(BundleProblem::message).toList();
    }

    /** Why Install is disabled; empty when it may install. */
    public String installProblem() {
        Optional<BundleProblem> error = found.problems().stream().filter(BundleProblem::isError).findFirst();
        if (error.isPresent()) {
            return error.get().message();
        }
        if (toInstall.isEmpty()) {
            return found.workers().isEmpty() ? "It holds no worker bundle" : "The product already has every worker bundle of it";
        }
        Optional<WorkerBundleReport> bad = toInstall.stream().filter(w -> !w.installable()).findFirst();
        if (bad.isPresent()) {
            return bad.get().symbolicName() + " cannot be installed: " + bad.get().problems().stream()
                    .filter(BundleProblem::isError).map(BundleProblem::message).findFirst().orElse("");
        }
        return dropins.isPresent() ? "" : "This product has no drop-in folder to install into";
    }

    /** Until Install was pressed: every worker to install has no error, and there is a drop-in folder. */
    public IObservableValue<Boolean> canInstall() {
        return canInstall;
    }

    /**
     * Copies each worker bundle into the drop-in folder on the file executor, then deletes what was extracted; the
     * status line says how many were copied, or which could not be. Does nothing while {@link #canInstall()} is false.
     */
    public void install() {
        checkRealm();
        if (!canInstall.getValue()) {
            return;
        }
        canInstall.setValue(false);
        closed = true;
        DropinFolder folder = dropins.orElseThrow();
        String source = String.valueOf(found.repository().getFileName());
        status.accept("Installing " + toInstall.size() + " worker bundle" + (toInstall.size() == 1 ? "" : "s") + " from "
                + source + "\u2026");
        files.execute(() -> {
            List<WorkerBundleReport> done = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            try {
                for (WorkerBundleReport worker : toInstall) {
                    try {
                        folder.install(worker);
                        done.add(worker);
                    } catch (IOException | RuntimeException e) {
                        failed.add(worker.symbolicName() + " " + worker.version() + ": " + e.getMessage());
                    }
                }
            } finally {
                found.close();
            }
            String message = failed.isEmpty()
                    ? "Copied " + done.size() + " worker bundle" + (done.size() == 1 ? "" : "s") + " from " + source
                            + " to " + folder.path() + "; they start within about 2 s"
                    : "Could not install from " + source + ": " + String.join("; ", failed);
            realm.asyncExec(() -> {
                status.accept(message);
                done.forEach(copied);
            });
        });
    }

    /** The dialog was cancelled: deletes what was extracted, off the Realm's thread. */
    public void close() {
        checkRealm();
        if (!closed) {
            closed = true;
            canInstall.setValue(false);
            files.execute(found::close);
        }
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("InstallRepositoryViewModel must be used inside its Realm");
        }
    }
}
