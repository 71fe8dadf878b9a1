package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelworkbench.product.it.Dropins.listed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parallelworkbench.engine.config.EngineConfiguration;

/**
 * Reliability scenarios 12 and 14 on the packaged product, on Felix, through File Install alone: a drop-in replaced
 * many times while a run of its provider is active, and many install, run, uninstall cycles. Jars are replaced as
 * {@code DropinFolder} does (a hidden copy renamed over the target) and uninstalled by deleting them. Growth is
 * measured from outside the JVM by {@link ProductJvm}: Felix bundle class loaders after a full GC, threads (by name)
 * and open files must come back to what they were after a few warm-up rounds, whatever the number of rounds.
 * <p>
 * The drop-ins' units run on threads here unless a test asks for processes (drop-ins default to worker processes):
 * what is measured is what a provider leaves in the product's own JVM.
 */
class DropinLifecycleIT {

    /** Enough rounds that a leak of one class loader, thread or file per round stands out from the tolerance. */
    static final int UPDATES = 12;
    static final int CYCLES = 10;
    /** Rounds before the baseline, so threads the engine and the framework start lazily are counted in it. */
    static final int WARM_UP_ROUNDS = 2;
    static final int EXTRA_CLASS_LOADERS_ALLOWED = 1;
    static final int EXTRA_THREADS_ALLOWED = 2;
    static final int FILE_TOLERANCE = 5;
    /** After the last round: File Install's refresh, the engine retiring the provider's workers, a full GC. */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);
    static final Pattern LINKAGE_ERRORS = Pattern.compile("ClassCastException|NoClassDefFoundError|LinkageError");
    /**
     * The first unit that each loaded version of the provider executes runs until its run is cancelled, later ones
     * answer at once: a static of a local class lives as long as the bundle's class loader.
     */
    static final String FIRST_RUN_HOLDS = """
            class FirstRun { static final java.util.concurrent.atomic.AtomicBoolean PENDING = new java.util.concurrent.atomic.AtomicBoolean(true); }
            if (FirstRun.PENDING.getAndSet(false)) { %s }""".formatted(InstallCommandIT.UNTIL_CANCELLED);

    private final Dropins dropins = new Dropins();
    private static Path cfg;
    private static String shippedCfg;

    @BeforeAll
    static void runDropinsOnThreads() throws IOException, InterruptedException {
        cfg = Product.engineCfg();
        shippedCfg = Files.readString(cfg);
        Files.writeString(cfg, shippedCfg + "\n" + EngineConfiguration.DROPIN_TARGET + " = threads\n");
    }

    @AfterAll
    static void restoreConfiguration() throws IOException {
        Files.writeString(cfg, shippedCfg);
    }

    @AfterEach
    void removeDroppedJars() throws IOException {
        dropins.close();
    }

    /** Scenario 12: each replacement cancels the old version's active run and the new version answers. */
    @Test
    void replacingADropinWhileItsProviderRunsCancelsTheOldRunAndKeepsNoOldClassLoaderThreadOrFile() throws Exception {
        String providerId = "lifecycle-update";
        List<WorkerJar> versions = new ArrayList<>();
        List<Path> jars = new ArrayList<>();
        for (int i = 0; i <= WARM_UP_ROUNDS + UPDATES; i++) {
            WorkerJar version = WorkerJar.provider(providerId).version("1.0." + i).answer("v" + i).unitFirst(FIRST_RUN_HOLDS);
            versions.add(version);
            jars.add(built(version));
        }
        try (Console console = Console.start("lifecycle-update")) {
            awaitPlatform(console);
            ProductJvm jvm = new ProductJvm(console.pid());
            dropins.drop(jars.get(0), versions.get(0));
            console.askUntil("pw:providers", a -> a.contains(listed(versions.get(0))), DropinsIT.DROPIN_TIMEOUT,
                    listed(versions.get(0)));

            ProductJvm.Snapshot baseline = null;
            long start = 0;
            for (int i = 1; i < versions.size(); i++) {
                if (i == WARM_UP_ROUNDS + 1) {
                    baseline = jvm.measure();
                    start = System.nanoTime();
                }
                WorkerJar current = versions.get(i - 1);
                WorkerJar next = versions.get(i);
                String held = holdARunAndAnswer(console, current);

                dropins.drop(jars.get(i), next);
                String reason = "Provider '" + providerId + "' was removed";
                assertEquals("CANCELED  " + reason, console.awaitEnd(held, providerId),
                        () -> "the run of " + current.version() + " when its jar was replaced\n" + console);
                console.askUntil("pw:providers", a -> a.contains(listed(next)) && !a.contains(listed(current)),
                        DropinsIT.DROPIN_TIMEOUT, listed(next) + " alone");
            }
            long updated = System.nanoTime();
            ProductJvm.Snapshot baselineSnapshot = baseline;
            ProductJvm.Snapshot after = jvm.measureUntil(s -> noGrowth(s, baselineSnapshot), SETTLE_TIMEOUT, baseline,
                    "no growth after " + UPDATES + " updates");

            String held = holdARunAndAnswer(console, versions.get(versions.size() - 1));
            assertTrue(console.ask("pw:cancel " + held).contains("Cancelling run " + held), console::toString);
            assertNoLinkageErrors(console);
            assertEquals(0, console.stop(), console::toString);
            System.out.printf("%d drop-in updates while running: %d ms; before %s, after %s, new threads %s%n",
                    UPDATES, Duration.ofNanos(updated - start).toMillis(), baseline.describe(), after.describe(),
                    after.newThreads(baseline));
        }
    }

    /** Scenario 14: a drop-in installed, run and uninstalled again and again leaves nothing behind. */
    @Test
    void installRunUninstallCyclesThroughDropinsKeepNoClassLoaderThreadOrFile() throws Exception {
        cycles("lifecycle-cycle", "threads");
    }

    /**
     * Scenario 14 with the runs on worker processes: each uninstall also ends the provider's processes, and the
     * product keeps no class loader, thread or file of the cycles.
     */
    @Test
    void installRunUninstallCyclesOnWorkerProcessesEndTheirProcessesAndKeepNothing() throws Exception {
        cycles("lifecycle-process", "processes");
    }

    private void cycles(String providerId, String target) throws Exception {
        WorkerJar worker = WorkerJar.provider(providerId);
        Path jar = built(worker);
        try (Console console = Console.start(providerId)) {
            awaitPlatform(console);
            ProductJvm jvm = new ProductJvm(console.pid());
            ProductJvm.Snapshot baseline = null;
            long start = 0;
            for (int cycle = 0; cycle < WARM_UP_ROUNDS + CYCLES; cycle++) {
                if (cycle == WARM_UP_ROUNDS) {
                    baseline = jvm.measure();
                    start = System.nanoTime();
                }
                Path installed = dropins.drop(jar, worker);
                console.askUntil("pw:providers", a -> a.contains(listed(worker)), DropinsIT.DROPIN_TIMEOUT, listed(worker));
                assertEquals("SUCCEEDED  " + worker.answer(), console.awaitEnd(
                        console.startRun(worker.providerId() + " --on " + target), worker.providerId()), console::toString);
                Files.delete(installed);
                console.askUntil("pw:providers",
                        a -> a.contains(DropinsIT.PLATFORM_READY) && !a.contains(worker.providerId() + " "),
                        DropinsIT.DROPIN_TIMEOUT, "no " + worker.providerId());
                for (ProcessHandle process : console.workerProcesses()) {
                    assertTrue(process.onExit().completeOnTimeout(null, WorkerProcessIT.ORPHAN_BAR.toMillis(),
                            TimeUnit.MILLISECONDS).get() != null, "worker process " + process.pid()
                            + " of the uninstalled provider is still alive");
                }
            }
            long cycled = System.nanoTime();
            ProductJvm.Snapshot baselineSnapshot = baseline;
            ProductJvm.Snapshot after = jvm.measureUntil(s -> noGrowth(s, baselineSnapshot), SETTLE_TIMEOUT, baseline,
                    "no growth after " + CYCLES + " install, run, uninstall cycles");

            assertNoLinkageErrors(console);
            assertEquals(0, console.stop(), console::toString);
            System.out.printf("%d drop-in install/run/uninstall cycles on %s: %d ms; before %s, after %s, new threads %s%n",
                    CYCLES, target, Duration.ofNanos(cycled - start).toMillis(), baseline.describe(), after.describe(),
                    after.newThreads(baseline));
        }
    }

    private static boolean noGrowth(ProductJvm.Snapshot now, ProductJvm.Snapshot baseline) {
        return now.bundleClassLoaders() <= baseline.bundleClassLoaders() + EXTRA_CLASS_LOADERS_ALLOWED
                && now.newThreads(baseline).size() <= EXTRA_THREADS_ALLOWED
                && Math.abs(now.openFiles().size() - baseline.openFiles().size()) <= FILE_TOLERANCE;
    }

    /**
     * Starts two runs of the worker: the one whose unit executes first holds its provider until cancelled, the other
     * must answer this version's value meanwhile. Returns the id of the run that holds.
     */
    private static String holdARunAndAnswer(Console console, WorkerJar worker) throws IOException, InterruptedException {
        String first = console.startRun(worker.providerId());
        String second = console.startRun(worker.providerId());
        Pattern oneEnded = Pattern.compile("(?m)^  (" + Pattern.quote(first) + "|" + Pattern.quote(second) + ")  "
                + Pattern.quote(worker.providerId()) + "  (SUCCEEDED|FAILED|CANCELED)  on \\S+  \\S+  (.*?)\\r?$");
        String runs = console.askUntil("pw:runs", a -> oneEnded.matcher(a).find(), Console.STEP_TIMEOUT,
                "run " + first + " or " + second + " ended");
        Matcher answered = oneEnded.matcher(runs);
        assertTrue(answered.find());
        assertEquals("SUCCEEDED  " + worker.answer(), answered.group(2) + "  " + answered.group(3),
                () -> "a run of " + worker.version() + "\n" + console);
        String held = answered.group(1).equals(first) ? second : first;
        assertTrue(runs.contains("  " + held + "  " + worker.providerId() + "  RUNNING  "),
                () -> "run " + held + " does not hold " + worker.version() + ":\n" + runs);
        return held;
    }

    private static void awaitPlatform(Console console) throws IOException, InterruptedException {
        console.askUntil("pw:providers", a -> a.contains(DropinsIT.PLATFORM_READY), Console.STEP_TIMEOUT,
                DropinsIT.PLATFORM_READY);
    }

    private static void assertNoLinkageErrors(Console console) throws IOException {
        String output = console.stdout() + console.stderr();
        assertFalse(LINKAGE_ERRORS.matcher(output).find(), () -> "linkage errors while updating drop-ins:\n" + console);
    }

    private static Path built(WorkerJar worker) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Product.WORK_DIR.resolve("lifecycle-jars"));
        return worker.writeTo(dir.resolve(worker.providerId() + "-" + worker.version() + ".jar"), Product.WORK_DIR);
    }
}
