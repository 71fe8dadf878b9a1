package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.install.ActiveRun;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.BundleState;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.testing.FakeWorkerBundles;
import org.parallelworkbench.testing.FakeJobService;

/**
 * The Bundles view and the install dialog's ViewModels on a fake WorkerBundles, a real drop-in folder and the install
 * bundle's own life cycle, which performs on the file executor and does not wait for the framework.
 */
class WorkerBundlesViewModelTest {

    private static final ProviderInfo PRIMES = new ProviderInfo("primes", "Primes", "Counts primes", "1.0.0");
    private static final String PRIMES_BSN = "com.example.primes";

    @TempDir
    Path temp;

    private final QueueRealm realm = new QueueRealm();
    private final FakeJobService jobs = new FakeJobService(TestProviders.TICKER);
    /** File work queued here runs when the test says, as on a background thread. */
    private final List<Runnable> fileWork = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    /** The run journal the view model reads, as the file executor sees it. */
    private final List<RunRecord> journal = new ArrayList<>();
    private Path dropinsPath;
    private FakeWorkerBundles bundles;
    private WorkerBundlesViewModel viewModel;

    @BeforeEach
    void setUp() {
        dropinsPath = temp.resolve("dropins");
        bundles = new FakeWorkerBundles(new DropinFolder(dropinsPath));
        jobs.install(TestProviders.TICKER, PRIMES);
        Executor background = fileWork::add;
        RunHistory history = () -> List.copyOf(journal);
        WorkerBundleChanges changes = WorkerBundleChanges.over(bundles, () -> jobs, () -> history, background, Duration.ZERO);
        viewModel = new WorkerBundlesViewModel(realm, bundles, changes, background, statuses::add);
    }

