package org.parallelworkbench.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.WorkerBundleReport;

/**
 * File &gt; Install Worker Bundle: what a chosen jar is, read before anything is installed (name, identity,
 * vendor, declared providers, signature, problems), and Install, which copies it into the drop-in folder
 * off the Realm's thread; File Install then installs and starts it. An error in the report, or a product
 * without a drop-in folder, disables Install. Made by {@link WorkerBundlesViewModel#inspect(Path)};
 * commands must be called inside its Realm.
 */
public final class InstallBundleViewModel {

    private final Realm realm;
    private final WorkerBundleReport report;
    private final Optional<DropinFolder> dropins;
    private final String installedVersion;
    private final Executor files;
    private final Consumer<String> status;
    private final Consumer<WorkerBundleReport> copied;
    private final WritableValue<Boolean> canInstall;

    /**
     * @param installedVersion the version of a bundle with the same symbolic name installed now; empty for none
     * @param status           called in the Realm with what happened, for the status line
     * @param copied           called in the Realm once the jar is in the drop-in folder
     */
    InstallBundleViewModel(Realm realm, WorkerBundleReport report, Optional<DropinFolder> dropins, String installedVersion,
            Executor files, Consumer<String> status, Consumer<WorkerBundleReport> copied) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.report = Objects.requireNonNull(report, "report");
        this.dropins = Objects.requireNonNull(dropins, "dropins");
        this.installedVersion = Objects.requireNonNull(installedVersion, "installedVersion");
        this.files = Objects.requireNonNull(files, "files");
        this.status = Objects.requireNonNull(status, "status");
        this.copied = Objects.requireNonNull(copied, "copied");
        canInstall = new WritableValue<>(realm, report.installable() && dropins.isPresent(), Boolean.class);
    }

    /** Everything read from the jar. */
    public WorkerBundleReport report() {
        return report;
    }

    public Path file() {
        return report.file();
    }

    /** The Bundle-Name, else the symbolic name. */
    public String name() {
        return report.name().isEmpty() ? report.symbolicName() : report.name();
    }

    public String symbolicName() {
        return report.symbolicName();
    }

    public String version() {
        return report.version();
    }

    public String vendor() {
        return report.vendor().isEmpty() ? "(not stated)" : report.vendor();
    }

    /** "signed by …" or "not signed". */
    public String signature() {
        return report.signature();
    }

    /** One line per declared provider: its component and class. */
    public List<String> providers() {
        return report.providers().stream().map(InstallBundleViewModel::describe).toList();
    }

    private static String describe(DeclaredProvider provider) {
        return provider.componentName().equals(provider.implementationClass()) ? provider.componentName()
                : provider.componentName() + " (" + provider.implementationClass() + ")";
    }

    public List<String> errors() {
        return report.problems().stream().filter(BundleProblem::isError).map(BundleProblem::message).toList();
    }

    /** Warnings of the report, and what installing it replaces. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>(report.problems().stream().filter(problem -> !problem.isError())
                .map(BundleProblem::message).toList());
        if (!installedVersion.isEmpty()) {
            warnings.add(report.symbolicName() + " " + installedVersion + " is installed; a drop-in of it is replaced");
        }
        return warnings;
    }

    /** Why Install is disabled: the first error, or the missing drop-in folder; empty when it may install. */
    public String installProblem() {
        List<String> errors = errors();
        if (!errors.isEmpty()) {
            return errors.get(0);
        }
        return dropins.isPresent() ? "" : "This product has no drop-in folder to install into";
    }

    /** Until Install was pressed: the report has no error and there is a drop-in folder. */
    public IObservableValue<Boolean> canInstall() {
        return canInstall;
    }

    /**
     * Copies the jar into the drop-in folder on the file executor; the status line says it is being
     * installed, then that it was copied or why not. Does nothing while {@link #canInstall()} is false.
     */
    public void install() {
        checkRealm();
        if (!canInstall.getValue()) {
            return;
        }
        canInstall.setValue(false);
        DropinFolder folder = dropins.orElseThrow();
        String label = report.symbolicName() + " " + report.version();
        status.accept("Installing worker bundle " + label + "\u2026");
        files.execute(() -> {
            String outcome;
            boolean success = false;
            try {
                Path target = folder.install(report);
                outcome = "Copied worker bundle " + label + " to " + target + "; it starts within about 2 s";
                success = true;
            } catch (IOException | RuntimeException e) {
                outcome = "Could not install worker bundle " + label + ": " + e.getMessage();
            }
            String message = outcome;
            boolean done = success;
            realm.asyncExec(() -> {
                status.accept(message);
                if (done) {
                    copied.accept(report);
                }
            });
        });
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("InstallBundleViewModel must be used inside its Realm");
        }
    }
}
