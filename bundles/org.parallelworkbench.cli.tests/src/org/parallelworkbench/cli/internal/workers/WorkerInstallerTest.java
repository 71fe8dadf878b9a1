package org.parallelworkbench.cli.internal.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.cli.internal.TestProviders;
import org.parallelworkbench.testing.FakeJobService;
import org.parallelworkbench.cli.internal.command.ExitCodes;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.BundleState;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleChanges;
import org.parallelworkbench.testing.FakeWorkerBundles;

/** install and uninstall through a real drop-in folder, with File Install and the engine faked. */
class WorkerInstallerTest {

    /** Long enough for the fake's instant install; the negative cases wait it out. */
    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final ProviderInfo GENERATED = new ProviderInfo("gen", "Generated", "", "1.0.0", List.of());

    /** The primes worker as the product ships it, from its bundle/ folder. */
    private static final InstalledWorker SHIPPED_PRIMES = new InstalledWorker(7, "org.parallelworkbench.workers.primes",
            "0.2.0", BundleState.ACTIVE, "file:/opt/pw/bundle/primes.jar", List.of("primes"), List.of());

    @TempDir
    Path temp;

    /** The install bundle's own life cycle over the fakes, performing on the calling thread. */
    private static WorkerInstaller installer(FakeWorkerBundles bundles, FakeJobService jobs, List<RunRecord> journal) {
        RunHistory history = () -> journal;
        return new WorkerInstaller(bundles, WorkerBundleChanges.over(bundles, () -> jobs, () -> history, Runnable::run, SETTLE));
    }

    private static WorkerInstaller installer(FakeWorkerBundles bundles) {
        return installer(bundles, TestProviders.jobs(), List.of());
    }

    private FakeWorkerBundles bundles() {
        return FakeWorkerBundles.withFileInstall(temp.resolve("dropins"));
    }

    /** Drop-in com.example.w 1.0.0, registering provider gen. */
    private FakeWorkerBundles withDropin() throws IOException {
        FakeWorkerBundles bundles = bundles();
        bundles.providerIds.put("com.example.w", List.of("gen"));
        FakeWorkerBundles.jar(bundles.dropins.path().resolve("com.example.w.jar"), "com.example.w", "1.0.0");
        return bundles;
    }

    private static FakeJobService jobsWithGenerated() {
        FakeJobService jobs = TestProviders.jobs();
        jobs.providers.add(GENERATED);
        return jobs;
    }

    @Test
    void anInstallableJarIsCopiedAndItsProvidersConfirmed() throws Exception {
        FakeWorkerBundles bundles = bundles();
        bundles.providerIds.put("com.example.w", List.of("gen"));
        Path jar = FakeWorkerBundles.jar(temp.resolve("build/w-1.0.0.jar"), "com.example.w", "1.0.0");
        WorkerInstaller.Outcome outcome = installer(bundles).install(jar, false);
        assertEquals(ExitCodes.OK, outcome.exitCode(), outcome.text());
        Path target = bundles.dropins.path().resolve("com.example.w.jar");
        assertTrue(Files.isRegularFile(target), outcome.text());
        assertTrue(outcome.text().startsWith("Worker bundle Test worker com.example.w\n"), outcome.text());
        assertTrue(outcome.text().contains("Installed as " + target + "; a running Parallel Workbench picks it up within about 2 s.\n"),
                outcome.text());
        assertTrue(outcome.text().endsWith("Started com.example.w 1.0.0: provider gen is available\n"), outcome.text());
    }

