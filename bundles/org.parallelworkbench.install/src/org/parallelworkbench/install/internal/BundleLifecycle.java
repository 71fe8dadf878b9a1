package org.parallelworkbench.install.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.osgi.framework.Version;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.install.ActiveRun;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.ChangeOutcome;
import org.parallelworkbench.install.ChangeOutcome.EndedRun;
import org.parallelworkbench.install.ChangeOutcome.Result;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.PlannedChange;
import org.parallelworkbench.install.PlannedChange.Kind;
import org.parallelworkbench.install.PlannedChange.Refusal;
import org.parallelworkbench.install.PlannedChange.Refusal.Reason;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundles;

/**
 * {@link WorkerBundleChanges} over a {@link WorkerBundles}: plans read the watched folders and the active runs;
 * {@link #perform} ends runs, changes the jar and waits for the framework on the given executor.
 * <p>
 * The wait polls {@link WorkerBundles#installed()}: File Install itself polls its folders (every 0.5 s), and
 * neither it nor the framework says when a file it picked up ended as a started bundle.
 */
public final class BundleLifecycle implements WorkerBundleChanges {

    /** For forced runs to report CANCELED before their bundle goes. */
    static final long CANCEL_TIMEOUT_MILLIS = 5_000;
    static final long POLL_MILLIS = 100;

    private final WorkerBundles bundles;
    private final ProviderRuns runs;
    private final Executor executor;
    private final Duration settleTimeout;

    public BundleLifecycle(WorkerBundles bundles, Supplier<JobService> jobs, Supplier<RunHistory> journal, Executor executor,
            Duration settleTimeout) {
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.runs = new ProviderRuns(Objects.requireNonNull(jobs, "jobs"), Objects.requireNonNull(journal, "journal"));
        this.executor = Objects.requireNonNull(executor, "executor");
        this.settleTimeout = Objects.requireNonNull(settleTimeout, "settleTimeout");
    }

    @Override
    public PlannedChange planInstall(WorkerBundleReport jar) {
        if (!jar.installable()) {
            return PlannedChange.refused(Kind.INSTALL, jar.symbolicName(), jar.bundleVersion(), jar, Reason.NOT_INSTALLABLE,
                    errors(jar));
        }
        Optional<Held> held;
        try {
            held = held(jar.symbolicName());
        } catch (IOException e) {
            return PlannedChange.refused(Kind.INSTALL, jar.symbolicName(), jar.bundleVersion(), jar, Reason.UNREADABLE_FOLDER,
                    "Could not read the drop-in folders: " + e);
        }
        if (held.isPresent()) {
            // An update stays in the folder that holds the old version, so that File Install updates that bundle.
            Dropin old = dropin(held.get().jar());
            return new PlannedChange(Kind.UPDATE, jar.symbolicName(), old.version(), jar, Optional.of(held.get().folder()),
                    Optional.of(held.get().jar()), old.providerIds(), runs.of(old.providerIds()), Optional.empty());
        }
        Optional<DropinFolder> folder = bundles.dropins();
        if (folder.isEmpty()) {
            return PlannedChange.refused(Kind.INSTALL, jar.symbolicName(), jar.bundleVersion(), jar, Reason.NO_DROPIN_FOLDER,
                    noDropinFolder());
        }
        return new PlannedChange(Kind.INSTALL, jar.symbolicName(), jar.bundleVersion(), jar, folder, Optional.empty(), List.of(),
                List.of(), Optional.empty());
    }

    @Override
    public PlannedChange planUpdate(InstalledWorker worker, WorkerBundleReport jar) {
        Optional<DropinFolder> folder = bundles.folderOf(worker);
        if (folder.isEmpty()) {
            return PlannedChange.refused(Kind.UPDATE, worker.symbolicName(), worker.version(), jar, Reason.NOT_A_DROPIN,
                    notFromAFolder(worker));
        }
        if (!jar.installable()) {
            return PlannedChange.refused(Kind.UPDATE, worker.symbolicName(), worker.version(), jar, Reason.NOT_INSTALLABLE,
                    errors(jar));
        }
        if (!jar.symbolicName().equals(worker.symbolicName())) {
            return PlannedChange.refused(Kind.UPDATE, worker.symbolicName(), worker.version(), jar, Reason.OTHER_BUNDLE,
                    jar.file().getFileName() + " is " + jar.symbolicName() + ", not " + worker.symbolicName());
        }
        Optional<Path> old = DropinFolder.jarOf(worker.location());
        return new PlannedChange(Kind.UPDATE, worker.symbolicName(), worker.version(), jar, folder, old, worker.providerIds(),
                runs.of(worker.providerIds()), Optional.empty());
    }

