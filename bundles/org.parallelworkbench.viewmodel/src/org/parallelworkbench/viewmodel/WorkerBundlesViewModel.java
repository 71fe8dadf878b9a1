package org.parallelworkbench.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.list.IObservableList;
import org.eclipse.core.databinding.observable.list.WritableList;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.RepositoryWorkers;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundles;

/**
 * The Bundles view: the worker bundles installed in the running product, the selected one, and its
 * Update and Uninstall; also File &gt; Install Worker Bundle through {@link #inspect(Path)}. Only bundles
 * from a folder File Install watches (the product's drop-in folder or an extra one) can be changed here:
 * files are copied or deleted in the folder holding the bundle's jar on the file executor, never on the
 * Realm's thread, and File Install does the rest. When runs of a bundle's providers are active, a change
 * asks first and, once confirmed, cancels them with a reason naming the bundle, waits (bounded) for them to
 * end, then changes the file. Lives in one Realm; commands must be called inside it,
 * {@link #requestRefresh()} from any thread.
 */
public final class WorkerBundlesViewModel {

    static final String SELECT_A_BUNDLE = "Select a worker bundle";
    /** Short enough to show beside the buttons. */
    static final String SHIPPED = "Ships with the product, not from a drop-in folder: only drop-ins can be updated or uninstalled here";
    /** How long a change waits for the runs it cancelled to end before it goes ahead anyway. */
    static final long CANCELED_RUNS_WAIT_MILLIS = 5_000;

    private final Realm realm;
    private final WorkerBundles bundles;
    private final JobService jobs;
    private final RunHistory history;
    private final Executor files;
    private final Consumer<String> status;
    private final WritableList<WorkerBundleRow> rows;
    private final WritableValue<WorkerBundleRow> selection;
    private final IObservableValue<String> changeRefusal;
    private final IObservableValue<Boolean> canChange;
    private final IObservableValue<String> hint;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    /** Copied into the drop-in folder, not yet seen active: symbolic name to version. */
    private final Map<String, String> awaitedInstalls = new HashMap<>();

    /** Without a run journal: only this process's runs are seen. */
    public WorkerBundlesViewModel(Realm realm, WorkerBundles bundles, JobService jobs, Executor files, Consumer<String> status) {
        this(realm, bundles, jobs, List::of, files, status);
    }

