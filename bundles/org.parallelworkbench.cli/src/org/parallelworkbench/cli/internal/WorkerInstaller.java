package org.parallelworkbench.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.osgi.framework.Version;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.RepositoryWorkers;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundles;

/**
 * {@code install} and {@code uninstall} of worker bundles through the folders File Install watches (the product's
 * drop-in folder, and extra ones set in Preferences: an update or uninstall acts where the bundle is), for the
 * headless commands and the Gogo ones alike. File Install does the installing, in every framework that watches
 * the folder (a running product, and a headless command's own); this class copies or deletes the jar and then
 * waits, at most {@link #settleTimeout}, until the framework it runs in shows the result.
 * <p>
 * Replacing or deleting a drop-in whose providers have {@link ActiveRuns active runs} is refused unless forced;
 * forced, the runs end first with a reason naming the bundle.
 * <p>
 * Used by one thread per call; the waits poll {@link WorkerBundles#installed()} and end early on an error
 * line about the bundle (logged by the install bundle's diagnostics through {@link System.Logger}).
 */
final class WorkerInstaller {

    /** File Install's poll (0.5 s) twice for a new file, then install, resolve, start and SCR on a loaded machine. */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);
    /** For forced runs to report CANCELED before their bundle goes. */
    static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(5);
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    /** What the command says; {@code exitCode} is one of {@link ExitCodes}. */
    record Outcome(int exitCode, String text) {
    }

    private final WorkerBundles bundles;
    private final ActiveRuns activeRuns;
    private final Duration settleTimeout;

    WorkerInstaller(WorkerBundles bundles, ActiveRuns activeRuns, Duration settleTimeout) {
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.activeRuns = Objects.requireNonNull(activeRuns, "activeRuns");
        this.settleTimeout = settleTimeout;
    }

    /** The reason forced runs are cancelled with on uninstall. */
    static String uninstallReason(String symbolicName, String version) {
        return "Worker bundle " + symbolicName + " " + version + " is being uninstalled";
    }

    /** The reason forced runs are cancelled with on update. */
    static String updateReason(String symbolicName, String version, String newVersion) {
        return "Worker bundle " + symbolicName + " " + version + " is being updated to " + newVersion;
    }

    /**
     * Inspects the jar and, when it has no error, copies it into the drop-in folder and waits for it to start.
     * Exit {@link ExitCodes#USAGE} with every problem when it has errors (nothing copied), or when it would replace
     * a drop-in whose providers have active runs and is not {@code force}d; {@link ExitCodes#FAILED} when it was
     * copied but did not start here, else {@link ExitCodes#OK}.
     */
    Outcome install(Path jar, boolean force) throws InterruptedException {
        WorkerBundleReport report = bundles.inspect(jar);
        StringBuilder text = new StringBuilder(WorkerBundleText.report(report));
        if (!report.installable()) {
            return new Outcome(ExitCodes.USAGE, text.append("Nothing installed.\n").toString());
        }
        Optional<Held> replaced;
        try {
            replaced = held(report.symbolicName());
        } catch (IOException e) {
            return new Outcome(ExitCodes.FAILED, text.append("Could not read the drop-in folders: ").append(e).append('\n')
                    .toString());
        }
        // An update stays in the folder that holds the old version, so that File Install updates that bundle.
        Optional<DropinFolder> folder = replaced.map(Held::folder).or(bundles::dropins);
        if (folder.isEmpty()) {
            return new Outcome(ExitCodes.FAILED, text.append("This product has no drop-in folder (")
                    .append(WorkerBundles.DROPINS_PROPERTY).append("); nothing installed.\n").toString());
        }
        String version = normalized(report.version());
        String label = report.symbolicName() + " " + version;
        if (replaced.isPresent()) {
            Dropin old = dropin(replaced.get().jar(), report.symbolicName());
            String refusal = endRuns(old, force, "updated", updateReason(report.symbolicName(), old.version(), version), text);
            if (refusal != null) {
                return new Outcome(ExitCodes.USAGE, text.append(refusal).toString());
            }
        }
        try (ErrorLines errors = ErrorLines.about(label)) {
            Path target;
            try {
                target = folder.get().install(report);
            } catch (IOException e) {
                return new Outcome(ExitCodes.FAILED, text.append("Could not copy it into ").append(folder.get().path())
                        .append(": ").append(e).append('\n').toString());
            }
            text.append("Installed as ").append(target).append("; a running Parallel Workbench picks it up within about 2 s.\n");
            InstalledWorker worker = null;
            long giveUp = System.nanoTime() + settleTimeout.toNanos();
            while (System.nanoTime() - giveUp < 0) {
                worker = find(target, version);
                if (worker != null && worker.state().equals("ACTIVE")
                        && worker.providerIds().size() >= report.providers().size()) {
                    return new Outcome(ExitCodes.OK, text.append("Started ").append(label).append(": ")
                            .append(available(worker.providerIds())).append('\n').toString());
                }
                if (!errors.lines().isEmpty()) {
                    break;
                }
                Thread.sleep(POLL_INTERVAL.toMillis()); // polls a real condition, bounded above
            }
            text.append(label).append(" did not start: ").append(worker == null ? "File Install did not install it" : "it is " + worker.state())
                    .append(errors.lines().isEmpty() ? " after " + settleTimeout.toSeconds() + " s; see the log" : "")
                    .append('\n');
            errors.lines().forEach(line -> text.append(line).append('\n'));
            text.append("It stays in ").append(folder.get().path()).append("; remove it with: uninstall ")
                    .append(report.symbolicName()).append('\n');
            return new Outcome(ExitCodes.FAILED, text.toString());
        }
    }

    /**
     * A jar as {@link #install}; a p2 repository (folder or {@code .zip}) as {@link #installRepository}.
     */
    Outcome installFile(Path file, boolean force) throws InterruptedException {
        return RepositoryWorkers.isRepository(file) ? installRepository(file, force) : install(file, force);
    }

    /**
     * Installs each worker bundle of a p2 repository folder or zip through {@link #install}, one after the other;
     * one whose symbolic name and version the product already has from outside the watched folders (its
     * {@code bundle/}) is skipped. Exit {@link ExitCodes#OK} when every other one started (or none was left to
     * install), {@link ExitCodes#FAILED} when one was copied but did not start, else {@link ExitCodes#USAGE}
     * when one was refused, or the file is no repository or holds no worker bundle.
     */
    Outcome installRepository(Path repository, boolean force) throws InterruptedException {
        try (RepositoryWorkers found = RepositoryWorkers.read(repository, bundles::inspect)) {
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
                    text.append("Skipped ").append(worker.symbolicName()).append(' ').append(normalized(worker.version()))
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
        String version = normalized(worker.version());
        return bundles.installed().stream()
                .filter(w -> w.symbolicName().equals(worker.symbolicName()) && normalized(w.version()).equals(version))
                .filter(w -> bundles.folderOf(w).isEmpty())
                .findFirst();
    }

    /**
     * Deletes the drop-in with this symbolic name and waits for its bundle to go. Active runs of its providers
     * refuse the uninstall ({@link ExitCodes#USAGE}) unless {@code force}, which ends them first with
     * {@link #uninstallReason}.
     */
    Outcome uninstall(String symbolicName, boolean force) throws InterruptedException, IOException {
        List<DropinFolder> folders = bundles.dropinFolders();
        if (folders.isEmpty()) {
            return new Outcome(ExitCodes.FAILED, "This product has no drop-in folder (" + WorkerBundles.DROPINS_PROPERTY + ").\n");
        }
        Optional<Held> found = held(symbolicName);
        if (found.isEmpty()) {
            return new Outcome(ExitCodes.USAGE, notADropin(symbolicName, folders));
        }
        DropinFolder folder = found.get().folder();
        Dropin dropin = dropin(found.get().jar(), symbolicName);
        String label = symbolicName + " " + dropin.version();
        StringBuilder text = new StringBuilder();
        String refusal = endRuns(dropin, force, "uninstalled", uninstallReason(symbolicName, dropin.version()), text);
        if (refusal != null) {
            return new Outcome(ExitCodes.USAGE, refusal);
        }
        folder.uninstall(symbolicName);
        text.append("Removed ").append(dropin.jar()).append("; a running Parallel Workbench uninstalls it within about 2 s.\n");
        long giveUp = System.nanoTime() + settleTimeout.toNanos();
        while (bundles.installed().stream().anyMatch(w -> dropin.jar().equals(DropinFolders.fileOf(w.location())))) {
            if (System.nanoTime() - giveUp > 0) {
                return new Outcome(ExitCodes.FAILED, text.append(label).append(" is still installed after ")
                        .append(settleTimeout.toSeconds()).append(" s").append('\n').toString());
            }
            Thread.sleep(POLL_INTERVAL.toMillis()); // polls a real condition, bounded above
        }
        text.append("Uninstalled ").append(label)
                .append(dropin.providerIds().isEmpty() ? "" : "; gone: provider" + (dropin.providerIds().size() == 1 ? " " : "s ")
                        + String.join(", ", dropin.providerIds()))
                .append('\n');
        return new Outcome(ExitCodes.OK, text.toString());
    }

    /** The jar of a drop-in and the watched folder it is in. */
    private record Held(DropinFolder folder, Path jar) {
    }

    /** The drop-in with this symbolic name, in the first watched folder that has one (product folder first). */
    private Optional<Held> held(String symbolicName) throws IOException {
        for (DropinFolder folder : bundles.dropinFolders()) {
            Optional<Path> jar = folder.find(symbolicName);
            if (jar.isPresent()) {
                return Optional.of(new Held(folder, jar.get()));
            }
        }
        return Optional.empty();
    }

    /** A drop-in jar as this framework installed it: its version and the providers it registers. */
    private record Dropin(Path jar, String symbolicName, String version, List<String> providerIds) {
    }

    private Dropin dropin(Path file, String symbolicName) {
        Path jar = file.toAbsolutePath().normalize();
        List<InstalledWorker> fromJar = bundles.installed().stream().filter(w -> jar.equals(DropinFolders.fileOf(w.location())))
                .toList();
        String version = fromJar.isEmpty() ? normalized(bundles.inspect(jar).version()) : fromJar.get(0).version();
        List<String> providerIds = fromJar.stream().flatMap(w -> w.providerIds().stream()).distinct().sorted().toList();
        return new Dropin(jar, symbolicName, version, providerIds);
    }

    /**
     * The refusal when the drop-in's providers have active runs and the change is not forced; else null, after
     * ending those runs with {@code reason} (forced) and saying so in {@code text}.
     *
     * @param change "updated" or "uninstalled"
     */
    private String endRuns(Dropin dropin, boolean force, String change, String reason, StringBuilder text)
            throws InterruptedException {
        List<String> runs = activeRuns.of(dropin.providerIds());
        if (runs.isEmpty()) {
            return null;
        }
        if (!force) {
            String them = runs.size() == 1 ? "it" : "them";
            return "Worker bundle " + dropin.symbolicName() + " " + dropin.version() + " has " + runs.size() + " active run"
                    + (runs.size() == 1 ? "" : "s") + ": " + String.join(", ", runs) + "\nNothing "
                    + change + "; stop " + them + " first, or use " + WorkerArguments.FORCE + " to cancel " + them + ".\n";
        }
        activeRuns.end(dropin.providerIds(), reason, text);
        return null;
    }

    private String notADropin(String symbolicName, List<DropinFolder> folders) throws IOException {
        StringBuilder text = new StringBuilder();
        String where = String.join(" or ", folders.stream().map(f -> f.path().toString()).toList());
        Optional<InstalledWorker> other = bundles.installed().stream().filter(w -> symbolicName.equals(w.symbolicName())).findFirst();
        if (other.isPresent()) {
            text.append(symbolicName).append(' ').append(other.get().version()).append(" was not installed from ")
                    .append(where).append(" (it comes from ").append(other.get().location())
                    .append("); only drop-ins can be uninstalled.\n");
        } else {
            text.append("No worker bundle ").append(symbolicName).append(" in ").append(where).append(".\n");
        }
        List<String> installed = new ArrayList<>();
        for (DropinFolder folder : folders) {
            for (Path jar : folder.jars()) {
                WorkerBundleReport report = bundles.inspect(jar);
                installed.add("  " + (report.symbolicName().isEmpty() ? "(no bundle)" : report.symbolicName() + " "
                        + normalized(report.version())) + "  " + (folders.size() == 1 ? jar.getFileName() : jar));
            }
        }
        text.append(installed.isEmpty() ? "There are no worker drop-ins.\n" : "Worker drop-ins:\n" + String.join("\n", installed) + "\n");
        return text.toString();
    }

    private InstalledWorker find(Path target, String version) {
        return bundles.installed().stream()
                .filter(w -> target.equals(DropinFolders.fileOf(w.location())) && version.equals(normalized(w.version())))
                .findFirst().orElse(null);
    }

    private static String available(List<String> providerIds) {
        if (providerIds.isEmpty()) {
            return "it registers no provider";
        }
        return (providerIds.size() == 1 ? "provider " : "providers ") + String.join(", ", providerIds)
                + (providerIds.size() == 1 ? " is" : " are") + " available";
    }

    /** As the framework shows it: "1.0" is 1.0.0; an unparsable version is kept as written. */
    static String normalized(String version) {
        try {
            return Version.parseVersion(version).toString();
        } catch (IllegalArgumentException e) {
            return version;
        }
    }

    /**
     * Errors logged while it is open that name the bundle, e.g. the install bundle's "Worker bundle x
     * 1.0.0 (x.jar) failed to start: ...". Logged through {@link System.Logger}, they arrive at the root
     * java.util.logging logger, as for the window's Log view.
     */
    private static final class ErrorLines extends Handler implements AutoCloseable {

        private final String label;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Logger root = Logger.getLogger("");

        private ErrorLines(String label) {
            this.label = label;
        }

        static ErrorLines about(String label) {
            ErrorLines capture = new ErrorLines(label);
            capture.root.addHandler(capture);
            return capture;
        }

        List<String> lines() {
            return lines;
        }

        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (record.getLevel().intValue() >= Level.SEVERE.intValue() && message != null && message.contains(label)) {
                lines.add(message);
            }
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            root.removeHandler(this);
        }
    }
}
