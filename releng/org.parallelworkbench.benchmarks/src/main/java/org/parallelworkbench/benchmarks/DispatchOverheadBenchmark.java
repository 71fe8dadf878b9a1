package org.parallelworkbench.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.engine.internal.BenchmarkEngine;

/**
 * The engine against a plain fixed-size {@link ExecutorService} with as many threads as the engine has
 * workers, on the same units: {@value #UNITS_PER_RUN} units per operation (one engine run), each busy for
 * {@code unitMicros}. The score is wall time per unit, so for empty units it is the per-unit overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DispatchOverheadBenchmark {

    public static final int UNITS_PER_RUN = 10_000;
    public static final String EXECUTOR = "executor";
    public static final String ENGINE = "engine";

    /** Who runs the units. */
    @Param({ EXECUTOR, ENGINE })
    public String runner;

    /** Busy time of each unit. */
    @Param({ "10", "0" })
    public int unitMicros;

    /** Engine workers and executor threads; the runner sets it to the number of processors. */
    @Param({ "2" })
    public int threads;

    private FixedUnitsProvider provider;
    private BenchmarkEngine engine;
    private ExecutorService executor;

    @Setup
    public void setUp() {
        BenchmarkLogging.quiet();
        List<WorkUnit> units = IntStream.range(0, UNITS_PER_RUN).mapToObj(i -> new WorkUnit(i, Map.of()))
                .toList();
        provider = new FixedUnitsProvider(units, TimeUnit.MICROSECONDS.toNanos(unitMicros));
        if (runner.equals(ENGINE)) {
            engine = new BenchmarkEngine(threads, provider);
        } else {
            executor = Executors.newFixedThreadPool(threads);
        }
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        if (engine != null) {
            engine.close();
        }
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(Runs.RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(UNITS_PER_RUN)
    public Object run() throws InterruptedException {
        return engine != null ? Runs.onEngine(engine.jobService(), FixedUnitsProvider.ID, Parameters.NONE)
                : Runs.onExecutor(executor, provider, provider.units());
    }
}
