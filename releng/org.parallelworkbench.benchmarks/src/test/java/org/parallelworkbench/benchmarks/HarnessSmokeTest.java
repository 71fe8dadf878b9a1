package org.parallelworkbench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.parallelworkbench.benchmarks.QueuedUnitMemory.UnitShape;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.engine.internal.BenchmarkEngine;

/** Seconds-long checks that the harness measures what it says; the measurements themselves run elsewhere. */
class HarnessSmokeTest {

    private static final int UNITS = 500;

    @Test
    void engineAndExecutorReturnTheSameResultsForTheSameUnits() throws InterruptedException {
        List<WorkUnit> units = IntStream.range(0, UNITS).mapToObj(i -> new WorkUnit(i, Map.of())).toList();
        FixedUnitsProvider provider = new FixedUnitsProvider(units, TimeUnit.MICROSECONDS.toNanos(10));
        List<UnitResult> onEngine;
        try (BenchmarkEngine engine = new BenchmarkEngine(2, provider)) {
            onEngine = Runs.onEngine(engine.jobService(), FixedUnitsProvider.ID, Parameters.NONE).results();
        }
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            assertEquals(onEngine, Runs.onExecutor(executor, provider, units));
        } finally {
            executor.shutdownNow();
        }
        assertEquals(UNITS, onEngine.size(), "every unit's result");
    }

    @Test
    void primeProviderCountsLikeASieve() throws InterruptedException {
        int limit = 100_000;
        boolean[] composite = new boolean[limit];
        int primes = 0;
        for (int n = 2; n < limit; n++) {
            if (!composite[n]) {
                primes++;
                for (long m = (long) n * n; m < limit; m += n) {
                    composite[(int) m] = true;
                }
            }
            assertEquals(!composite[n], ProcessBenchProvider.isPrime(n), "is " + n + " prime");
        }
        try (BenchmarkEngine engine = new BenchmarkEngine(2, new PrimeRangeProvider())) {
            Parameters parameters = Parameters.NONE.with(PrimeRangeProvider.LIMIT, Integer.toString(limit))
                    .with(PrimeRangeProvider.UNITS, "7");
            assertEquals(Integer.toString(primes),
                    Runs.onEngine(engine.jobService(), PrimeRangeProvider.ID, parameters).summary());
        }
    }

    @Test
    void queuedEmptyUnitsCostAboutTheirWorkUnitAndPlanSlot() throws InterruptedException {
        double bytes = QueuedUnitMemory.bytesPerUnit(200_000, UnitShape.EMPTY);
        assertTrue(bytes > 16 && bytes < 100, "bytes per queued empty unit: " + bytes);
    }

    @Test
    void theOpenEndedRunIsSampledAgainAfterThreeTimesAsManyMoreUnits() throws InterruptedException {
        OpenEndedRunMemory.Held held = OpenEndedRunMemory.held(20_000);
        assertTrue(held.unitsBetween() >= 60_000, "units between the samples: " + held.unitsBetween());
    }

    @Test
    void spreadGivesMedianAndRange() {
        assertEquals(new Spread(1, 2.5, 10, 4), Spread.of(List.of(3.0, 10.0, 1.0, 2.0)));
        assertEquals(new Spread(5, 5, 5, 1), Spread.of(List.of(5.0)));
    }

    @Test
    void jmhFindsAndRunsEveryBenchmark() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(DispatchOverheadBenchmark.class.getName()).include(PrimeSpeedupBenchmark.class.getName())
                .param("unitMicros", "0").param("threads", "2").param("workers", "2")
                .forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true).build()).run();
        assertEquals(3, results.size(), "executor, engine and prime counting results");
    }
}
