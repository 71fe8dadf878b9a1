package org.parallelworkbench.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.eclipse.core.databinding.observable.Realm;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.PlannedChange;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.install.WorkerBundleReport;

/**
 * File &gt; Install Worker Bundle with a jar: what it is, read on the file executor before anything is installed
 * (name, identity, vendor, declared providers, signature, problems), and Install, which the install bundle does off
 * the Realm's thread (into the drop-in folder, or the folder holding the bundle it updates); File Install then
 * installs and starts it. An error in the report, or a product
 * without a drop-in folder, disables Install. Made by {@link WorkerBundlesViewModel#inspect(Path)}; its getters
 * answer once {@link #isRead()}, commands must be called inside its Realm.
 */
public final class InstallBundleViewModel extends InstallViewModel<WorkerBundleReport> {

    private final Map<String, String> installedVersions;
    private final WorkerBundleChanges changes;

    /**
     * @param installedVersions the version of each bundle installed now, by symbolic name
     * @param status            called in the Realm with what happened, for the status line
     */
    InstallBundleViewModel(Realm realm, Path jar, Map<String, String> installedVersions, Optional<DropinFolder> dropins,
            WorkerBundleChanges changes, Executor files, Consumer<String> status) {
        super(realm, jar, dropins, files, status);
        this.installedVersions = Map.copyOf(installedVersions);
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /** Everything read from the jar. */
    public WorkerBundleReport report() {
        return result();
    }

    /** The Bundle-Name, else the symbolic name. */
    public String name() {
        WorkerBundleReport report = report();
        return report.name().isEmpty() ? report.symbolicName() : report.name();
    }

    public String symbolicName() {
        return report().symbolicName();
    }

    public String version() {
        return report().version();
    }

    public String vendor() {
        return report().vendor().isEmpty() ? "(not stated)" : report().vendor();
    }

    /** "signed by …" or "not signed". */
    public String signature() {
        return report().signature();
    }

    /** One line per declared provider: its component and class. */
    public List<String> providers() {
        return report().providers().stream().map(InstallBundleViewModel::describe).toList();
    }

    private static String describe(DeclaredProvider provider) {
        return provider.componentName().equals(provider.implementationClass()) ? provider.componentName()
                : provider.componentName() + " (" + provider.implementationClass() + ")";
    }

    public List<String> errors() {
        return errorsOf(report());
    }

    private static List<String> errorsOf(WorkerBundleReport report) {
        return report.problems().stream().filter(BundleProblem::isError).map(BundleProblem::message).toList();
    }

    /** Warnings of the report, and what installing it replaces. */
    public List<String> warnings() {
        WorkerBundleReport report = report();
        List<String> warnings = new ArrayList<>(report.problems().stream().filter(problem -> !problem.isError())
                .map(BundleProblem::message).toList());
        String installedVersion = installedVersions.get(report.symbolicName());
        if (installedVersion != null) {
            warnings.add(report.symbolicName() + " " + installedVersion + " is installed; a drop-in of it is replaced");
        }
        return warnings;
    }

    /** The first error. */
    @Override
    String problemOf(WorkerBundleReport report) {
        return errorsOf(report).stream().findFirst().orElse("");
    }

    @Override
    String installingMessage(WorkerBundleReport report) {
        return "Installing worker bundle " + report.symbolicName() + " " + report.version() + "\u2026";
    }

    /** The user chose Install knowing what it replaces: runs of the replaced bundle end. */
    @Override
    CompletionStage<String> installAll(WorkerBundleReport report) {
        return install(changes, report);
    }

    /** Plans and performs one jar's install, forced, as the status line's message once done. */
    static CompletionStage<String> install(WorkerBundleChanges changes, WorkerBundleReport report) {
        PlannedChange plan = changes.planInstall(report);
        if (plan.refused()) {
            return CompletableFuture.completedFuture("Could not install worker bundle " + plan.label() + ": "
                    + plan.refusal().orElseThrow().message());
        }
        return changes.perform(plan, true).thenApply(ChangeMessages::done);
    }
}