    /**
     * @param history the run journal, whose active runs that are not this process's run in the other product
     *                processes (a console, a headless run); read on the file executor
     * @param files   where drop-in files are copied and deleted; never the Realm's thread
     * @param status  called in the Realm with what happened, for the status line
     */
    public WorkerBundlesViewModel(Realm realm, WorkerBundles bundles, JobService jobs, RunHistory history, Executor files,
            Consumer<String> status) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.history = Objects.requireNonNull(history, "history");
        this.files = Objects.requireNonNull(files, "files");
        this.status = Objects.requireNonNull(status, "status");
        rows = new WritableList<>(realm);
        selection = new WritableValue<>(realm, null, WorkerBundleRow.class);
        changeRefusal = Observables.computed(realm, () -> refusalFor(selection.getValue()));
        canChange = Observables.computed(realm, () -> changeRefusal.getValue().isEmpty());
        hint = Observables.computed(realm, () -> selection.getValue() == null ? "" : changeRefusal.getValue());
        refresh();
    }

    /** Installed worker bundles by symbolic name. */
    public IObservableList<WorkerBundleRow> rows() {
        return rows;
    }

    public IObservableValue<WorkerBundleRow> selection() {
        return selection;
    }

    /** Why Update and Uninstall cannot act on the selection; empty when they can. */
    public IObservableValue<String> changeRefusal() {
        return changeRefusal;
    }

    /** What the view says next to Update and Uninstall: why they cannot act on the selected bundle; empty otherwise. */
    public IObservableValue<String> hint() {
        return hint;
    }

    public IObservableValue<Boolean> canChange() {
        return canChange;
    }

    /** The product has a drop-in folder to install into. */
    public boolean canInstall() {
        return bundles.dropins().isPresent();
    }

    /** Reads the installed worker bundles again, keeping the selection if its bundle is still there. */
    public void refresh() {
        checkRealm();
        Optional<DropinFolder> dropins = bundles.dropins();
        // Once per refresh: the extra folders are read from Config Admin.
        List<DropinFolder> folders = bundles.dropinFolders();
        List<WorkerBundleRow> now = bundles.installed().stream()
                .map(worker -> row(worker, dropins, folders))
                .sorted(Comparator.comparing(WorkerBundleRow::symbolicName).thenComparing(row -> row.worker().bundleId()))
                .toList();
        if (!now.equals(rows)) {
            WorkerBundleRow selected = selection.getValue();
            rows.clear();
            rows.addAll(now);
            selection.setValue(selected == null ? null : now.stream()
                    .filter(row -> row.worker().bundleId() == selected.worker().bundleId()).findFirst().orElse(null));
        }
        reportAwaitedInstalls(now);
    }

    private static WorkerBundleRow row(InstalledWorker worker, Optional<DropinFolder> dropins, List<DropinFolder> folders) {
        Optional<DropinFolder> folder = folders.stream().filter(candidate -> candidate.holds(worker.location())).findFirst();
        return new WorkerBundleRow(worker, folder.isPresent() && folder.equals(dropins), folder);
    }

    /** Bundles or providers changed: one refresh is queued in the Realm however many arrive meanwhile. Any thread. */
    public void requestRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            realm.asyncExec(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    /**
     * Reads a jar for File > Install Worker Bundle on the file executor, its report arriving in the Realm; nothing is
     * installed until its {@code install()}.
     */
    public InstallBundleViewModel inspect(Path jar) {
        checkRealm();
        Map<String, String> installedVersions = rows.stream()
                .collect(Collectors.toMap(WorkerBundleRow::symbolicName, WorkerBundleRow::version, (first, other) -> first));
        InstallBundleViewModel install = new InstallBundleViewModel(realm, jar, installedVersions, bundles.dropins(), files,
                status, this::awaitInstall);
        install.read(bundles::inspect);
        return install;
    }

    /**
     * Reads a p2 repository folder or zip for File > Install Worker Bundle on the file executor (a zip's jars are
     * extracted to a temporary folder); nothing is installed until its {@code install()}, and its {@code close()}
     * deletes what was extracted, also when the read ends after it.
     */
    public InstallRepositoryViewModel inspectRepository(Path repository) {
        checkRealm();
        Set<String> shipped = rows.stream().filter(row -> !row.dropin())
                .map(row -> row.symbolicName() + " " + row.version()).collect(Collectors.toSet());
        InstallRepositoryViewModel install = new InstallRepositoryViewModel(realm, repository, shipped, bundles.dropins(),
                files, status, this::awaitInstall);
        install.read(file -> RepositoryWorkers.read(file, bundles::inspect));
        return install;
    }

    private void awaitInstall(WorkerBundleReport copied) {
        awaitedInstalls.put(copied.symbolicName(), copied.version());
    }

    /**
     * Checks uninstalling the selected bundle, the run journal read on the file executor: {@code answer} gets, in
     * the Realm, a request refused, asking about the bundle's active runs, or ready. A refusal comes at once.
     */
    public void requestUninstall(Consumer<BundleChangeRequest> answer) {
        checkRealm();
        WorkerBundleRow target = selection.getValue();
        String refusal = refusalFor(target);
        if (!refusal.isEmpty()) {
            answer.accept(BundleChangeRequest.refused(BundleChangeRequest.Kind.UNINSTALL, target, refusal));
            return;
        }
        files.execute(() -> {
            List<RunRecord> journal = journal();
            realm.asyncExec(() -> answer.accept(request(BundleChangeRequest.Kind.UNINSTALL, target, null, journal)));
        });
    }

    /** The journal's records; none when it cannot be read (its own log says why). */
    private List<RunRecord> journal() {
        try {
            return history.records();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Checks replacing the selected bundle with the jar, read on the file executor: {@code answer} gets, in the
     * Realm, a request refused when the jar has an error or is another bundle, asking about the bundle's
     * active runs, or ready. A refusal that needs no reading (nothing selected, not a drop-in) comes at once.
     */
    public void requestUpdate(Path jar, Consumer<BundleChangeRequest> answer) {
        checkRealm();
        BundleChangeRequest.Kind kind = BundleChangeRequest.Kind.UPDATE;
        WorkerBundleRow target = selection.getValue();
        String refusal = refusalFor(target);
        if (!refusal.isEmpty()) {
            answer.accept(BundleChangeRequest.refused(kind, target, refusal));
            return;
        }
        status.accept("Reading " + jar.getFileName() + "\u2026");
        files.execute(() -> {
            WorkerBundleReport report;
            try {
                report = bundles.inspect(jar);
            } catch (RuntimeException e) {
                String why = "Cannot update from " + jar.getFileName() + ": " + e;
                realm.asyncExec(() -> answer.accept(BundleChangeRequest.refused(kind, target, why)));
                return;
            }
            List<RunRecord> journal = journal();
            realm.asyncExec(() -> answer.accept(updateRequest(target, jar, report, journal)));
        });
    }

    private BundleChangeRequest updateRequest(WorkerBundleRow target, Path jar, WorkerBundleReport report,
            List<RunRecord> journal) {
        BundleChangeRequest.Kind kind = BundleChangeRequest.Kind.UPDATE;
        List<String> errors = report.problems().stream().filter(BundleProblem::isError).map(BundleProblem::message).toList();
        if (!errors.isEmpty()) {
            return BundleChangeRequest.refused(kind, target, "Cannot update from " + jar.getFileName() + ": " + String.join("; ", errors));
        }
        if (!report.symbolicName().equals(target.symbolicName())) {
            return BundleChangeRequest.refused(kind, target, jar.getFileName() + " is " + report.symbolicName() + ", not "
                    + target.symbolicName() + "; choose a jar of the selected bundle");
        }
        return request(kind, target, report, journal);
    }

    private BundleChangeRequest request(BundleChangeRequest.Kind kind, WorkerBundleRow target, WorkerBundleReport replacement,
            List<RunRecord> journal) {
        List<RunHandle> active = activeRunsOf(target);
        List<RunRecord> elsewhere = elsewhere(target, journal);
        return new BundleChangeRequest(kind, target, replacement, active, elsewhere, "",
                active.isEmpty() && elsewhere.isEmpty() ? "" : question(kind, active, elsewhere));
    }

    /** Active runs of the bundle's providers in the journal that are not this process's (run ids name their engine). */
    private List<RunRecord> elsewhere(WorkerBundleRow target, List<RunRecord> journal) {
        Set<String> own = jobs.activeRuns().stream().map(RunHandle::id).collect(Collectors.toSet());
        List<String> providerIds = target.worker().providerIds();
        return journal.stream().filter(r -> r.status() == RunRecord.Status.ACTIVE && providerIds.contains(r.providerId())
                && !own.contains(r.runId())).toList();
    }

    /**
     * "2 runs of Primes are active. Cancel them and uninstall, or keep the bundle?"; runs of other processes are
     * counted too and said to be there: "... are active, 1 of them in another Parallel Workbench process. ...".
     */
    String question(BundleChangeRequest.Kind kind, List<RunHandle> active, List<RunRecord> elsewhere) {
        LinkedHashSet<String> providers = new LinkedHashSet<>();
        active.forEach(run -> providers.add(run.provider().name()));
        elsewhere.forEach(run -> providers.add(providerName(run.providerId())));
        int count = active.size() + elsewhere.size();
        String runs = count == 1 ? "1 run of " + String.join(" and ", providers) + " is active"
                : count + " runs of " + String.join(" and ", providers) + " are active";
        String where = elsewhere.isEmpty() ? ""
                : count == 1 ? " in another Parallel Workbench process"
                        : ", " + elsewhere.size() + " of them in another Parallel Workbench process";
        return runs + where + ". Cancel " + (count == 1 ? "it" : "them") + " and " + kind.verb() + ", or keep the bundle?";
    }

    private String providerName(String providerId) {
        return jobs.providers().stream().filter(p -> p.id().equals(providerId)).map(ProviderInfo::name).findFirst()
                .orElse(providerId);
    }

    /**
     * Does what the request asks, the user having confirmed any question: cancels the runs of the bundle's
     * providers active now, with a reason naming the bundle, then copies or deletes the file in the folder
     * holding the bundle's jar off the Realm's thread once they ended (other processes cancel theirs as the
     * provider goes). A refused request only shows its refusal.
     */
    public void perform(BundleChangeRequest request) {
        checkRealm();
        if (request.refused()) {
            status.accept(request.refusal());
            return;
        }
        WorkerBundleRow target = request.target();
        String label = target.symbolicName() + " " + target.version();
        String reason = "Worker bundle " + label + " is being " + request.kind().participle();
        List<CompletableFuture<?>> ending = new ArrayList<>();
        for (RunHandle run : activeRunsOf(target)) {
            run.cancel(reason);
            ending.add(run.outcome().toCompletableFuture());
        }
        DropinFolder folder = target.folder().orElseThrow();
        status.accept((request.kind() == BundleChangeRequest.Kind.UNINSTALL ? "Uninstalling " : "Updating ") + "worker bundle "
                + label + "\u2026");
        files.execute(() -> {
            awaitEnd(ending);
            String outcome = change(request, folder, label);
            realm.asyncExec(() -> status.accept(outcome));
        });
    }

    private static void awaitEnd(List<CompletableFuture<?>> ending) {
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new)).get(CANCELED_RUNS_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a run that does not end in time ends when its provider goes
        }
    }

    private static String change(BundleChangeRequest request, DropinFolder folder, String label) {
        try {
            if (request.kind() == BundleChangeRequest.Kind.UNINSTALL) {
                Optional<Path> deleted = folder.uninstall(request.target().symbolicName());
                return deleted.isPresent() ? "Deleted " + deleted.get() + "; worker bundle " + label + " is uninstalled within about 2 s"
                        : "Worker bundle " + label + " has no file in " + folder.path() + " any more";
            }
            WorkerBundleReport replacement = request.replacement();
            Path target = folder.install(replacement);
            return "Replaced worker bundle " + label + " with version " + replacement.version() + " in " + target
                    + "; it is updated within about 2 s";
        } catch (IOException | RuntimeException e) {
            return "Could not " + request.kind().verb() + " worker bundle " + label + ": " + e.getMessage();
        }
    }

    private List<RunHandle> activeRunsOf(WorkerBundleRow target) {
        List<String> providerIds = target.worker().providerIds();
        return jobs.activeRuns().stream().filter(run -> providerIds.contains(run.provider().id())).toList();
    }

    private String refusalFor(WorkerBundleRow row) {
        if (row == null) {
            return SELECT_A_BUNDLE;
        }
        if (row.folder().isPresent()) {
            return "";
        }
        if (bundles.dropinFolders().isEmpty()) {
            return "This product has no drop-in folder; its worker bundles cannot be changed from the window";
        }
        return SHIPPED;
    }

    private void reportAwaitedInstalls(List<WorkerBundleRow> now) {
        for (WorkerBundleRow row : now) {
            InstalledWorker worker = row.worker();
            if (worker.version().equals(awaitedInstalls.get(worker.symbolicName())) && "ACTIVE".equals(worker.state())
                    && !worker.providerIds().isEmpty()) {
                awaitedInstalls.remove(worker.symbolicName());
                status.accept("Installed worker bundle " + worker.symbolicName() + " " + worker.version() + ": "
                        + (worker.providerIds().size() == 1 ? "provider " : "providers ") + String.join(", ", worker.providerIds()));
            }
        }
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("WorkerBundlesViewModel must be used inside its Realm");
        }
    }
}