    @Override
    public PlannedChange planUninstall(String symbolicName) {
        if (bundles.dropinFolders().isEmpty()) {
            return PlannedChange.refused(Kind.UNINSTALL, symbolicName, "", null, Reason.NO_DROPIN_FOLDER, noDropinFolder());
        }
        Optional<Held> held;
        try {
            held = held(symbolicName);
        } catch (IOException e) {
            return PlannedChange.refused(Kind.UNINSTALL, symbolicName, "", null, Reason.UNREADABLE_FOLDER,
                    "Could not read the drop-in folders: " + e);
        }
        if (held.isEmpty()) {
            return PlannedChange.refused(Kind.UNINSTALL, symbolicName, "", null, Reason.NOT_A_DROPIN, notADropin(symbolicName));
        }
        Dropin dropin = dropin(held.get().jar());
        return new PlannedChange(Kind.UNINSTALL, symbolicName, dropin.version(), null, Optional.of(held.get().folder()),
                Optional.of(held.get().jar()), dropin.providerIds(), runs.of(dropin.providerIds()), Optional.empty());
    }

    @Override
    public PlannedChange planUninstall(InstalledWorker worker) {
        Optional<DropinFolder> folder = bundles.folderOf(worker);
        if (folder.isEmpty()) {
            return PlannedChange.refused(Kind.UNINSTALL, worker.symbolicName(), worker.version(), null, Reason.NOT_A_DROPIN,
                    notFromAFolder(worker));
        }
        return new PlannedChange(Kind.UNINSTALL, worker.symbolicName(), worker.version(), null, folder,
                DropinFolder.jarOf(worker.location()), worker.providerIds(), runs.of(worker.providerIds()), Optional.empty());
    }

    private static String notFromAFolder(InstalledWorker worker) {
        return worker.label() + " was not installed from a drop-in folder (it comes from " + worker.location()
                + "); only drop-ins can be updated or uninstalled";
    }

