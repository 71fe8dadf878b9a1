package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.product.ProductProperties;
import org.parallelworkbench.engine.config.EngineConfiguration;

/**
 * The reliability scenarios of {@code shared/notes/reliability-scenarios.md} that concern a pool, on worker
 * processes of the packaged product (scenarios 1, 6, 9, 10, 11; 2 and the crash cases are in
 * {@link WorkerProcessIT}), and a unit retried in a fresh process after its process died.
 */
class WorkerProcessReliabilityIT {

    static final Duration STEP_TIMEOUT = Console.STEP_TIMEOUT;
    static final Duration CANCEL_BAR = WorkerProcessIT.CANCEL_BAR;
    static final Duration PROCESS_END_BAR = WorkerProcessIT.ORPHAN_BAR;
    static final int RUNS = 12;
    /** Scenario 3's number: each is two console round trips, about 40 ms. */
    static final int CHURN_RUNS = 1_000;
    static final int CHURN_WARM_UP_RUNS = 10;
    static final int EXTRA_THREADS_ALLOWED = DropinLifecycleIT.EXTRA_THREADS_ALLOWED;
    static final int FILE_TOLERANCE = DropinLifecycleIT.FILE_TOLERANCE;
    static final Duration CHURN_SETTLE = Duration.ofSeconds(20);
    /** A unit that waits until cancelled and then returns normally (a unit that throws is never reused). */
    static final String RETURNS_ON_CANCEL = "Object cancelled = new Object(); synchronized (cancelled) {"
            + " while (!context.isCanceled()) { try { cancelled.wait(); } catch (InterruptedException e) { } } }";

    private final Dropins dropins = new Dropins();

    @AfterEach
    void removeDroppedJars() throws Exception {
        dropins.close();
    }