    @Test
    void aJarWithAnErrorIsRefusedWithEveryProblemAndNothingCopied() throws Exception {
        FakeWorkerBundles bundles = bundles();
        bundles.problems.add(BundleProblem.error("Worker bundle com.example.w 1.0.0 needs the provider SPI [0.9,1.0)"));
        bundles.problems.add(BundleProblem.warning("it declares nothing else"));
        Path jar = FakeWorkerBundles.jar(temp.resolve("w.jar"), "com.example.w", "1.0.0");
        WorkerInstaller.Outcome outcome = installer(bundles).install(jar, false);
        assertEquals(ExitCodes.USAGE, outcome.exitCode());
        assertTrue(outcome.text().contains("error: Worker bundle com.example.w 1.0.0 needs the provider SPI [0.9,1.0)\n"), outcome.text());
        assertTrue(outcome.text().contains("warning: it declares nothing else\n"), outcome.text());
        assertTrue(outcome.text().endsWith("Nothing installed.\n"), outcome.text());
        assertEquals(List.of(), bundles.dropins.jars());
    }

    @Test
    void aNonJarIsRefused() throws Exception {
        FakeWorkerBundles bundles = bundles();
        Path text = Files.writeString(temp.resolve("notes.jar"), "not a zip");
        WorkerInstaller.Outcome outcome = installer(bundles).install(text, false);
        assertEquals(ExitCodes.USAGE, outcome.exitCode());
        assertTrue(outcome.text().contains("error: notes.jar is not a jar: "), outcome.text());
        assertEquals(List.of(), bundles.dropins.jars());
    }

    @Test
    void aCopiedJarThatDoesNotStartFailsWithItsStateAndStaysForUninstall() throws Exception {
        FakeWorkerBundles bundles = bundles();
        bundles.states.put("com.example.w", BundleState.INSTALLED);
        Path jar = FakeWorkerBundles.jar(temp.resolve("w.jar"), "com.example.w", "1.0");
        WorkerInstaller.Outcome outcome = installer(bundles).install(jar, false);
        assertEquals(ExitCodes.FAILED, outcome.exitCode(), outcome.text());
        assertTrue(outcome.text().contains("com.example.w 1.0.0 did not start: it is INSTALLED after 0 s; see the log\n"), outcome.text());
        assertTrue(outcome.text().endsWith("; remove it with: uninstall com.example.w\n"), outcome.text());
        assertEquals(1, bundles.dropins.jars().size());
    }

    @Test
    void aCopiedJarThatFailsSaysWhyFromTheDiagnosticsWithoutWaitingItOut() throws Exception {
        FakeWorkerBundles bundles = bundles();
        bundles.states.put("com.example.w", BundleState.INSTALLED);
        String why = "Worker bundle com.example.w 1.0.0 (com.example.w.jar) cannot be resolved: it needs package com.example.gone";
        bundles.failures.put("com.example.w", List.of(BundleProblem.error(why)));
        Path jar = FakeWorkerBundles.jar(temp.resolve("w.jar"), "com.example.w", "1.0.0");
        WorkerInstaller.Outcome outcome = installer(bundles).install(jar, false);
        assertEquals(ExitCodes.FAILED, outcome.exitCode(), outcome.text());
        assertTrue(outcome.text().contains("com.example.w 1.0.0 did not start: it is INSTALLED\n" + why + "\n"), outcome.text());
    }

    @Test
    void uninstallDeletesTheDropinAndNamesTheProvidersThatWent() throws Exception {
        FakeWorkerBundles bundles = withDropin();
        WorkerInstaller.Outcome outcome = installer(bundles).uninstall("com.example.w", false);
        assertEquals(ExitCodes.OK, outcome.exitCode(), outcome.text());
        assertTrue(outcome.text().endsWith("Uninstalled com.example.w 1.0.0; gone: provider gen\n"), outcome.text());
        assertEquals(List.of(), bundles.dropins.jars());
    }

    @Test
    void uninstallOfAnUnknownNameListsTheDropinsThereAre() throws Exception {
        FakeWorkerBundles bundles = bundles();
        FakeWorkerBundles.jar(bundles.dropins.path().resolve("com.example.w.jar"), "com.example.w", "1.0.0");
        WorkerInstaller.Outcome outcome = installer(bundles).uninstall("com.example.nope", false);
        assertEquals(ExitCodes.USAGE, outcome.exitCode());
        assertEquals("No worker bundle com.example.nope in " + bundles.dropins.path() + ".\nWorker drop-ins:\n"
                + "  com.example.w 1.0.0  com.example.w.jar\n", outcome.text());
        assertEquals(1, bundles.dropins.jars().size());
    }

