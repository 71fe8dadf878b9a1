package org.parallelworkbench.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.engine.internal.BenchmarkEngine;

/**
 * A CPU-bound run on the engine: the primes below {@value #LIMIT} in {@value #UNITS} units, with
 * {@code workers} engine workers. Speedup = time with 1 worker / time with one per processor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PrimeSpeedupBenchmark {

    public static final long LIMIT = 3_000_000;
    public static final int UNITS = 200;
    /** The primes below {@link #LIMIT}; a run that counts otherwise is wrong, not fast. */
    public static final String PRIMES_BELOW_LIMIT = "216816";

    /** Engine workers; the runner sets 1 and the number of processors. */
    @Param({ "1", "2" })
    public int workers;

    private BenchmarkEngine engine;
    private Parameters parameters;

    @Setup
    public void setUp() {
        BenchmarkLogging.quiet();
        engine = new BenchmarkEngine(workers, new PrimeRangeProvider());
        parameters = Parameters.NONE.with(PrimeRangeProvider.LIMIT, Long.toString(LIMIT))
                .with(PrimeRangeProvider.UNITS, Integer.toString(UNITS));
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public Object countPrimes() throws InterruptedException {
        String count = Runs.onEngine(engine.jobService(), PrimeRangeProvider.ID, parameters).summary();
        if (!count.equals(PRIMES_BELOW_LIMIT)) {
            throw new IllegalStateException("Counted " + count + " primes below " + LIMIT);
        }
        return count;
    }
}
