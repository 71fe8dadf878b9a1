package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.testing.Waits;

/**
 * Where the engine runs a run left to it, and what a run on processes says when no worker process can start.
 * The product folder here is fake: its {@code felix.jar} is not a jar, so every worker process ends at once.
 */
class ExecutionTargetTest {

    static final Duration SHORT = Duration.ofSeconds(20);

    @TempDir
    Path home;
    private Engine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private Engine engineWithProcesses(EngineSettings settings) throws IOException {
        ProductHome product = new ProductHome(home);
        Files.createDirectories(product.bin());
        Files.createDirectories(product.conf());
        Files.writeString(product.bin().resolve(WorkerProcessLauncher.FELIX_JAR), "not a jar");
        Files.writeString(product.conf().resolve(WorkerProcessLauncher.WORKER_CONFIG), "");
        engine = new Engine(settings, WorkerProcessLauncher.forProduct(home), "");
        return engine;
    }

    @Test
    void autoRunsShippedProvidersOnThreadsAndDropinsAndIsolatedOnesOnProcesses() throws IOException {
        engineWithProcesses(new EngineSettings(1, 4, 1_000));
        List<String> bundle = List.of(home.resolve("bin/felix.jar").toUri().toString());
        engine.addProvider(provider("shipped", false), new ProviderOrigin("bundle shipped", true, () -> bundle));
        engine.addProvider(provider("dropin", false), new ProviderOrigin("bundle dropin", false, () -> bundle));
        engine.addProvider(provider("isolated", true), new ProviderOrigin("bundle isolated", true, () -> bundle));

        assertEquals(ExecutionTarget.THREADS, started("shipped", ExecutionTarget.AUTO).target());
        assertEquals(ExecutionTarget.PROCESSES, started("dropin", ExecutionTarget.AUTO).target());
        assertEquals(ExecutionTarget.PROCESSES, started("isolated", ExecutionTarget.AUTO).target());
        assertEquals(ExecutionTarget.THREADS, started("isolated", ExecutionTarget.THREADS).target(), "the user's choice wins");
        assertEquals(ExecutionTarget.PROCESSES, started("shipped", ExecutionTarget.PROCESSES).target());
    }

    @Test
    void theConfiguredDefaultsDecideForProvidersWithoutAPreference() throws IOException {
        engineWithProcesses(new EngineSettings(1, 4, 1_000, ExecutionTarget.PROCESSES, ExecutionTarget.THREADS,
                ProcessSettings.DEFAULT));
        engine.addProvider(provider("shipped", false), new ProviderOrigin("", true, List::of));
        engine.addProvider(provider("dropin", false), new ProviderOrigin("", false, List::of));

        assertEquals(ExecutionTarget.PROCESSES, started("shipped", ExecutionTarget.AUTO).target());
        assertEquals(ExecutionTarget.THREADS, started("dropin", ExecutionTarget.AUTO).target());
    }

    @Test
    void aWorkerProcessThatEndsBeforeItConnectsFailsTheRunAtOnceWithWhatItWrote() throws IOException {
        engineWithProcesses(new EngineSettings(1, 4, 30_000));
        engine.addProvider(provider("dropin", false), new ProviderOrigin("", false,
                () -> List.of(home.resolve("bin/felix.jar").toUri().toString())));

        RunOutcome outcome = Waits.outcome(engine.start("dropin", Parameters.NONE), SHORT);

        assertEquals(RunState.FAILED, outcome.state());
        assertTrue(outcome.reason().startsWith("Could not get a worker for unit 0: The worker process for provider 'dropin'"
                + " ended with exit code 1 before it connected; its last output: "), outcome.reason());
        assertTrue(outcome.reason().contains("felix.jar"), outcome.reason());
        assertTrue(outcome.elapsed().compareTo(Duration.ofSeconds(10)) < 0, "the run waited for its borrow time-out");
    }

    @Test
    void aProviderWithoutABundleCannotStartAWorkerProcessAndSaysSo() throws IOException {
        engineWithProcesses(new EngineSettings(1, 4, 30_000));
        engine.addProvider(provider("nobundle", false));

        RunOutcome outcome = Waits.outcome(engine.start("nobundle", Parameters.NONE,
                RunOptions.DEFAULT.withTarget(ExecutionTarget.PROCESSES)), SHORT);

        assertEquals("Could not get a worker for unit 0: the provider's bundle is not known", outcome.reason());
    }

    @Test
    void bundleLocationsThatAreNoFilesCannotStartInAWorkerProcess() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WorkerProcessLauncher.byReference("mvn:org.example/bundle/1.0"));
        assertEquals("Bundle mvn:org.example/bundle/1.0 cannot start in a worker process: not a file", e.getMessage());
        assertEquals("\"reference:" + home.toUri() + "\"", WorkerProcessLauncher.byReference("reference:" + home.toUri()));
    }

    /** A run started and cancelled at once: only where it was placed matters. */
    private RunHandle started(String providerId, ExecutionTarget target) {
        RunHandle run = engine.start(providerId, Parameters.NONE, RunOptions.DEFAULT.withTarget(target));
        run.cancel("seen where it runs");
        return run;
    }

    /** A provider of one unit that answers "ran". */
    static WorkProvider provider(String id, boolean prefersIsolation) {
        return new WorkProvider() {
            @Override
            public ProviderInfo info() {
                return new ProviderInfo(id, id, "", "1");
            }

            @Override
            public WorkPlan plan(Parameters parameters) {
                return WorkPlan.of(List.of(new WorkUnit(0, Map.of())), 1);
            }

            @Override
            public UnitResult execute(WorkUnit unit, UnitContext context) {
                return new UnitResult(unit.index(), "ran");
            }

            @Override
            public boolean prefersIsolation() {
                return prefersIsolation;
            }
        };
    }
}
