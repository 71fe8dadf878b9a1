package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.engine.config.EngineConfiguration;
import org.parallelworkbench.testing.Waits;

/** The engine's internals with settings chosen by the test, without DS. */
class EngineTest extends EngineTestBase {

    @Test
    void runNeverExceedsItsMaxConcurrentUnitsEvenWithMoreWorkers() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CyclicBarrier wave = new CyclicBarrier(3); // 60 units meet in waves of 3: the cap is reached for certain
        engine(8).addProvider(TestProvider.finite("capped", 60, 3, (unit, ctx) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                TestUnits.meet(wave);
            } finally {
                running.decrementAndGet();
            }
            return "done";
        }));

        RunOutcome outcome = Waits.outcome(engine.start("capped", Parameters.NONE), Duration.ofSeconds(10));

        assertEquals(RunState.SUCCEEDED, outcome.state(), outcome.reason());
        assertEquals(3, maxRunning.get(), "units executing at once (the cap is 3, the pool 8)");
    }

    @Test
    void aWorkerWhoseUnitThrewIsDestroyedAndAHealthyOneIsReused() {
        AtomicReference<Thread> thrower = new AtomicReference<>();
        AtomicReference<Thread> healthy = new AtomicReference<>();
        AtomicReference<Thread> reused = new AtomicReference<>();
        engine(1);
        engine.addProvider(TestProvider.finite("throws", 1, 1, (unit, ctx) -> {
            thrower.set(Thread.currentThread());
            throw new IllegalStateException("broken");
        }));
        engine.addProvider(TestProvider.finite("works", 1, 1, (unit, ctx) -> {
            (healthy.get() == null ? healthy : reused).set(Thread.currentThread());
            return "ok";
        }));

        assertEquals(RunState.FAILED, Waits.outcome(engine.start("throws", Parameters.NONE), SHORT).state());
        assertEquals(RunState.SUCCEEDED, Waits.outcome(engine.start("works", Parameters.NONE), SHORT).state());
        assertEquals(RunState.SUCCEEDED, Waits.outcome(engine.start("works", Parameters.NONE), SHORT).state());

        Waits.until(() -> !thrower.get().isAlive(), SHORT, () -> "the worker that threw is still alive");
        assertNotEquals(thrower.get(), healthy.get(), "the worker that threw was reused");
        assertEquals(healthy.get(), reused.get(), "a healthy worker was not reused");
        assertTrue(healthy.get().getName().startsWith("pw-worker-"), healthy.get().getName());
        assertTrue(healthy.get().isDaemon(), "worker threads must not keep the JVM alive");
    }

    @Test
    void anIdleWorkerKeepsNothingOfTheRunItLastWorkedFor() {
        engine(1);
        engine.addProvider(TestProvider.finite("forgotten", 1, 1, (unit, ctx) -> "done"));
        WeakReference<RunHandle> finished = finishedRun("forgotten");

        // The worker thread now waits for its next shift; what it worked for must be free to go, or a
        // removed provider's class loader stays reachable through its last run.
        Waits.until(() -> {
            System.gc();
            return finished.get() == null;
        }, SHORT, () -> "a finished run is still reachable, e.g. from its idle worker's stack");
    }

    private WeakReference<RunHandle> finishedRun(String providerId) {
        RunHandle run = engine.start(providerId, Parameters.NONE);
        assertEquals(RunState.SUCCEEDED, Waits.outcome(run, SHORT).state());
        return new WeakReference<>(run);
    }

    @Test
    void closeCancelsAllRunsAndLeavesNoWorkerThread() {
        CountDownLatch busy = new CountDownLatch(4);
        engine(4).addProvider(new TestProvider("waits", p -> WorkPlan.open(i -> new WorkUnit(i, Map.of()), 2),
                (unit, ctx) -> {
                    busy.countDown();
                    return TestUnits.awaitInterrupt();
                }));
        List<RunHandle> runs = List.of(engine.start("waits", Parameters.NONE), engine.start("waits", Parameters.NONE));
        Waits.await(busy, SHORT, "the 4 workers never got busy");
        assertEquals(4, engine.pool().liveThreads().size(), () -> "workers busy: " + engine.pool().liveThreads());

        long startNanos = System.nanoTime();
        engine.close();

        assertTrue(System.nanoTime() - startNanos < Duration.ofSeconds(2).toNanos(), "close took too long");
        for (RunHandle run : runs) {
            RunOutcome outcome = Waits.outcome(run, Duration.ofSeconds(1));
            assertEquals(RunState.CANCELED, outcome.state());
            assertEquals(Engine.ENGINE_STOPPED, outcome.reason());
        }
        assertEquals(List.of(), engine.pool().liveThreads(), "worker threads alive after close");
        assertTrue(engine.activeRuns().isEmpty(), "active runs after close");
        assertThrows(IllegalStateException.class, () -> engine.start("waits", Parameters.NONE));
    }

    @Test
    void runsBeyondMaxConcurrentRunsWaitAndCanBeCancelledBeforeTheyStart() {
        engine(4).addProvider(new TestProvider("waits", p -> WorkPlan.open(i -> new WorkUnit(i, Map.of()), 1),
                (unit, ctx) -> {
                    return TestUnits.awaitInterrupt();
                }));
        List<RunHandle> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(engine.start("waits", Parameters.NONE));
        }
        Waits.until(() -> runs.stream().filter(r -> r.state() == RunState.RUNNING).count() == 4, SHORT,
                () -> "states " + runs.stream().map(RunHandle::state).toList());
        assertEquals(RunState.SCHEDULED, runs.get(5).state(), "a fifth run started beyond maxConcurrentRuns 4");
        RunHandle waiting = runs.stream().filter(r -> r.state() == RunState.SCHEDULED).findFirst().orElseThrow();

        waiting.cancel("not needed");

        RunOutcome outcome = Waits.outcome(waiting, Duration.ofSeconds(1));
        assertEquals(RunState.CANCELED, outcome.state());
        assertEquals("not needed", outcome.reason());
        assertFalse(engine.activeRuns().contains(waiting), "a cancelled run is still listed as active");
    }

    @Test
    void aRunThatGetsNoWorkerFailsAfterTheBorrowTimeoutInsteadOfWaitingForever() {
        engine(new EngineSettings(1, 4, 200));
        CountDownLatch holding = new CountDownLatch(1);
        engine.addProvider(TestProvider.finite("holder", 1, 1, (unit, ctx) -> {
            holding.countDown();
            Waits.await(release, SHORT, "never released");
            return "held";
        }));
        engine.addProvider(TestProvider.finite("starved", 1, 1, (unit, ctx) -> "fed"));
        try {
            RunHandle holder = engine.start("holder", Parameters.NONE);
            Waits.await(holding, SHORT, "the only worker never got busy");
            assertEquals(1, engine.pool().liveThreads().size(), () -> "workers: " + engine.pool().liveThreads());

            long startNanos = System.nanoTime();
            RunOutcome starved = Waits.outcome(engine.start("starved", Parameters.NONE), Duration.ofSeconds(2));

            assertEquals(RunState.FAILED, starved.state());
            assertTrue(starved.reason().contains("No worker became free") && starved.reason().contains("200 ms"),
                    starved.reason());
            assertTrue(System.nanoTime() - startNanos < Duration.ofMillis(200 + 500).toNanos(), "waited far too long");
            release.countDown();
            assertEquals(RunState.SUCCEEDED, Waits.outcome(holder, SHORT).state());
        } finally {
            release.countDown();
        }
    }

    @Test
    void newSettingsApplyWithoutCancellingActiveRuns() {
        engine(new EngineSettings(2, 1, BORROW_TIMEOUT_MILLIS)).addProvider(new TestProvider("waits",
                p -> WorkPlan.open(i -> new WorkUnit(i, Map.of()), 1), (unit, ctx) -> {
                    Waits.await(release, Duration.ofSeconds(30), "never released");
                    return "released";
                }));
        RunHandle first = engine.start("waits", Parameters.NONE);
        Waits.until(() -> first.state() == RunState.RUNNING, SHORT, () -> "the first run never ran");

        engine.update(new EngineSettings(4, 2, 100));

        assertEquals(4, engine.pool().size(), "pool size after the update");
        assertEquals(new EngineSettings(4, 2, 100), engine.settings());
        RunHandle second = engine.start("waits", Parameters.NONE);
        Waits.until(() -> second.state() == RunState.RUNNING, SHORT,
                () -> "a second run did not start under maxConcurrentRuns 2: " + second.state());
        assertEquals(RunState.RUNNING, first.state(), "the update disturbed the active run");
        assertEquals(2, engine.activeRuns().size());
    }

    @Test
    void theComponentAppliesAChangedConfigurationToItsEngine() {
        JobServiceComponent component = new JobServiceComponent(config(2, 1, 100), Map.of(),
                FrameworkUtil.getBundle(EngineTest.class).getBundleContext());
        try {
            component.modified(config(3, 2, 200), Map.of());

            assertEquals(new EngineSettings(3, 2, 200), component.engine().settings());
            assertEquals(3, component.engine().pool().size());
        } finally {
            component.deactivate();
        }
    }

    @Test
    void runIdsAreShortSortableAndDifferFromAnEarlierEngineLife() {
        RunIds earlier = new RunIds(1_764_000_000_000L);
        RunIds later = new RunIds(1_764_000_000_001L);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(earlier.id(earlier.nextNumber()));
        }
        String afterRestart = later.id(later.nextNumber());

        assertEquals(ids.stream().sorted().toList(), ids, "ids of one engine life sort in start order");
        assertTrue(ids.stream().allMatch(id -> id.matches("[0-9a-z]{8}-[0-9a-z]{4}")), ids.toString());
        assertFalse(ids.contains(afterRestart), "an id repeated after a restart");
        assertTrue(afterRestart.compareTo(ids.get(ids.size() - 1)) > 0, "a later life's id sorts after");
        engine(1).addProvider(TestProvider.finite("named", 1, 1, (unit, ctx) -> "x"));
        RunHandle run = engine.start("named", Parameters.NONE);
        assertTrue(run.toString().endsWith("(named run #1)"), run.toString());
        assertTrue(run.id().matches("[0-9a-z]{8}-0001"), run.id());
    }

    @Test
    void settingsOutOfRangeFallBackToDefaultsAndZeroPoolMeansOnePerProcessor() {
        EngineSettings settings = EngineSettings.from(config(0, -1, 0));

        assertEquals(Runtime.getRuntime().availableProcessors(), settings.poolSize());
        assertEquals(EngineConfiguration.DEFAULT_MAX_CONCURRENT_RUNS, settings.maxConcurrentRuns());
        assertEquals(EngineConfiguration.DEFAULT_BORROW_TIMEOUT_MILLIS, settings.borrowTimeoutMillis());
        assertEquals(new EngineSettings(3, 2, 10), EngineSettings.from(config(3, 2, 10)));
    }

    /** Declarative Services names a property after its method, so the methods must be the documented keys. */
    @Test
    void theComponentReadsEveryDocumentedKeyWithItsDocumentedDefault() {
        Map<String, Object> declared = new HashMap<>();
        for (Method key : EngineConfig.class.getDeclaredMethods()) {
            declared.put(key.getName(), key.getDefaultValue());
        }

        assertEquals(EngineConfiguration.defaults(), declared);
    }

    private static EngineConfig config(int poolSize, int maxConcurrentRuns, long borrowTimeoutMillis) {
        return config(poolSize, maxConcurrentRuns, borrowTimeoutMillis, "threads", 0, 0);
    }

    private static EngineConfig config(int poolSize, int maxConcurrentRuns, long borrowTimeoutMillis, String defaultTarget,
            int processPoolSize, long processMaxUnits) {
        return new EngineConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return EngineConfig.class;
            }

            @Override
            public int poolSize() {
                return poolSize;
            }

            @Override
            public int maxConcurrentRuns() {
                return maxConcurrentRuns;
            }

            @Override
            public long borrowTimeoutMillis() {
                return borrowTimeoutMillis;
            }

            @Override
            public String defaultTarget() {
                return defaultTarget;
            }

            @Override
            public String dropinTarget() {
                return "processes";
            }

            @Override
            public int processPoolSize() {
                return processPoolSize;
            }

            @Override
            public long processIdleMillis() {
                return EngineConfiguration.DEFAULT_PROCESS_IDLE_MILLIS;
            }

            @Override
            public long processMaxUnits() {
                return processMaxUnits;
            }

            @Override
            public String processJvmOptions() {
                return EngineConfiguration.DEFAULT_PROCESS_JVM_OPTIONS;
            }
        };
    }

    @Test
    void processSettingsComeFromTheConfigurationWithJvmOptionsPerProvider() {
        EngineSettings settings = EngineSettings.from(config(1, 1, 1, "processes", 3, 500),
                Map.of("processJvmOptions.primes", " -Xmx64m  -Dx=y ", "poolSize", 1));

        assertEquals(ExecutionTarget.PROCESSES, settings.shippedTarget());
        assertEquals(ExecutionTarget.PROCESSES, settings.dropinTarget());
        assertEquals(3, settings.processes().maxProcesses());
        assertEquals(500, settings.processes().maxUnitsPerProcess());
        assertEquals(List.of("-Xmx1g", "-Xmx64m", "-Dx=y"), settings.processes().jvmOptions("primes"));
        assertEquals(List.of("-Xmx1g"), settings.processes().jvmOptions("ticker"));
    }

    @Test
    void aSettingsChangeIsDescribedByWhatChanged() {
        EngineSettings before = new EngineSettings(2, 4, 100);
        EngineSettings after = EngineSettings.from(config(3, 4, 100, "threads", 0, 5));

        assertEquals("poolSize 2 -> 3, processes.maxUnitsPerProcess 0 -> 5", after.changesFrom(before));
        assertEquals("", after.changesFrom(after));
    }

    @Test
    void aTargetThatIsNoPlaceFallsBackToItsDefaultAndZeroProcessesMeansOnePerProcessor() {
        EngineSettings settings = EngineSettings.from(config(1, 1, 1, "auto", 0, -5));

        assertEquals(EngineSettings.DEFAULT_SHIPPED_TARGET, settings.shippedTarget());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.processes().maxProcesses());
        assertEquals(0, settings.processes().maxUnitsPerProcess());
        assertEquals(EngineSettings.DEFAULT_SHIPPED_TARGET, EngineSettings.from(config(1, 1, 1, "nowhere", 1, 0)).shippedTarget());
        assertEquals(ExecutionTarget.CLUSTER, EngineSettings.from(config(1, 1, 1, "cluster", 1, 0)).shippedTarget());
    }

    @Test
    void processesAskedForWhereNoneCanStartAreRefusedSayingWhyAndAutoRunsOnThreads() {
        engine(1).addProvider(TestProvider.finite("prefers", 1, 1, (unit, ctx) -> "x"));
        engine.addProvider(ExecutionTargetTest.provider("isolated", true));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> engine.start("prefers", Parameters.NONE, RunOptions.DEFAULT.withTarget(ExecutionTarget.PROCESSES)));
        assertEquals("Provider 'prefers' cannot run on processes: Worker processes are not available in this runtime",
                refused.getMessage());
        assertEquals(ExecutionTarget.THREADS, engine.start("prefers", Parameters.NONE).target());
        RunHandle isolated = engine.start("isolated", Parameters.NONE);
        assertEquals(ExecutionTarget.THREADS, isolated.target(), "no processes here: AUTO falls back to threads");
        assertEquals(RunState.SUCCEEDED, Waits.outcome(isolated, SHORT).state());
    }
}