    @Test
    void theReportIsShownBeforeAnythingIsInstalled() throws IOException {
        Path jar = jar(temp.resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        bundles.reports.put(jar, new WorkerBundleReport(jar, PRIMES_BSN, "1.2.0", "Example Primes", "Example Inc.",
                List.of(new DeclaredProvider("com.example.primes.provider", "com.example.primes.PrimesProvider")), false, "",
                List.of(BundleProblem.warning("Worker bundle com.example.primes 1.2.0 imports nothing optional"))));

        InstallBundleViewModel install = viewModel.inspect(jar);
        runFileWork(); // the read

        assertEquals("Example Primes", install.name());
        assertEquals(PRIMES_BSN, install.symbolicName());
        assertEquals("1.2.0", install.version());
        assertEquals("Example Inc.", install.vendor());
        assertEquals(List.of("com.example.primes.provider (com.example.primes.PrimesProvider)"), install.providers());
        assertEquals("not signed", install.signature());
        assertEquals(List.of("Worker bundle com.example.primes 1.2.0 imports nothing optional"), install.warnings());
        assertEquals(List.of(), install.errors());
        assertTrue(install.canInstall().getValue());
        assertFalse(Files.exists(dropinsPath), "inspecting installed something");
    }

    @Test
    void anErrorInTheReportDisablesInstall() throws IOException {
        Path notABundle = Files.writeString(temp.resolve("notes.jar"), "text");
        String error = "notes.jar is not a jar: zip END header not found";
        bundles.reports.put(notABundle, new WorkerBundleReport(notABundle, "", "", "", "", List.of(), false, "",
                List.of(BundleProblem.error(error))));

        InstallBundleViewModel install = viewModel.inspect(notABundle);
        runFileWork(); // the read
        install.install();

        assertFalse(install.canInstall().getValue());
        assertEquals(error, install.installProblem());
        assertEquals(List.of(error), install.errors());
        assertTrue(fileWork.isEmpty(), "an install was queued despite the error");
    }

    @Test
    void installCopiesIntoTheDropinFolderOffTheRealmAndSaysSoThenReportsTheActiveBundle() throws IOException {
        Path jar = jar(temp.resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        bundles.reports.put(jar, report(jar, "1.2.0"));
        bundles.fileInstall = true;
        bundles.providerIds.put(PRIMES_BSN, List.of("primes"));
        InstallBundleViewModel install = viewModel.inspect(jar);
        runFileWork(); // the read

        install.install();

        assertEquals(List.of("Installing worker bundle com.example.primes 1.2.0\u2026"), statuses);
        assertFalse(install.canInstall().getValue(), "Install stays enabled while installing");
        assertFalse(Files.exists(dropinsPath.resolve(PRIMES_BSN + ".jar")), "copied on the Realm's thread");
        runFileWork();
        assertTrue(Files.exists(dropinsPath.resolve(PRIMES_BSN + ".jar")));
        assertEquals("Installed worker bundle com.example.primes 1.2.0: provider primes", last(statuses));

        viewModel.requestRefresh();
        viewModel.requestRefresh();
        assertEquals(1, realm.queued(), "refreshes are coalesced");
        realm.drain();
        assertEquals(List.of(PRIMES_BSN), viewModel.rows().stream().map(WorkerBundleRow::symbolicName).toList());
    }

    @Test
    void aCopiedBundleThatFailsToStartSaysWhyFromItsDiagnostics() throws IOException {
        Path jar = jar(temp.resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        bundles.reports.put(jar, report(jar, "1.2.0"));
        bundles.fileInstall = true;
        bundles.states.put(PRIMES_BSN, BundleState.INSTALLED);
        String why = "Worker bundle com.example.primes 1.2.0 (com.example.primes.jar) cannot be resolved: it needs package x";
        bundles.failures.put(PRIMES_BSN, List.of(BundleProblem.error(why)));
        InstallBundleViewModel install = viewModel.inspect(jar);
        runFileWork(); // the read

        install.install();
        runFileWork();

        assertEquals("Worker bundle com.example.primes 1.2.0 did not start: " + why, last(statuses));
    }

    @Test
    void aFailedCopyIsReportedNotThrown() throws IOException {
        Path jar = jar(temp.resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        bundles.reports.put(jar, report(jar, "1.2.0"));
        Files.writeString(dropinsPath = temp.resolve("a-file"), "not a folder");
        bundles.dropins = new DropinFolder(dropinsPath);
        InstallBundleViewModel install = viewModel.inspect(jar);
        runFileWork(); // the read

        install.install();
        runFileWork();

        assertTrue(last(statuses).startsWith("Could not install worker bundle com.example.primes 1.2.0: "), last(statuses));
    }

    @Test
    void uninstallingABundleWithActiveRunsAsksThenCancelsThemWithTheReasonBeforeDeletingIt() throws IOException {
        Path installed = jar(Files.createDirectories(dropinsPath).resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        selectInstalled(worker(7, PRIMES_BSN, "1.2.0", installed.toUri().toString()));
        FakeJobService.FakeRun first = (FakeJobService.FakeRun) jobs.start("primes", Parameters.NONE);
        FakeJobService.FakeRun second = (FakeJobService.FakeRun) jobs.start("primes", Parameters.NONE);
        FakeJobService.FakeRun ticker = (FakeJobService.FakeRun) jobs.start("ticker", Parameters.NONE);

        BundleChangeRequest request = uninstall();

        assertFalse(request.refused(), request.refusal());
        assertEquals("2 runs of Primes are active. Cancel them and uninstall, or keep the bundle?", request.question());
        assertNull(first.cancelReason(), "cancelled before the user confirmed");

        viewModel.perform(request);
        assertNull(first.cancelReason(), "cancelled on the Realm's thread");
        bundles.installed.clear(); // File Install's part, once the jar is gone
        runFileWork(); // the fake runs end CANCELED when cancelled, as the engine's do

        String reason = "Worker bundle com.example.primes 1.2.0 is being uninstalled";
        assertEquals(reason, first.cancelReason());
        assertEquals(reason, second.cancelReason());
        assertNull(ticker.cancelReason(), "a run of another bundle's provider was cancelled");
        assertFalse(Files.exists(installed));
        assertEquals("Uninstalled worker bundle com.example.primes 1.2.0; deleted " + installed.getFileName(), last(statuses));
    }

    @Test
    void uninstallingABundleWithoutActiveRunsNeedsNoQuestion() throws IOException {
        Path installed = jar(Files.createDirectories(dropinsPath).resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        selectInstalled(worker(7, PRIMES_BSN, "1.2.0", installed.toString()));

        BundleChangeRequest request = uninstall();

        assertFalse(request.refused(), request.refusal());
        assertFalse(request.needsConfirmation(), request.question());
    }

    @Test
    void runsOfAnotherProcessInTheJournalAreAskedAboutAndThisProcesssOwnAreCountedOnce() throws IOException {
        Path installed = jar(Files.createDirectories(dropinsPath).resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        selectInstalled(worker(7, PRIMES_BSN, "1.2.0", installed.toUri().toString()));
        FakeJobService.FakeRun mine = (FakeJobService.FakeRun) jobs.start("primes", Parameters.NONE);
        Instant started = Instant.parse("2026-12-02T10:15:30Z");
        journal.add(new RunRecord(mine.id(), "primes", "1.2.0", Parameters.NONE, started, null, RunRecord.Status.ACTIVE, "", ""));
        journal.add(new RunRecord("console-1", "primes", "1.2.0", Parameters.NONE, started, null, RunRecord.Status.ACTIVE, "", ""));
        journal.add(new RunRecord("console-2", "primes", "1.2.0", Parameters.NONE, started, started, RunRecord.Status.SUCCEEDED,
                "", ""));

        BundleChangeRequest request = uninstall();

        assertEquals("2 runs of Primes are active, 1 of them in another Parallel Workbench process. Cancel them and uninstall,"
                + " or keep the bundle?", request.question());
        assertEquals(List.of("console-1"), request.plan().activeRuns().stream().filter(run -> !run.inThisProcess())
                .map(ActiveRun::runId).toList());
        mine.end(RunState.CANCELED, "ended");
        journal.set(0, new RunRecord(mine.id(), "primes", "1.2.0", Parameters.NONE, started, started, RunRecord.Status.CANCELED,
                "", "ended"));
        assertEquals("1 run of Primes is active in another Parallel Workbench process. Cancel it and uninstall, or keep the"
                + " bundle?", uninstall().question());
    }

    @Test
    void updatingAsksAboutActiveRunsThenReplacesTheDropinWithTheNewVersion() throws IOException {
        Path installed = jar(Files.createDirectories(dropinsPath).resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        Path newer = updateWhileARunIsActive(installed);

        assertArrayEquals(Files.readAllBytes(newer), Files.readAllBytes(installed), "the drop-in was not replaced in place");
        assertEquals("Updated worker bundle com.example.primes 1.2.0 to 1.3.0: provider primes", last(statuses));
    }

    /**
     * Selects the installed jar's bundle (1.2.0) with a run of its provider active, updates it to 1.3.0, confirming
     * the question, and lets the cancelled run end and the file work run; the new version's jar.
     */
    private Path updateWhileARunIsActive(Path installed) throws IOException {
        selectInstalled(worker(7, PRIMES_BSN, "1.2.0", installed.toUri().toString()));
        FakeJobService.FakeRun run = (FakeJobService.FakeRun) jobs.start("primes", Parameters.NONE);
        Path newer = jar(temp.resolve("primes-1.3.0.jar"), PRIMES_BSN, "1.3.0");
        bundles.reports.put(newer, report(newer, "1.3.0"));

        BundleChangeRequest request = update(newer);
        assertEquals("1 run of Primes is active. Cancel it and update, or keep the bundle?", request.question());
        viewModel.perform(request);
        // File Install's part, as the framework shows it once the jar is replaced.
        bundles.installed.replaceAll(worker -> worker(worker.bundleId(), PRIMES_BSN, "1.3.0", worker.location()));
        runFileWork();
        assertEquals("Worker bundle com.example.primes 1.2.0 is being updated to 1.3.0", run.cancelReason());
        return newer;
    }

    @Test
    void anUpdateFromAnotherBundlesJarIsRefused() throws IOException {
        Path installed = jar(Files.createDirectories(dropinsPath).resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        selectInstalled(worker(7, PRIMES_BSN, "1.2.0", installed.toUri().toString()));
        Path other = jar(temp.resolve("other.jar"), "com.example.other", "2.0.0");
        bundles.reports.put(other, new WorkerBundleReport(other, "com.example.other", "2.0.0", "", "", List.of(), false, "", List.of()));

        BundleChangeRequest request = update(other);
        viewModel.perform(request);

        assertEquals("other.jar is com.example.other, not com.example.primes; choose a jar of the selected bundle", request.refusal());
        assertEquals(request.refusal(), last(statuses));
        assertTrue(fileWork.isEmpty());
    }

    @Test
    void aBundleShippedWithTheProductCannotBeChangedAndTheViewSaysWhy() {
        jobs.start("primes", Parameters.NONE);
        selectInstalled(worker(3, PRIMES_BSN, "1.0.0", "reference:file:/opt/pw/bundle/com.example.primes.jar"));

        assertFalse(viewModel.canChange().getValue());
        assertEquals(viewModel.changeRefusal().getValue(), viewModel.hint().getValue());
        assertEquals("Ships with the product, not from a drop-in folder: only drop-ins can be updated or uninstalled here",
                viewModel.changeRefusal().getValue());
        assertEquals("product", viewModel.selection().getValue().origin());
        BundleChangeRequest request = uninstall();
        viewModel.perform(request);

        assertTrue(request.refused());
        assertTrue(jobs.started.stream().allMatch(run -> run.cancelReason() == null), "a run was cancelled");
        assertTrue(fileWork.isEmpty());
    }

    @Test
    void theSelectionIsKeptAcrossRefreshesWhileItsBundleIsInstalled() {
        InstalledWorker primes = worker(7, PRIMES_BSN, "1.2.0", dropinsPath.resolve("p.jar").toString());
        selectInstalled(primes);
        bundles.installed.add(worker(8, "com.example.another", "1.0.0", "x"));

        viewModel.refresh();
        assertEquals(7, viewModel.selection().getValue().worker().bundleId());
        assertTrue(viewModel.selection().getValue().dropin());

        bundles.installed.remove(primes);
        viewModel.refresh();
        assertNull(viewModel.selection().getValue());
        assertEquals(viewModel.changeRefusal().getValue(), WorkerBundlesViewModel.SELECT_A_BUNDLE);
        assertEquals("", viewModel.hint().getValue(), "nothing selected needs no explaining");
    }

    @Test
    void aBundleFromAnExtraWatchedFolderIsUninstalledFromThatFolder() throws IOException {
        Path extra = Files.createDirectories(temp.resolve("extra"));
        bundles.extraFolders.add(new DropinFolder(extra));
        Path installed = jar(extra.resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        Path sameNameInDropins = jar(Files.createDirectories(dropinsPath).resolve("other.jar"), PRIMES_BSN, "1.0.0");
        selectInstalled(worker(7, PRIMES_BSN, "1.2.0", installed.toUri().toString()));

        assertEquals("", viewModel.changeRefusal().getValue());
        assertTrue(viewModel.canChange().getValue());
        assertEquals("extra drop-in", viewModel.selection().getValue().origin());
        BundleChangeRequest request = uninstall();
        assertFalse(request.refused(), request.refusal());
        viewModel.perform(request);
        bundles.installed.clear(); // File Install's part, once the jar is gone
        runFileWork();

        assertFalse(Files.exists(installed));
        assertTrue(Files.exists(sameNameInDropins), "the jar in the product's drop-in folder was deleted instead");
        assertEquals("Uninstalled worker bundle com.example.primes 1.2.0; deleted " + installed.getFileName(), last(statuses));
    }

    @Test
    void aBundleFromAnExtraWatchedFolderIsUpdatedInPlaceThere() throws IOException {
        Path extra = Files.createDirectories(temp.resolve("extra"));
        bundles.extraFolders.add(new DropinFolder(extra));
        Path installed = jar(extra.resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        Path newer = updateWhileARunIsActive(installed);

        assertArrayEquals(Files.readAllBytes(newer), Files.readAllBytes(installed), "the jar in the extra folder was not replaced");
        assertEquals(List.of(installed), new DropinFolder(extra).jars(), "one jar, no temporary file left");
        assertFalse(Files.exists(dropinsPath.resolve(PRIMES_BSN + ".jar")), "copied into the product's drop-in folder instead");
        assertEquals("Updated worker bundle com.example.primes 1.2.0 to 1.3.0: provider primes", last(statuses));
    }

    @Test
    void aBundleOutsideEveryWatchedFolderIsStillRefusedWhenThereAreExtraFolders() throws IOException {
        Path extra = Files.createDirectories(temp.resolve("extra"));
        bundles.extraFolders.add(new DropinFolder(extra));
        bundles.dropins = null;
        Path elsewhere = jar(Files.createDirectories(temp.resolve("elsewhere")).resolve("primes.jar"), PRIMES_BSN, "1.2.0");
        selectInstalled(worker(7, PRIMES_BSN, "1.2.0", elsewhere.toUri().toString()));

        assertFalse(viewModel.canChange().getValue());
        assertEquals(WorkerBundlesViewModel.SHIPPED, viewModel.hint().getValue());
        BundleChangeRequest request = uninstall();
        viewModel.perform(request);

        assertTrue(request.refused());
        assertEquals(WorkerBundlesViewModel.SHIPPED, last(statuses));
        assertTrue(fileWork.isEmpty());
        assertTrue(Files.exists(elsewhere));
    }

    @Test
    void withoutAnyWatchedFolderNothingCanBeChanged() {
        bundles.dropins = null;
        selectInstalled(worker(7, PRIMES_BSN, "1.2.0", temp.resolve("primes.jar").toUri().toString()));

        assertEquals("This product has no drop-in folder; its worker bundles cannot be changed from the window",
                viewModel.changeRefusal().getValue());
    }

    private void selectInstalled(InstalledWorker worker) {
        bundles.installed.add(worker);
        viewModel.refresh();
        viewModel.selection().setValue(viewModel.rows().stream()
                .filter(row -> row.worker().bundleId() == worker.bundleId()).findFirst().orElseThrow());
    }

    /** The uninstall request for the selected bundle: at once when refused, else once the journal was read off the Realm. */
    private BundleChangeRequest uninstall() {
        List<BundleChangeRequest> answers = new ArrayList<>();
        viewModel.requestUninstall(answers::add);
        if (answers.isEmpty()) {
            runFileWork();
        }
        assertEquals(1, answers.size(), answers.toString());
        return answers.get(0);
    }

    /** The update request for the selected bundle, once its jar was read off the Realm. */
    private BundleChangeRequest update(Path jar) {
        List<BundleChangeRequest> answers = new ArrayList<>();
        viewModel.requestUpdate(jar, answers::add);
        assertEquals(List.of(), answers, "answered before the jar was read");
        assertEquals("Reading " + jar.getFileName() + "\u2026", last(statuses));
        runFileWork();
        assertEquals(1, answers.size(), answers.toString());
        return answers.get(0);
    }

    /** Runs the file work, and what it queues there in turn (a plan queues its change), then the Realm's queue. */
    private void runFileWork() {
        for (int round = 0; round < 10 && !fileWork.isEmpty(); round++) {
            List<Runnable> queued = List.copyOf(fileWork);
            fileWork.clear();
            queued.forEach(Runnable::run);
        }
        assertTrue(fileWork.isEmpty(), "file work keeps queueing more");
        realm.drain();
    }

    private static InstalledWorker worker(long id, String symbolicName, String version, String location) {
        return new InstalledWorker(id, symbolicName, version, BundleState.ACTIVE, location, List.of("primes"),
                List.of(new DeclaredProvider("com.example.primes.provider", "com.example.primes.PrimesProvider")));
    }

    private static WorkerBundleReport report(Path jar, String version) {
        return new WorkerBundleReport(jar, PRIMES_BSN, version, "Example Primes", "", List.of(), false, "", List.of());
    }

    /** A bundle jar: DropinFolder reads its symbolic name to find what it replaces. */
    private static Path jar(Path file, String symbolicName, String version) throws IOException {
        return FakeWorkerBundles.jar(file, symbolicName, version);
    }

    private static String last(List<String> list) {
        return list.isEmpty() ? "" : list.get(list.size() - 1);
    }
}
