package org.parallelworkbench.cli.internal.workers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.parallelworkbench.cli.internal.command.ExitCodes;
import org.parallelworkbench.install.ActiveRun;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.ChangeOutcome;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.PlannedChange;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundles;
import org.parallelworkbench.install.WorkerRepository;

/**
 * {@code install} and {@code uninstall} of worker bundles for the headless commands and the Gogo ones alike: the
 * {@link WorkerBundleChanges} service plans and performs the change; this class says what it planned and did, as
 * text with an exit code. Used by one thread per call; a call blocks until the change is done.
 */
public final class WorkerInstaller {

    /** Beyond the service's own bounds (ending runs, then waiting for the framework), in case its thread is stuck. */
    private static final long OUTER_TIMEOUT_SECONDS = 120;

    /** What the command says; {@code exitCode} is one of {@link ExitCodes}. */
    public record Outcome(int exitCode, String text) {
    }

    private final WorkerBundles bundles;
    private final WorkerBundleChanges changes;

    public WorkerInstaller(WorkerBundles bundles, WorkerBundleChanges changes) {
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /**
     * Inspects the jar and, when it has no error, copies it into the drop-in folder (or the folder that holds the
     * bundle it updates) and waits for it to start. Exit {@link ExitCodes#USAGE} with every problem when it has errors
     * (nothing copied), or when it would replace a drop-in whose providers have active runs and is not {@code force}d;
     * {@link ExitCodes#FAILED} when it was copied but did not start here, else {@link ExitCodes#OK}.
     */
    Outcome install(Path jar, boolean force) throws InterruptedException {
        WorkerBundleReport report = bundles.inspect(jar);
        StringBuilder text = new StringBuilder(WorkerBundleText.report(report));
        PlannedChange plan = changes.planInstall(report);
        if (plan.refused()) {
            PlannedChange.Refusal refusal = plan.refusal().orElseThrow();
            return switch (refusal.reason()) {
                case NOT_INSTALLABLE -> new Outcome(ExitCodes.USAGE, text.append("Nothing installed.\n").toString());
                case NO_DROPIN_FOLDER -> new Outcome(ExitCodes.FAILED, text.append(refusal.message()).append("; nothing installed.\n")
                        .toString());
                default -> new Outcome(ExitCodes.FAILED, text.append(refusal.message()).append('\n').toString());
            };
        }
        if (plan.endsRuns() && !force) {
            return new Outcome(ExitCodes.USAGE, text.append(runsRefusal(plan)).toString());
        }
        String label = report.symbolicName() + " " + plan.newVersion();
        ChangeOutcome outcome = perform(plan, force);
        endedRuns(outcome, text);
        Optional<Outcome> unchanged = unchanged(outcome, text);
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        text.append("Installed as ").append(outcome.file().orElseThrow())
                .append("; a running Parallel Workbench picks it up within about 2 s.\n");
        if (outcome.done()) {
            return new Outcome(ExitCodes.OK, text.append("Started ").append(label).append(": ")
                    .append(available(outcome.worker().orElseThrow().providerIds())).append('\n').toString());
        }
        List<BundleProblem> failures = outcome.failures();
        text.append(label).append(" did not start: ")
                .append(outcome.worker().map(w -> "it is " + w.state()).orElse("File Install did not install it"))
                .append(failures.isEmpty() ? " after " + outcome.waited().toSeconds() + " s; see the log" : "").append('\n');
        failures.forEach(failure -> text.append(failure.message()).append('\n'));
        text.append("It stays in ").append(plan.folder().orElseThrow().path()).append("; remove it with: uninstall ")
                .append(report.symbolicName()).append('\n');
        return new Outcome(ExitCodes.FAILED, text.toString());
    }

    /**
     * A jar as {@link #install}; a p2 repository (folder or {@code .zip}) as {@link #installRepository}.
     */
    public Outcome installFile(Path file, boolean force) throws InterruptedException {
        return WorkerBundles.isRepository(file) ? installRepository(file, force) : install(file, force);
    }

    /**
     * Installs each worker bundle of a p2 repository folder or zip through {@link #install}, one after the other;
     * one whose symbolic name and version the product already has from outside the watched folders (its
     * {@code bundle/}) is skipped. Exit {@link ExitCodes#OK} when every other one started (or none was left to
     * install), {@link ExitCodes#FAILED} when one was copied but did not start, else {@link ExitCodes#USAGE}
     * when one was refused, or the file is no repository or holds no worker bundle.
     */
    Outcome installRepository(Path repository, boolean force) throws InterruptedException {
        try (WorkerRepository found = bundles.readRepository(repository)) {
            StringBuilder text = new StringBuilder();
            found.problems().forEach(p -> text.append(WorkerBundleText.problem(p)));
            if (found.workers().isEmpty() || found.problems().stream().anyMatch(BundleProblem::isError)) {
                return new Outcome(ExitCodes.USAGE, text.append("Nothing installed.\n").toString());
            }
            text.append("Repository ").append(found.repository()).append(": ").append(found.workers().size())
                    .append(found.workers().size() == 1 ? " worker bundle" : " worker bundles").append(", ")
                    .append(found.skipped().size()).append(" other bundles skipped\n");
            int exitCode = ExitCodes.OK;
            int installed = 0;
            for (WorkerBundleReport worker : found.workers()) {
                Optional<InstalledWorker> shipped = shipped(worker);
                if (shipped.isPresent()) {
                    text.append("Skipped ").append(worker.symbolicName()).append(' ').append(worker.bundleVersion())
                            .append(": already part of the product (").append(shipped.get().location()).append(")\n");
                    continue;
                }
                Outcome outcome = install(worker.file(), force);
                text.append(outcome.text());
                if (outcome.exitCode() == ExitCodes.OK) {
                    installed++;
                } else if (exitCode != ExitCodes.FAILED) {
                    exitCode = outcome.exitCode();
                }
            }
            if (installed == 0 && exitCode == ExitCodes.OK) {
                text.append("Nothing to install: the product has every worker bundle of ").append(found.repository().getFileName())
                        .append(".\n");
            } else {
                text.append("Installed ").append(installed).append(" of ").append(found.workers().size()).append(".\n");
            }
            return new Outcome(exitCode, text.toString());
        }
    }

    /** The same bundle, installed from elsewhere than the watched folders. */
    private Optional<InstalledWorker> shipped(WorkerBundleReport worker) {
        String version = worker.bundleVersion();
        return bundles.installed().stream()
                .filter(w -> w.symbolicName().equals(worker.symbolicName()) && w.version().equals(version))
                .filter(w -> bundles.folderOf(w).isEmpty())
                .findFirst();
    }

    /**
     * Deletes the drop-in with this symbolic name and waits for its bundle to go. Active runs of its providers
     * refuse the uninstall ({@link ExitCodes#USAGE}) unless {@code force}, which ends them first.
     */
    public Outcome uninstall(String symbolicName, boolean force) throws InterruptedException, IOException {
        PlannedChange plan = changes.planUninstall(symbolicName);
        if (plan.refused()) {
            PlannedChange.Refusal refusal = plan.refusal().orElseThrow();
            return switch (refusal.reason()) {
                case NOT_A_DROPIN -> new Outcome(ExitCodes.USAGE, refusal.message() + ".\n" + dropinListing());
                default -> new Outcome(ExitCodes.FAILED, refusal.message() + ".\n");
            };
        }
        if (plan.endsRuns() && !force) {
            return new Outcome(ExitCodes.USAGE, runsRefusal(plan));
        }
        ChangeOutcome outcome = perform(plan, force);
        StringBuilder text = new StringBuilder();
        endedRuns(outcome, text);
        Optional<Outcome> unchanged = unchanged(outcome, text);
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        text.append("Removed ").append(outcome.file().orElseThrow())
                .append("; a running Parallel Workbench uninstalls it within about 2 s.\n");
        if (!outcome.done()) {
            return new Outcome(ExitCodes.FAILED, text.append(plan.label()).append(" is still installed after ")
                    .append(outcome.waited().toSeconds()).append(" s").append('\n').toString());
        }
        List<String> gone = plan.providerIds();
        text.append("Uninstalled ").append(plan.label())
                .append(gone.isEmpty() ? "" : "; gone: provider" + (gone.size() == 1 ? " " : "s ") + String.join(", ", gone))
                .append('\n');
        return new Outcome(ExitCodes.OK, text.toString());
    }

    /** The command's answer when the file did not change: refused (runs started meanwhile), or it could not be written. */
    private static Optional<Outcome> unchanged(ChangeOutcome outcome, StringBuilder text) {
        return switch (outcome.result()) {
            case REFUSED -> Optional.of(new Outcome(ExitCodes.USAGE, text.append(outcome.detail()).append('\n').toString()));
            case FILE_ERROR -> Optional.of(new Outcome(ExitCodes.FAILED, text.append(outcome.detail()).append('\n').toString()));
            default -> Optional.empty();
        };
    }

    private ChangeOutcome perform(PlannedChange plan, boolean force) throws InterruptedException {
        try {
            return changes.perform(plan, force).toCompletableFuture().get(OUTER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return ChangeOutcome.unchanged(plan, ChangeOutcome.Result.FILE_ERROR, "It did not finish: " + e);
        }
    }

    /** "Worker bundle x 1.0.0 has 1 active run: ...\nNothing uninstalled; stop it first, or use --force ...". */
    private static String runsRefusal(PlannedChange plan) {
        List<ActiveRun> runs = plan.activeRuns();
        String them = runs.size() == 1 ? "it" : "them";
        return "Worker bundle " + plan.label() + " has " + runs.size() + " active run" + (runs.size() == 1 ? "" : "s") + ": "
                + String.join(", ", runs.stream().map(ActiveRun::describe).toList()) + "\nNothing "
                + plan.kind().participle() + "; stop " + them + " first, or use " + WorkerArguments.FORCE + " to cancel " + them
                + ".\n";
    }

    private static void endedRuns(ChangeOutcome outcome, StringBuilder text) {
        String reason = outcome.change().cancelReason();
        for (ChangeOutcome.EndedRun ended : outcome.endedRuns()) {
            ActiveRun run = ended.run();
            if (!run.inThisProcess()) {
                text.append("Run ").append(run.runId()).append(" (").append(run.providerId())
                        .append(") in another Parallel Workbench process is cancelled there as its provider goes\n");
            } else if (ended.ended()) {
                text.append("Cancelled run ").append(run.runId()).append(" (").append(run.providerId()).append("): ").append(reason)
                        .append('\n');
            } else {
                text.append("Run ").append(run.runId()).append(" (").append(run.providerId()).append(") was asked to stop: ")
                        .append(reason).append('\n');
            }
        }
    }

    /** The drop-ins there are, for a name that is none of them. */
    private String dropinListing() throws IOException {
        List<DropinFolder> folders = bundles.dropinFolders();
        List<String> installed = new ArrayList<>();
        for (DropinFolder folder : folders) {
            for (Path jar : folder.jars()) {
                WorkerBundleReport report = bundles.inspect(jar);
                installed.add("  " + (report.symbolicName().isEmpty() ? "(no bundle)" : report.symbolicName() + " "
                        + report.bundleVersion()) + "  " + (folders.size() == 1 ? jar.getFileName() : jar));
            }
        }
        return installed.isEmpty() ? "There are no worker drop-ins.\n" : "Worker drop-ins:\n" + String.join("\n", installed) + "\n";
    }

    private static String available(List<String> providerIds) {
        if (providerIds.isEmpty()) {
            return "it registers no provider";
        }
        return (providerIds.size() == 1 ? "provider " : "providers ") + String.join(", ", providerIds)
                + (providerIds.size() == 1 ? " is" : " are") + " available";
    }
}
