package org.parallelworkbench.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.eclipse.core.databinding.observable.Realm;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.WorkerBundleReport;

/**
 * File &gt; Install Worker Bundle with a jar: what it is, read on the file executor before anything is installed
 * (name, identity, vendor, declared providers, signature, problems), and Install, which copies it into the drop-in
 * folder off the Realm's thread; File Install then installs and starts it. An error in the report, or a product
 * without a drop-in folder, disables Install. Made by {@link WorkerBundlesViewModel#inspect(Path)}; its getters
 * answer once {@link #isRead()}, commands must be called inside its Realm.
 */
public final class InstallBundleViewModel extends InstallViewModel<WorkerBundleReport> {

    private final Map<String, String> installedVersions;

    /**
     * @param installedVersions the version of each bundle installed now, by symbolic name
     * @param status            called in the Realm with what happened, for the status line
     * @param copied            called in the Realm once the jar is in the drop-in folder
     */
    InstallBundleViewModel(Realm realm, Path jar, Map<String, String> installedVersions, Optional<DropinFolder> dropins,
            Executor files, Consumer<String> status, Consumer<WorkerBundleReport> copied) {
        super(realm, jar, dropins, files, status, copied);
        this.installedVersions = Map.copyOf(installedVersions);
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

    @Override
    Copied copy(WorkerBundleReport report, DropinFolder folder) {
        String label = report.symbolicName() + " " + report.version();
        try {
            Path target = folder.install(report);
            return new Copied("Copied worker bundle " + label + " to " + target + "; it starts within about 2 s", List.of(report));
        } catch (IOException | RuntimeException e) {
            return new Copied("Could not install worker bundle " + label + ": " + e.getMessage(), List.of());
        }
    }
}
