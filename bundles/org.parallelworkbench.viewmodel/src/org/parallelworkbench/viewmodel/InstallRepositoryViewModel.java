package org.parallelworkbench.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.eclipse.core.databinding.observable.Realm;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.WorkerRepository;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.install.WorkerBundleReport;

/**
 * File &gt; Install Worker Bundle with a p2 repository (folder or .zip): the worker bundles found in it, read on the
 * file executor, and Install, which installs each one the product does not already have from its {@code bundle/}
 * through the install bundle, one after the other, off the Realm's thread. Made by {@link WorkerBundlesViewModel#inspectRepository(Path)}; its
 * getters answer once {@link #isRead()}, commands must be called inside its Realm. The jars extracted from a zip are
 * deleted after Install, or by {@link #close()}, also when it comes before the read ended.
 */
public final class InstallRepositoryViewModel extends InstallViewModel<WorkerRepository> {

    private final Set<String> shipped;
    private final WorkerBundleChanges changes;

    /** @param shipped "symbolic-name version" of the workers the product has from outside the drop-in folder */
    InstallRepositoryViewModel(Realm realm, Path repository, Set<String> shipped, Optional<DropinFolder> dropins,
            WorkerBundleChanges changes, Executor files, Consumer<String> status) {
        super(realm, repository, dropins, files, status);
        this.shipped = Set.copyOf(shipped);
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /** The folder or zip, absolute. */
    public Path repository() {
        return result().repository();
    }

    /** One line per worker bundle Install copies: name, symbolic name and version, and its errors. */
    public List<String> workers() {
        return toInstall(result()).stream().map(InstallRepositoryViewModel::describe).toList();
    }

    private static String describe(WorkerBundleReport worker) {
        String name = worker.name().isEmpty() ? worker.symbolicName() : worker.name();
        List<String> errors = worker.problems().stream().filter(BundleProblem::isError).map(BundleProblem::message).toList();
        return name + " (" + worker.symbolicName() + " " + worker.version() + ")"
                + (errors.isEmpty() ? "" : ": " + String.join("; ", errors));
    }

    /** Worker bundles left out because the product has them, and how many other bundles the repository holds. */
    public List<String> skipped() {
        WorkerRepository found = result();
        List<String> lines = new ArrayList<>(found.workers().stream().map(InstallRepositoryViewModel::label)
                .filter(shipped::contains).map(label -> label + ": already part of the product").toList());
        if (!found.skipped().isEmpty()) {
            lines.add(found.skipped().size() + " bundles without providers (platform and libraries)");
        }
        return lines;
    }

    /** What is wrong with the repository itself. */
    public List<String> problems() {
        return result().problems().stream().map(BundleProblem::message).toList();
    }

    private List<WorkerBundleReport> toInstall(WorkerRepository found) {
        return found.workers().stream().filter(worker -> !shipped.contains(label(worker))).toList();
    }

    private static String label(WorkerBundleReport worker) {
        return worker.symbolicName() + " " + worker.version();
    }

    @Override
    String problemOf(WorkerRepository found) {
        Optional<BundleProblem> error = found.problems().stream().filter(BundleProblem::isError).findFirst();
        if (error.isPresent()) {
            return error.get().message();
        }
        List<WorkerBundleReport> toInstall = toInstall(found);
        if (toInstall.isEmpty()) {
            return found.workers().isEmpty() ? "It holds no worker bundle" : "The product already has every worker bundle of it";
        }
        return toInstall.stream().filter(w -> !w.installable()).findFirst()
                .map(bad -> bad.symbolicName() + " cannot be installed: " + bad.problems().stream()
                        .filter(BundleProblem::isError).map(BundleProblem::message).findFirst().orElse(""))
                .orElse("");
    }

    @Override
    String installingMessage(WorkerRepository found) {
        int count = toInstall(found).size();
        return "Installing " + count + " worker bundle" + (count == 1 ? "" : "s") + " from " + found.repository().getFileName()
                + "\u2026";
    }

    /**
     * Installs each worker bundle, one after the other, then deletes what was extracted; the message is each one's,
     * joined.
     */
    @Override
    CompletionStage<String> installAll(WorkerRepository found) {
        List<String> messages = new ArrayList<>();
        CompletionStage<Void> all = CompletableFuture.completedFuture(null);
        for (WorkerBundleReport worker : toInstall(found)) {
            all = all.thenCompose(ignored -> InstallBundleViewModel.install(changes, worker)).thenAccept(messages::add);
        }
        return all.handle((ignored, failure) -> {
            found.close();
            if (failure != null) {
                messages.add("Could not install from " + found.repository().getFileName() + ": " + failure);
            }
            return String.join("; ", messages);
        });
    }

    /** Deletes the jars extracted from a zip. */
    @Override
    void discard(WorkerRepository found) {
        found.close();
    }
}
