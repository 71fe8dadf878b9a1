package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.product.ProductProperties;
import org.parallelworkbench.engine.config.EngineConfiguration;

/**
 * Worker processes on the packaged product, on Felix: units that end their JVM in every way a unit can (exit, halt,
 * out of memory, SIGKILL), that ignore cancel, and that write garbage to stdout. Each crash fails only its run,
 * with a reason naming the process's end and the unit; a run on threads started first goes on, and the next run on
 * processes succeeds. One product serves all of them (JVMs are the cost here); drop-in providers run on processes
 * by default, so the runs need no option.
 */
class WorkerProcessIT {

    static final Duration STEP_TIMEOUT = Console.STEP_TIMEOUT;
    static final Duration CANCEL_BAR = Duration.ofSeconds(1);
    /** The issue's bar for workers of a product killed with SIGKILL. */
    static final Duration ORPHAN_BAR = Duration.ofSeconds(5);
    /** Unit code that writes the worker process's pid to data/<provider>.pid, so the test can find the process. */
    static final String WRITE_PID = "java.nio.file.Path pidDir = java.nio.file.Path.of(System.getProperty(\""
            + ProductProperties.HOME + "\"),"
            + " \"data\"); java.nio.file.Path pidPart = pidDir.resolve(\"%s.pid.\" + ProcessHandle.current().pid());"
            + " java.nio.file.Files.writeString(pidPart, Long.toString(ProcessHandle.current().pid()));"
            + " java.nio.file.Files.move(pidPart, pidDir.resolve(\"%<s.pid\"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,"
            + " java.nio.file.StandardCopyOption.REPLACE_EXISTING);";
    static final String PRINTS_GARBAGE = """
            System.out.println("hello from a unit on System.out");
            java.io.FileOutputStream fd1 = new java.io.FileOutputStream(java.io.FileDescriptor.out);
            fd1.write(new byte[] {0, 0, 0, 9, 5, 0, 0, 0, 0, 0, 0, 0, 7, (byte) 0xff, '\\n'});
            fd1.write("garbage straight to file descriptor 1\\n".getBytes());
            fd1.flush();
            System.err.println("hello from a unit on System.err");""";
    static final String OOM_PROVIDER = "pit-oom";

    static final WorkerJar FINE = WorkerJar.provider("pit-fine").answer("fine");
    static final WorkerJar EXITS = WorkerJar.provider("pit-exits").unitFirst("System.exit(3);");
    static final WorkerJar HALTS = WorkerJar.provider("pit-halts").unitFirst("Runtime.getRuntime().halt(5);");
    static final WorkerJar OOM = WorkerJar.provider(OOM_PROVIDER).unitFirst(
            "java.util.List<long[]> hog = new java.util.ArrayList<>(); while (hog.size() >= 0) { hog.add(new long[1 << 20]); }");
    static final WorkerJar KILLED = WorkerJar.provider("pit-killed")
            .unitFirst(WRITE_PID.formatted("pit-killed") + InstallCommandIT.UNTIL_CANCELLED);
    static final WorkerJar SPINS = WorkerJar.provider("pit-spins")
            .unitFirst(WRITE_PID.formatted("pit-spins") + " while (unit.index() >= 0) { Thread.interrupted(); }");
    static final WorkerJar PRINTS = WorkerJar.provider("pit-prints").answer("printed").unitFirst(PRINTS_GARBAGE);
    static final WorkerJar HOLDS = WorkerJar.provider("pit-holds")
            .unitFirst(WRITE_PID.formatted("pit-holds") + InstallCommandIT.UNTIL_CANCELLED);
    static final List<WorkerJar> WORKERS = List.of(FINE, EXITS, HALTS, OOM, KILLED, SPINS, PRINTS, HOLDS);

    private static final Dropins dropins = new Dropins();
    private static Path cfg;
    private static String shippedCfg;
    private static Console console;
    /** A ticker run on threads, started first: every crash must leave it running. */
    private static String tickerRun;