    /** Scenarios 1 and 10: many runs on processes, cancelled at once, end within 1 s; stopping leaves no worker. */
    @Test
    void manyRunsOnProcessesCancelledAtOnceEndWithinOneSecondAndStoppingTheProductEndsItsWorkers() throws Exception {
        WorkerJar holds = WorkerJar.provider("pir-holds").unitFirst(WorkerProcessIT.WRITE_PID.formatted("pir-holds")
                + RETURNS_ON_CANCEL);
        dropins.drop(holds);
        try (Console console = started("pir-many", holds)) {
            List<String> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(console.startRun(holds.providerId()));
            }
            ProcessHandle worker = WorkerProcessIT.workerOf(holds, console);
            Map<String, Instant> cancelled = new LinkedHashMap<>();
            for (String run : runs) {
                cancelled.put(run, Instant.now());
                console.ask("pw:cancel " + run);
            }
            for (String run : runs) {
                assertTrue(console.awaitEnd(run, holds.providerId()).startsWith("CANCELED  "), console::toString);
                Duration took = Duration.between(cancelled.get(run), WorkerProcessIT.endedAt(run));
                assertTrue(took.compareTo(CANCEL_BAR) < 0, "run " + run + " ended " + took.toMillis() + " ms after its cancel");
            }
            // The cancelled runs' processes are either kept idle or, when Commons Pool makes room for another
            // borrower of the same key, replaced: which one is a race of the pool's, so neither is asserted.
            System.out.println("pir-holds worker " + worker.pid() + " after the cancels: " + (worker.isAlive() ? "kept" : "replaced"));

            // Scenario 10: stopping the product with a run active on a worker process ends that process.
            Files.deleteIfExists(WorkerProcessIT.pidFile(holds)); // a cancelled run's unit may have written it last
            String active = console.startRun(holds.providerId());
            ProcessHandle busy = WorkerProcessIT.workerOf(holds, console);
            assertEquals(0, console.stop(), console::toString);
            awaitEnd(busy, "the worker process of run " + active + " outlived the product's orderly stop");
        }
    }

    /**
     * Scenario 3 on processes: runs started and cancelled in a row, many while their worker process is still
     * being borrowed or started, leave no thread, open file or worker process beyond the pool behind.
     */
    @Test
    void runsStartedAndCancelledInARowLeaveNoThreadFileOrProcessBehind() throws Exception {
        WorkerJar holds = WorkerJar.provider("pir-churn").unitFirst(RETURNS_ON_CANCEL);
        dropins.drop(holds);
        try (Console console = started("pir-churn", holds)) {
            ProductJvm jvm = new ProductJvm(console.pid());
            startAndCancel(console, holds, CHURN_WARM_UP_RUNS);
            ProductJvm.Snapshot baseline = jvm.measure();

            startAndCancel(console, holds, CHURN_RUNS);

            // The scenario's bar is a count: pools of the JDK and of Jobs (process reaper, common pool, Worker-n)
            // come and go by name with the load, which a comparison by name would count as growth.
            jvm.measureUntil(now -> now.threads().size() <= baseline.threads().size() + EXTRA_THREADS_ALLOWED
                    && now.openFiles().size() <= baseline.openFiles().size() + FILE_TOLERANCE, CHURN_SETTLE, baseline,
                    "threads and open files back after " + CHURN_RUNS + " runs started and cancelled");
            List<ProcessHandle> workers = console.workerProcesses();
            assertTrue(workers.size() <= Runtime.getRuntime().availableProcessors(),
                    () -> workers.size() + " worker processes, more than the pool's " + Runtime.getRuntime().availableProcessors());
        }
    }

    /** Starts a run and cancels it at once, this many times; each ends CANCELED. */
    private static void startAndCancel(Console console, WorkerJar worker, int runs) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String id = console.startRun(worker.providerId());
            console.ask("pw:cancel " + id);
            ids.add(id);
        }
        console.askUntil("pw:runs", a -> a.contains("No active runs."), STEP_TIMEOUT, "no active runs");
        String last = ids.getLast();
        assertTrue(console.awaitEnd(last, worker.providerId()).startsWith("CANCELED  "), console::toString);
    }

    /** Scenario 6: a unit that throws fails its run naming the unit and its message; its process is not reused. */
    @Test
    void aUnitThatThrowsFailsItsRunNamingTheUnitAndItsProcessIsReplaced() throws Exception {
        WorkerJar throwsOnce = WorkerJar.provider("pir-throws").unitFirst(WorkerProcessIT.WRITE_PID.formatted("pir-throws")
                + " if (unit.index() == 0) { throw new IllegalStateException(\"no luck with unit \" + unit.index()); }");
        dropins.drop(throwsOnce);
        try (Console console = started("pir-throws", throwsOnce)) {
            String id = console.startRun(throwsOnce.providerId());
            ProcessHandle worker = WorkerProcessIT.workerOf(throwsOnce, console);
            assertEquals("FAILED  Unit 0 failed after 1 attempt: no luck with unit 0", console.awaitEnd(id, throwsOnce.providerId()));
            awaitEnd(worker, "the worker process whose unit threw was kept");
            assertTrue(console.stderr().contains("java.lang.IllegalStateException: no luck with unit 0"),
                    "the unit's stack trace from its process is not in the log:\n" + console.stderr());
        }
    }

    /** Scenario 9: a worker process that cannot start fails the run at once with its reason. */
    @Test
    void aWorkerProcessThatCannotStartFailsTheRunAtOnceWithTheJvmsWords() throws Exception {
        WorkerJar badJvm = WorkerJar.provider("pir-badjvm");
        dropins.drop(badJvm);
        Path cfg = Product.engineCfg();
        String shipped = Files.readString(cfg);
        try {
            Files.writeString(cfg, shipped + "\n" + EngineConfiguration.PROVIDER_JVM_OPTIONS_PREFIX
                    + "pir-badjvm = -XX:+NoSuchOptionAtAll\n");
            Command.Result headless = CliIT.run("run", badJvm.providerId());
            assertEquals(1, headless.exitCode(), headless::describe);
            assertTrue(headless.stderr().contains("before it connected")
                    && headless.stderr().contains("Unrecognized VM option 'NoSuchOptionAtAll'"), headless::describe);
            assertTrue(headless.elapsed().compareTo(Duration.ofSeconds(20)) < 0, "the run waited for its borrow time-out");
        } finally {
            Files.writeString(cfg, shipped);
        }
    }

    /** Scenario 11: uninstalling a provider mid-run cancels its runs with the reason and ends its processes. */
    @Test
    void uninstallingAProviderMidRunCancelsItsRunsAndEndsItsProcesses() throws Exception {
        WorkerJar uninstalled = WorkerJar.provider("pir-uninstalled").unitFirst(
                WorkerProcessIT.WRITE_PID.formatted("pir-uninstalled") + InstallCommandIT.UNTIL_CANCELLED);
        Path jar = dropins.drop(uninstalled);
        try (Console console = started("pir-uninstall", uninstalled)) {
            String id = console.startRun(uninstalled.providerId());
            ProcessHandle worker = WorkerProcessIT.workerOf(uninstalled, console);
            Files.delete(jar);
            assertEquals("CANCELED  Provider 'pir-uninstalled' was removed", console.awaitEnd(id, uninstalled.providerId()));
            awaitEnd(worker, "the uninstalled provider's worker process is still alive");
        }
    }

    /** A unit whose process died is tried again, in a fresh process, when the run has retries. */
    @Test
    void aUnitWhoseProcessDiedIsTriedAgainInAFreshProcess() throws Exception {
        Path marker = Product.home().resolve("data/pir-once.marker");
        Files.deleteIfExists(marker);
        WorkerJar once = WorkerJar.provider("pir-once").answer("second life").unitFirst("""
                java.nio.file.Path marker = java.nio.file.Path.of(System.getProperty("%s"), "data", "pir-once.marker");
                if (!java.nio.file.Files.exists(marker)) { java.nio.file.Files.createFile(marker); System.exit(7); }"""
                .formatted(ProductProperties.HOME));
        dropins.drop(once);
        try {
            Command.Result result = CliIT.run("run", once.providerId(), "--retries", "1");
            assertEquals(0, result.exitCode(), result::describe);
            assertTrue(result.stdout().contains("second life"), result::describe);
            assertTrue(Files.exists(marker), "the first attempt did not run");
        } finally {
            Files.deleteIfExists(marker);
        }
    }

    private static Console started(String name, WorkerJar worker) throws Exception {
        Console console = Console.start(name);
        console.askUntil("pw:providers", a -> a.contains(Dropins.listed(worker)), STEP_TIMEOUT, Dropins.listed(worker));
        return console;
    }

    private static void awaitEnd(ProcessHandle process, String message) throws Exception {
        try {
            process.onExit().get(PROCESS_END_BAR.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail(message + " (pid " + process.pid() + ")");
        }
    }
}
