package org.parallelworkbench.viewmodel;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.list.IObservableList;
import org.eclipse.core.databinding.observable.list.WritableList;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.PlannedChange;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.WorkerBundles;

/**
 * The Bundles view: the worker bundles installed in the running product, the selected one, and its
 * Update and Uninstall; also File &gt; Install Worker Bundle through {@link #inspect(Path)}. The install bundle's
 * {@link WorkerBundleChanges} plans and performs every change; this class asks the user what the plan needs asked
 * and says what happened. Plans read files and the run journal on the file executor, never on the Realm's thread.
 * Only bundles from a folder File Install watches (the product's drop-in folder or an extra one) can be changed here.
 * Lives in one Realm; commands must be called inside it, {@link #requestRefresh()} from any thread.
 */
public final class WorkerBundlesViewModel {

    static final String SELECT_A_BUNDLE = "Select a worker bundle";
    /** Short enough to show beside the buttons. */
    static final String SHIPPED = "Ships with the product, not from a drop-in folder: only drop-ins can be updated or uninstalled here";

    private final Realm realm;
    private final WorkerBundles bundles;
    private final WorkerBundleChanges changes;
    private final Executor files;
    private final Consumer<String> status;
    private final WritableList<WorkerBundleRow> rows;
    private final WritableValue<WorkerBundleRow> selection;
    private final IObservableValue<String> changeRefusal;
    private final IObservableValue<Boolean> canChange;
    private final IObservableValue<String> hint;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    /**
     * @param files  where jars are read and changes planned; never the Realm's thread
     * @param status called in the Realm with what happened, for the status line
     */
    public WorkerBundlesViewModel(Realm realm, WorkerBundles bundles, WorkerBundleChanges changes, Executor files,
            Consumer<String> status) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.changes = Objects.requireNonNull(changes, "changes");
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
        InstallBundleViewModel install = new InstallBundleViewModel(realm, jar, installedVersions, bundles.dropins(), changes,
                files, status);
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
                changes, files, status);
        install.read(bundles::readRepository);
        return install;
    }

    /**
     * Checks uninstalling the selected bundle, planned on the file executor: {@code answer} gets, in the Realm, a
     * request refused, asking about the bundle's active runs, or ready. A refusal that needs no planning comes at once.
     */
    public void requestUninstall(Consumer<BundleChangeRequest> answer) {
        WorkerBundleRow target = changeableSelection(answer);
        if (target == null) {
            return;
        }
        files.execute(() -> {
            PlannedChange plan = changes.planUninstall(target.worker());
            realm.asyncExec(() -> answer.accept(request(target, plan, "")));
        });
    }

    /**
     * Checks replacing the selected bundle with the jar, read and planned on the file executor: {@code answer} gets,
     * in the Realm, a request refused when the jar has an error or is another bundle, asking about the bundle's
     * active runs, or ready. A refusal that needs no reading (nothing selected, not a drop-in) comes at once.
     */
    public void requestUpdate(Path jar, Consumer<BundleChangeRequest> answer) {
        WorkerBundleRow target = changeableSelection(answer);
        if (target == null) {
            return;
        }
        status.accept("Reading " + jar.getFileName() + "\u2026");
        files.execute(() -> {
            BundleChangeRequest request;
            try {
                PlannedChange plan = changes.planUpdate(target.worker(), bundles.inspect(jar));
                request = request(target, plan, "Cannot update from " + jar.getFileName() + ": ");
            } catch (RuntimeException e) {
                request = BundleChangeRequest.refused(target, "Cannot update from " + jar.getFileName() + ": " + e);
            }
            BundleChangeRequest answered = request;
            realm.asyncExec(() -> answer.accept(answered));
        });
    }

    /** The selected row when Update and Uninstall may act on it; else null, {@code answer} having had the refusal. */
    private WorkerBundleRow changeableSelection(Consumer<BundleChangeRequest> answer) {
        checkRealm();
        WorkerBundleRow target = selection.getValue();
        String refusal = refusalFor(target);
        if (!refusal.isEmpty()) {
            answer.accept(BundleChangeRequest.refused(target, refusal));
            return null;
        }
        return target;
    }

    /** @param invalidJar what a refusal for the jar's own errors starts with */
    private BundleChangeRequest request(WorkerBundleRow target, PlannedChange plan, String invalidJar) {
        Optional<PlannedChange.Refusal> refusal = plan.refusal();
        if (refusal.isPresent()) {
            String prefix = refusal.get().reason() == PlannedChange.Refusal.Reason.NOT_INSTALLABLE ? invalidJar : "";
            String why = refusal.get().reason() == PlannedChange.Refusal.Reason.OTHER_BUNDLE
                    ? refusal.get().message() + "; choose a jar of the selected bundle"
                    : prefix + refusal.get().message();
            return new BundleChangeRequest(target, plan, why);
        }
        return new BundleChangeRequest(target, plan, "");
    }

    /**
     * Does what the request asks, the user having confirmed any question: the install bundle cancels the runs of the
     * bundle's providers active now, with a reason naming the bundle, changes the jar in its folder and waits for the
     * framework, off the Realm's thread; the status line says what happened. A refused request only shows its
     * refusal.
     */
    public void perform(BundleChangeRequest request) {
        checkRealm();
        if (request.refused()) {
            status.accept(request.refusal());
            return;
        }
        PlannedChange plan = request.plan();
        status.accept(ChangeMessages.underWay(plan));
        changes.perform(plan, request.needsConfirmation())
                .thenAccept(outcome -> realm.asyncExec(() -> status.accept(ChangeMessages.done(outcome))));
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

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("WorkerBundlesViewModel must be used inside its Realm");
        }
    }
}