    @BeforeAll
    static void startProductWithTheWorkers() throws Exception {
        cfg = Product.engineCfg();
        shippedCfg = Files.readString(cfg);
        Files.writeString(cfg, shippedCfg + "\n" + EngineConfiguration.PROVIDER_JVM_OPTIONS_PREFIX + OOM_PROVIDER
                + " = -Xmx48m\n");
        for (WorkerJar worker : WORKERS) {
            dropins.drop(worker);
        }
        console = Console.start("worker-processes");
        for (WorkerJar worker : WORKERS) {
            console.askUntil("pw:providers", a -> a.contains(Dropins.listed(worker)), STEP_TIMEOUT, Dropins.listed(worker));
        }
        tickerRun = console.startRun("ticker intervalMillis=100");
    }

    @AfterAll
    static void stopProduct() throws Exception {
        try {
            if (console != null) {
                console.close();
            }
        } finally {
            dropins.close();
            Files.writeString(cfg, shippedCfg);
        }
    }

    @Test
    void aUnitThatCallsSystemExitFailsOnlyItsRunNamingTheExitCode() throws Exception {
        assertCrashedAndTheProductGoesOn(EXITS, "ended with exit code 3 while executing unit 0");
    }

    @Test
    void aUnitThatHaltsItsJvmFailsOnlyItsRunNamingTheExitCode() throws Exception {
        assertCrashedAndTheProductGoesOn(HALTS, "ended with exit code 5 while executing unit 0");
    }

    @Test
    void aUnitThatRunsOutOfMemoryFailsOnlyItsRunSayingSo() throws Exception {
        String reason = assertCrashedAndTheProductGoesOn(OOM, "ended with exit code 3 while executing unit 0");
        assertTrue(reason.contains("OutOfMemoryError"), reason);
    }

    @Test
    void aUnitWhoseProcessIsKilledFailsOnlyItsRunNamingTheSignal() throws Exception {
        String id = console.startRun(KILLED.providerId());
        ProcessHandle worker = workerOf(KILLED);
        assertTrue(worker.destroyForcibly(), "SIGKILL was not sent");
        String ended = console.awaitEnd(id, KILLED.providerId());
        assertTrue(ended.startsWith("FAILED  Worker process " + worker.pid() + " ended with signal 9 (SIGKILL")
                && ended.contains("while executing unit 0"), ended);
        assertTheProductGoesOn();
    }

    @Test
    void aUnitThatIgnoresCancelAndInterruptIsEndedByKillingItsProcessWithinOneSecond() throws Exception {
        String id = console.startRun(SPINS.providerId());
        ProcessHandle worker = workerOf(SPINS);
        Instant cancelled = Instant.now();
        assertTrue(console.ask("pw:cancel " + id).contains("Cancelling run " + id), console::toString);

        assertTrue(console.awaitEnd(id, SPINS.providerId()).startsWith("CANCELED  "), console::toString);
        Duration took = Duration.between(cancelled, endedAt(id));
        assertTrue(took.compareTo(CANCEL_BAR) < 0, "the run ended " + took.toMillis() + " ms after the cancel");
        awaitEnd(worker, ORPHAN_BAR, "the spinning unit's process still burns a core");
        assertTheProductGoesOn();
    }

    @Test
    void whatAUnitPrintsToStdoutEvenStraightToFileDescriptorOneGoesToTheLogAndBreaksNothing() throws Exception {
        assertEquals("printed", console.resultOf(PRINTS.providerId()));

        String log = console.stderr();
        assertTrue(log.contains("stdout: hello from a unit on System.out"), log);
        assertTrue(log.contains("stdout: garbage straight to file descriptor 1"), log);
        assertTrue(log.contains("stderr: hello from a unit on System.err"), log);
        assertTheProductGoesOn();
    }