    @Override
    public CompletionStage<ChangeOutcome> perform(PlannedChange change, boolean force) {
        CompletableFuture<ChangeOutcome> outcome = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    outcome.complete(performNow(change, force));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcome.complete(ChangeOutcome.unchanged(change, Result.REFUSED, "Interrupted before it was done"));
                } catch (RuntimeException e) {
                    outcome.complete(ChangeOutcome.unchanged(change, Result.FILE_ERROR, String.valueOf(e)));
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            outcome.complete(ChangeOutcome.unchanged(change, Result.REFUSED, "The product is shutting down"));
        }
        return outcome;
    }

    private ChangeOutcome performNow(PlannedChange change, boolean force) throws InterruptedException {
        if (change.refused()) {
            return ChangeOutcome.unchanged(change, Result.REFUSED, change.refusal().map(Refusal::message).orElse(""));
        }
        // Runs may have started or ended since the plan: what counts is now.
        List<EndedRun> ended = List.of();
        List<ActiveRun> active = runs.of(change.providerIds());
        if (!active.isEmpty()) {
            if (!force) {
                return ChangeOutcome.unchanged(change, Result.REFUSED, "runs of its providers are active");
            }
            ended = runs.end(change.providerIds(), active, change.cancelReason(), CANCEL_TIMEOUT_MILLIS);
        }
        DropinFolder folder = change.folder().orElseThrow();
        Path file;
        try {
            if (change.kind() == Kind.UNINSTALL) {
                Optional<Path> deleted = DropinFiles.delete(folder, change.symbolicName());
                if (deleted.isEmpty()) {
                    return new ChangeOutcome(change, Result.FILE_ERROR, Optional.empty(), Optional.empty(), ended,
                            change.label() + " has no file in " + folder.path() + " any more", Duration.ZERO);
                }
                file = deleted.get();
            } else {
                file = DropinFiles.copyInto(folder, change.replacement());
            }
        } catch (IOException | RuntimeException e) {
            return new ChangeOutcome(change, Result.FILE_ERROR, Optional.empty(), Optional.empty(), ended,
                    "Could not " + (change.kind() == Kind.UNINSTALL ? "delete it from " : "copy it into ") + folder.path()
                            + ": " + e,
                    Duration.ZERO);
        }
        return change.kind() == Kind.UNINSTALL ? awaitGone(change, file, ended) : awaitStarted(change, file, ended);
    }

    private ChangeOutcome awaitStarted(PlannedChange change, Path file, List<EndedRun> ended) throws InterruptedException {
        Settled<Optional<InstalledWorker>> seen = await(() -> installedFrom(file, change.newVersion()),
                worker -> worker.filter(w -> w.started() || !w.failures().isEmpty()).isPresent());
        boolean started = seen.last().filter(InstalledWorker::started).isPresent();
        return new ChangeOutcome(change, started ? Result.DONE : Result.NOT_SETTLED, Optional.of(file), seen.last(), ended,
                "", seen.waited());
    }

    private ChangeOutcome awaitGone(PlannedChange change, Path file, List<EndedRun> ended) throws InterruptedException {
        Settled<Optional<InstalledWorker>> seen = await(() -> installedFrom(file, null), Optional::isEmpty);
        return new ChangeOutcome(change, seen.last().isEmpty() ? Result.DONE : Result.NOT_SETTLED, Optional.of(file),
                Optional.empty(), ended, "", seen.waited());
    }

    /** What was seen last, and how long it took. */
    private record Settled<T>(T last, Duration waited) {
    }

    /** Looks until what it sees settles the change, or the settle timeout passed. */
    private <T> Settled<T> await(Supplier<T> look, Predicate<T> settles) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            T seen = look.get();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (settles.test(seen) || waited.compareTo(settleTimeout) >= 0) {
                return new Settled<>(seen, waited);
            }
            Thread.sleep(POLL_MILLIS); // polls a real condition, bounded above
        }
    }

    /** The worker installed from this jar, of this version when one is given. */
    private Optional<InstalledWorker> installedFrom(Path file, String version) {
        Path jar = file.toAbsolutePath().normalize();
        return bundles.installed().stream()
                .filter(w -> DropinFolder.jarOf(w.location()).filter(jar::equals).isPresent())
                .filter(w -> version == null || sameVersion(version, w.version()))
                .findFirst();
    }

    private static boolean sameVersion(String one, String other) {
        try {
            return Version.parseVersion(one).equals(Version.parseVersion(other));
        } catch (IllegalArgumentException unparsable) {
            return one.equals(other);
        }
    }

    /** The jar of a drop-in and the watched folder it is in. */
    private record Held(DropinFolder folder, Path jar) {
    }

    /** The drop-in with this symbolic name, in the first watched folder that has one (the product's first). */
    private Optional<Held> held(String symbolicName) throws IOException {
        for (DropinFolder folder : bundles.dropinFolders()) {
            Optional<Path> jar = folder.find(symbolicName);
            if (jar.isPresent()) {
                return Optional.of(new Held(folder, jar.get().toAbsolutePath().normalize()));
            }
        }
        return Optional.empty();
    }

    /** A drop-in jar as this framework installed it: its version and the providers it registers. */
    private record Dropin(String version, List<String> providerIds) {
    }

    private Dropin dropin(Path jar) {
        List<InstalledWorker> fromJar = bundles.installed().stream()
                .filter(w -> DropinFolder.jarOf(w.location()).filter(jar::equals).isPresent()).toList();
        String version = fromJar.isEmpty() ? bundles.inspect(jar).bundleVersion() : fromJar.get(0).version();
        List<String> providerIds = fromJar.stream().flatMap(w -> w.providerIds().stream()).distinct().sorted().toList();
        return new Dropin(version, providerIds);
    }

    /** "No worker bundle x in /a or /b", or where the bundle of that name comes from instead. */
    private String notADropin(String symbolicName) {
        String where = String.join(" or ", bundles.dropinFolders().stream().map(f -> f.path().toString()).toList());
        return bundles.installed().stream().filter(w -> symbolicName.equals(w.symbolicName())).findFirst()
                .map(other -> other.label() + " was not installed from " + where + " (it comes from " + other.location()
                        + "); only drop-ins can be uninstalled")
                .orElse("No worker bundle " + symbolicName + " in " + where);
    }

    private static String noDropinFolder() {
        return "This product has no drop-in folder (" + WorkerBundles.DROPINS_PROPERTY + ")";
    }

    private static String errors(WorkerBundleReport jar) {
        return String.join("; ", jar.problems().stream().filter(BundleProblem::isError).map(BundleProblem::message).toList());
    }
}