    @Test
    void uninstallOfAPlatformWorkerSaysWhereItComesFrom() throws Exception {
        FakeWorkerBundles bundles = bundles();
        bundles.installed.add(SHIPPED_PRIMES);
        WorkerInstaller.Outcome outcome = installer(bundles).uninstall("org.parallelworkbench.workers.primes",
                false);
        assertEquals(ExitCodes.USAGE, outcome.exitCode());
        assertTrue(outcome.text().startsWith("org.parallelworkbench.workers.primes 0.2.0 was not installed from "
                + bundles.dropins.path() + " (it comes from file:/opt/pw/bundle/primes.jar); only drop-ins can be uninstalled.\n"
                + "There are no worker drop-ins.\n"), outcome.text());
    }

    @Test
    void activeRunsOfItsProvidersRefuseTheUninstallUnlessForcedWhichCancelsThemWithTheReason() throws Exception {
        FakeWorkerBundles bundles = withDropin();
        FakeJobService jobs = jobsWithGenerated();
        FakeJobService.FakeRun mine = (FakeJobService.FakeRun) jobs.start("gen", Parameters.NONE);
        FakeJobService.FakeRun other = (FakeJobService.FakeRun) jobs.start("ticker", Parameters.NONE);
        WorkerInstaller installer = installer(bundles, jobs, List.of());

        WorkerInstaller.Outcome refused = installer.uninstall("com.example.w", false);
        assertEquals(ExitCodes.USAGE, refused.exitCode());
        assertEquals("Worker bundle com.example.w 1.0.0 has 1 active run: " + mine.id() + " (gen, RUNNING)\n"
                + "Nothing uninstalled; stop it first, or use --force to cancel it.\n", refused.text());
        assertEquals(1, bundles.dropins.jars().size());
        assertEquals(RunState.RUNNING, mine.state());

        WorkerInstaller.Outcome forced = installer.uninstall("com.example.w", true);
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.text());
        String reason = "Worker bundle com.example.w 1.0.0 is being uninstalled";
        assertEquals(RunState.CANCELED, mine.state());
        assertEquals(reason, mine.cancelReason());
        assertTrue(forced.text().startsWith("Cancelled run " + mine.id() + " (gen): " + reason + "\n"), forced.text());
        assertEquals(RunState.RUNNING, other.state(), "runs of other providers go on");
        assertFalse(forced.text().contains(other.id() + " (ticker)"), forced.text());
        assertEquals(List.of(), bundles.dropins.jars());
    }

    @Test
    void aBundleInAnExtraWatchedFolderIsUpdatedAndUninstalledThere() throws Exception {
        FakeWorkerBundles bundles = bundles();
        DropinFolder extra = new DropinFolder(temp.resolve("extra"));
        bundles.extraFolders.add(extra);
        bundles.providerIds.put("com.example.x", List.of("x"));
        FakeWorkerBundles.jar(extra.path().resolve("com.example.x.jar"), "com.example.x", "1.0.0");
        WorkerInstaller installer = installer(bundles);

        WorkerInstaller.Outcome updated = installer.install(FakeWorkerBundles.jar(temp.resolve("x2.jar"), "com.example.x", "2.0.0"),
                false);
        assertEquals(ExitCodes.OK, updated.exitCode(), updated.text());
        assertEquals(List.of(), bundles.dropins.jars(), "not a second copy in the product's folder");
        assertEquals(1, extra.jars().size());
        assertEquals("2.0.0", bundles.inspect(extra.jars().get(0)).version());

        WorkerInstaller.Outcome uninstalled = installer.uninstall("com.example.x", false);
        assertEquals(ExitCodes.OK, uninstalled.exitCode(), uninstalled.text());
        assertTrue(uninstalled.text().endsWith("Uninstalled com.example.x 2.0.0; gone: provider x\n"), uninstalled.text());
        assertEquals(List.of(), extra.jars());

        WorkerInstaller.Outcome unknown = installer.uninstall("com.example.x", false);
        assertEquals(ExitCodes.USAGE, unknown.exitCode());
        assertTrue(unknown.text().startsWith("No worker bundle com.example.x in " + bundles.dropins.path() + " or " + extra.path()
                + ".\n"), unknown.text());
    }

    @Test
    void anUpdateWhileRunsOfTheOldVersionAreActiveIsRefusedUnlessForcedWhichCancelsThemWithTheReason() throws Exception {
        FakeWorkerBundles bundles = bundles();
        bundles.providerIds.put("com.example.w", List.of("gen"));
        FakeWorkerBundles.jar(bundles.dropins.path().resolve("com.example.w.jar"), "com.example.w", "1.0.0");
        Path update = FakeWorkerBundles.jar(temp.resolve("w2.jar"), "com.example.w", "2.0.0");
        FakeJobService jobs = jobsWithGenerated();
        FakeJobService.FakeRun running = (FakeJobService.FakeRun) jobs.start("gen", Parameters.NONE);
        WorkerInstaller installer = installer(bundles, jobs, List.of());

        WorkerInstaller.Outcome refused = installer.install(update, false);
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.text());
        assertTrue(refused.text().endsWith("Worker bundle com.example.w 1.0.0 has 1 active run: " + running.id()
                + " (gen, RUNNING)\nNothing updated; stop it first, or use --force to cancel it.\n"), refused.text());
        assertEquals(RunState.RUNNING, running.state());
        assertEquals("1.0.0", bundles.inspect(bundles.dropins.jars().get(0)).version(), "the old version stays");

        WorkerInstaller.Outcome forced = installer.install(update, true);
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.text());
        assertEquals(RunState.CANCELED, running.state());
        assertEquals("Worker bundle com.example.w 1.0.0 is being updated to 2.0.0", running.cancelReason());
        assertEquals("2.0.0", bundles.inspect(bundles.dropins.jars().get(0)).version());
    }

    @Test
    void runsOfAnotherProcessSeenInTheJournalRefuseTheUninstallUnlessForced() throws Exception {
        FakeWorkerBundles bundles = withDropin();
        Instant started = Instant.parse("2026-12-02T10:15:30Z");
        List<RunRecord> journal = List.of(
                new RunRecord("3", "gen", "1.0.0", Parameters.NONE, started, null, RunRecord.Status.ACTIVE, "", ""),
                new RunRecord("2", "gen", "1.0.0", Parameters.NONE, started, started, RunRecord.Status.SUCCEEDED, "42", ""),
                new RunRecord("1", "ticker", "0.1.0", Parameters.NONE, started, null, RunRecord.Status.ACTIVE, "", ""));
        WorkerInstaller installer = installer(bundles, TestProviders.jobs(), journal);

        WorkerInstaller.Outcome refused = installer.uninstall("com.example.w", false);
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.text());
        assertEquals("Worker bundle com.example.w 1.0.0 has 1 active run: 3 (gen, started 2026-12-02 10:15:30Z, in another"
                + " Parallel Workbench process)\nNothing uninstalled; stop it first, or use --force to cancel it.\n", refused.text());
        assertEquals(1, bundles.dropins.jars().size());

        WorkerInstaller.Outcome forced = installer.uninstall("com.example.w", true);
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.text());
        assertTrue(forced.text().startsWith("Run 3 (gen) in another Parallel Workbench process is cancelled there as its"
                + " provider goes\n"), forced.text());
        assertEquals(List.of(), bundles.dropins.jars());
    }

    @Test
    void theConsoleCountsItsOwnRunsOnceAndTheOtherProcessesRunsFromTheJournal() throws Exception {
        FakeWorkerBundles bundles = withDropin();
        FakeJobService jobs = jobsWithGenerated();
        FakeJobService.FakeRun mine = (FakeJobService.FakeRun) jobs.start("gen", Parameters.NONE);
        Instant started = Instant.parse("2026-12-02T10:15:30Z");
        // The journal holds this process's run too; the window's run is the other one.
        List<RunRecord> journal = List.of(
                new RunRecord(mine.id(), "gen", "1.0.0", Parameters.NONE, started, null, RunRecord.Status.ACTIVE, "", ""),
                new RunRecord("window-1", "gen", "1.0.0", Parameters.NONE, started, null, RunRecord.Status.ACTIVE, "", ""));
        WorkerInstaller installer = installer(bundles, jobs, journal);

        WorkerInstaller.Outcome refused = installer.uninstall("com.example.w", false);
        assertEquals("Worker bundle com.example.w 1.0.0 has 2 active runs: " + mine.id() + " (gen, RUNNING), window-1 (gen, started"
                + " 2026-12-02 10:15:30Z, in another Parallel Workbench process)\nNothing uninstalled; stop them first, or use"
                + " --force to cancel them.\n", refused.text());

        WorkerInstaller.Outcome forced = installer.uninstall("com.example.w", true);
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.text());
        assertEquals(RunState.CANCELED, mine.state());
        assertTrue(forced.text().startsWith("Cancelled run " + mine.id() + " (gen): Worker bundle com.example.w 1.0.0 is being"
                + " uninstalled\nRun window-1 (gen) in another Parallel Workbench process is cancelled there as its provider goes\n"),
                forced.text());
    }

    @Test
    void aRepositoryFolderInstallsEachWorkerBundleAndSkipsBundlesWithoutProviders() throws Exception {
        FakeWorkerBundles bundles = bundles();
        bundles.providerIds.put("com.example.a", List.of("a"));
        bundles.providerIds.put("com.example.b", List.of("b"));
        Path plugins = temp.resolve("repository/plugins");
        FakeWorkerBundles.jar(plugins.resolve("com.example.a_1.0.0.jar"), "com.example.a", "1.0.0");
        FakeWorkerBundles.jar(plugins.resolve("com.example.b_2.0.0.jar"), "com.example.b", "2.0.0");
        FakeWorkerBundles.library(plugins.resolve("org.example.library_1.0.0.jar"), "org.example.library", "1.0.0");

        WorkerInstaller.Outcome outcome = installer(bundles).installFile(plugins.getParent(), false);

        assertEquals(ExitCodes.OK, outcome.exitCode(), outcome.text());
        assertTrue(outcome.text().startsWith("Repository " + plugins.getParent() + ": 2 worker bundles, 1 other bundles skipped\n"
                + "Worker bundle Test worker com.example.a\n"), outcome.text());
        assertTrue(outcome.text().contains("Started com.example.a 1.0.0: provider a is available\n"), outcome.text());
        assertTrue(outcome.text().contains("Started com.example.b 2.0.0: provider b is available\n"), outcome.text());
        assertTrue(outcome.text().endsWith("Installed 2 of 2.\n"), outcome.text());
        assertEquals(List.of("com.example.a.jar", "com.example.b.jar"),
                bundles.dropins.jars().stream().map(jar -> jar.getFileName().toString()).sorted().toList());
    }

    @Test
    void aRepositoryZipSkipsTheWorkersThatArePartOfTheProductAndInstallsTheOthers() throws Exception {
        FakeWorkerBundles bundles = bundles();
        bundles.installed.add(SHIPPED_PRIMES);
        bundles.providerIds.put("com.example.w", List.of("gen"));
        Path plugins = temp.resolve("site/plugins");
        FakeWorkerBundles.jar(plugins.resolve("primes.jar"), "org.parallelworkbench.workers.primes", "0.2.0");
        FakeWorkerBundles.jar(plugins.resolve("w.jar"), "com.example.w", "1.0.0");
        Path zip = zip(plugins.getParent(), temp.resolve("site.zip"));

        WorkerInstaller.Outcome outcome = installer(bundles).installFile(zip, false);

        assertEquals(ExitCodes.OK, outcome.exitCode(), outcome.text());
        assertTrue(outcome.text().contains("Skipped org.parallelworkbench.workers.primes 0.2.0: already part of the product"
                + " (file:/opt/pw/bundle/primes.jar)\n"), outcome.text());
        assertTrue(outcome.text().contains("Started com.example.w 1.0.0: provider gen is available\n"), outcome.text());
        assertTrue(outcome.text().endsWith("Installed 1 of 2.\n"), outcome.text());
        assertEquals(List.of(bundles.dropins.path().resolve("com.example.w.jar")), bundles.dropins.jars());
    }

    @Test
    void aRepositoryOfWorkersThatAreAllPartOfTheProductInstallsNothingAndSucceeds() throws Exception {
        FakeWorkerBundles bundles = bundles();
        bundles.installed.add(SHIPPED_PRIMES);
        Path plugins = temp.resolve("site/plugins");
        FakeWorkerBundles.jar(plugins.resolve("primes.jar"), "org.parallelworkbench.workers.primes", "0.2.0");

        WorkerInstaller.Outcome outcome = installer(bundles).installFile(plugins.getParent(), false);

        assertEquals(ExitCodes.OK, outcome.exitCode(), outcome.text());
        assertTrue(outcome.text().endsWith("Nothing to install: the product has every worker bundle of site.\n"), outcome.text());
        assertEquals(List.of(), bundles.dropins.jars());
    }

    @Test
    void aNewerVersionOfAProductWorkerIsInstalledAsADropin() throws Exception {
        FakeWorkerBundles bundles = bundles();
        bundles.installed.add(SHIPPED_PRIMES);
        Path plugins = temp.resolve("site/plugins");
        bundles.providerIds.put("org.parallelworkbench.workers.primes", List.of("primes"));
        FakeWorkerBundles.jar(plugins.resolve("primes.jar"), "org.parallelworkbench.workers.primes", "0.4.0");

        WorkerInstaller.Outcome outcome = installer(bundles).installFile(plugins.getParent(), false);

        assertEquals(ExitCodes.OK, outcome.exitCode(), outcome.text());
        assertFalse(outcome.text().contains("already part of the product"), outcome.text());
        assertEquals(1, bundles.dropins.jars().size(), outcome.text());
    }

    @Test
    void aWorkerOfTheRepositoryThatDoesNotStartFailsTheInstallWithExit1() throws Exception {
        FakeWorkerBundles bundles = bundles();
        bundles.states.put("com.example.w", BundleState.INSTALLED);
        Path plugins = temp.resolve("site/plugins");
        FakeWorkerBundles.jar(plugins.resolve("w.jar"), "com.example.w", "1.0.0");

        WorkerInstaller.Outcome outcome = installer(bundles).installFile(plugins.getParent(), false);

        assertEquals(ExitCodes.FAILED, outcome.exitCode(), outcome.text());
        assertTrue(outcome.text().contains("com.example.w 1.0.0 did not start: it is INSTALLED"), outcome.text());
        assertTrue(outcome.text().endsWith("Installed 0 of 1.\n"), outcome.text());
    }

    @Test
    void aZipWithoutPluginsIsRefusedWithExit2() throws Exception {
        FakeWorkerBundles bundles = bundles();
        Path content = Files.createDirectories(temp.resolve("photos"));
        Files.writeString(content.resolve("cat.txt"), "meow");
        Path zip = zip(content, temp.resolve("photos.zip"));

        WorkerInstaller.Outcome outcome = installer(bundles).installFile(zip, false);

        assertEquals(ExitCodes.USAGE, outcome.exitCode(), outcome.text());
        assertEquals("error: photos.zip is not a p2 repository: it has no plugins/ folder\nNothing installed.\n", outcome.text());
        assertEquals(List.of(), bundles.dropins.jars());
    }

    private static Path zip(Path folder, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return zip;
    }
}