    @Test
    void workersOfAProductKilledWithSigkillEndWithinFiveSeconds() throws Exception {
        try (Console doomed = Console.start("worker-orphans")) {
            doomed.askUntil("pw:providers", a -> a.contains(Dropins.listed(HOLDS)), STEP_TIMEOUT, Dropins.listed(HOLDS));
            Files.deleteIfExists(pidFile(HOLDS));
            doomed.startRun(HOLDS.providerId());
            ProcessHandle worker = workerOf(HOLDS);
            assertTrue(worker.parent().map(ProcessHandle::pid).orElse(-1L) == doomed.pid(),
                    "the worker is not the product's child");

            ProcessHandle.of(doomed.pid()).orElseThrow().destroyForcibly();
            awaitEnd(worker, ORPHAN_BAR, "the worker process outlived its product by more than " + ORPHAN_BAR.toSeconds() + " s");
        }
    }

    /** The run fails with a reason naming the worker process and this text; returns the reason. */
    private static String assertCrashedAndTheProductGoesOn(WorkerJar worker, String expected) throws Exception {
        String ended = console.awaitEnd(console.startRun(worker.providerId()), worker.providerId());
        assertTrue(ended.startsWith("FAILED  Worker process ") && ended.contains(expected), ended);
        assertTheProductGoesOn();
        return ended;
    }

    /** The ticker on threads still runs, and a run on processes succeeds. */
    private static void assertTheProductGoesOn() throws Exception {
        console.askUntil("pw:runs", a -> a.contains("  " + tickerRun + "  ticker  RUNNING  "), STEP_TIMEOUT,
                "the ticker run " + tickerRun + " still RUNNING");
        String id = console.startRun(FINE.providerId());
        assertEquals("SUCCEEDED  fine", console.awaitEnd(id, FINE.providerId()), console::toString);
        assertTrue(console.stderr().contains("Run " + id + " (Generated pit-fine run #") && Pattern
                .compile("Run " + Pattern.quote(id) + " \\([^)]*\\): SCHEDULED on processes").matcher(console.stderr()).find(),
                "the run did not execute on processes");
    }

    static Path pidFile(WorkerJar worker) throws IOException, InterruptedException {
        return Product.home().resolve("data").resolve(worker.providerId() + ".pid");
    }

    /** The worker process executing the provider's unit, once the unit wrote its pid. */
    private static ProcessHandle workerOf(WorkerJar worker) throws IOException, InterruptedException {
        return workerOf(worker, console);
    }

    /** The worker process executing the provider's unit (see {@link #WRITE_PID}), once the unit wrote its pid. */
    static ProcessHandle workerOf(WorkerJar worker, Console product) throws IOException, InterruptedException {
        Path file = pidFile(worker);
        FileChanges.await(file, () -> Files.isRegularFile(file), STEP_TIMEOUT, () -> "the unit of " + worker.providerId()
                + " did not start:\n" + product);
        long pid = Long.parseLong(Files.readString(file).trim());
        Files.delete(file);
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        assertTrue(process.isPresent(), "worker process " + pid + " is gone already");
        return process.get();
    }

    private static void awaitEnd(ProcessHandle process, Duration timeout, String message) throws Exception {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail(message + " (pid " + process.pid() + ")");
        }
    }

    /** When the journal says the run ended. */
    static Instant endedAt(String runId) throws IOException, InterruptedException {
        Path file = Product.home().resolve("data/journal/runs.jsonl");
        Pattern ended = Pattern.compile("\"type\":\"ended\"[^\\n]*\"runId\":\"" + Pattern.quote(runId)
                + "\"[^\\n]*\"endedAt\":\"([^\"]+)\"");
        // The journal records the end on its own thread, after the run's outcome is known.
        FileChanges.await(file, () -> ended.matcher(Files.readString(file)).find(), STEP_TIMEOUT,
                () -> "run " + runId + " has no end in the journal:\n" + Product.readQuietly(file));
        Matcher found = ended.matcher(Files.readString(file));
        if (!found.find()) {
            fail("run " + runId + " has no end in the journal");
        }
        return Instant.parse(found.group(1));
    }
}
