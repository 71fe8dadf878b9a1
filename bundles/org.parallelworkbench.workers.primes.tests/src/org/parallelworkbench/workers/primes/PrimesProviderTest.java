package org.parallelworkbench.workers.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;

/** The prime counter's own logic, without the engine: plans, counts, validation and how fast it stops. */
class PrimesProviderTest {

    private final PrimesProvider primes = new PrimesProvider();

    @Test
    void countsMatchAPlainSieveForSeveralLimitsAndRangeSizes() throws Exception {
        long[] limits = { 2, 3, 4, 1_000, 1_009, 524_289, 1_000_003, 2_500_000 };
        long[] chunkSizes = { 1_000, 7_919, 262_144, 1_000_000, PrimesProvider.MAX_LIMIT };
        for (long limit : limits) {
            long expected = plainSieveCount((int) limit);
            for (long chunkSize : chunkSizes) {
                Parameters parameters = Parameters.NONE.with("limit", Long.toString(limit)).with("chunkSize",
                        Long.toString(chunkSize));
                assertEquals(Long.toString(expected), run(parameters).text(), "limit=" + limit + " chunkSize=" + chunkSize);
            }
        }
    }

    @Test
    void defaultRunCountsThe664579PrimesBelowTenMillionInTenRanges() throws Exception {
        WorkPlan.Finite plan = assertInstanceOf(WorkPlan.Finite.class, primes.plan(Parameters.NONE));

        assertEquals(10, plan.units().size());
        assertEquals("664579", run(Parameters.NONE).text());
    }

    @Test
    void rangesJustBelowTheMaximumLimitMatchAPrimalityTest() throws Exception {
        long from = PrimesProvider.MAX_LIMIT - 100_000;
        long expected = 0;
        for (long n = from; n < PrimesProvider.MAX_LIMIT; n++) {
            expected += BigInteger.valueOf(n).isProbablePrime(64) ? 1 : 0;
        }
        SegmentSieve sieve = primes.workerStateFactory().create();

        assertEquals(expected, sieve.countPrimes(from, PrimesProvider.MAX_LIMIT, () -> false));
    }

    @Test
    void rangesCoverZeroToLimitOnceInOrder() {
        WorkPlan.Finite plan = (WorkPlan.Finite) primes.plan(Parameters.NONE.with("limit", "2500").with("chunkSize", "1000"));

        assertEquals(List.of("0-1000", "1000-2000", "2000-2500"),
                plan.units().stream().map(unit -> unit.get("from") + "-" + unit.get("to")).toList());
        assertEquals(List.of(0L, 1L, 2L), plan.units().stream().map(WorkUnit::index).toList());
    }

    @Test
    void accumulatorSumsRangeCountsInAnyOrder() {
        ResultAccumulator accumulator = primes.accumulator(Parameters.NONE);
        accumulator.accept(new UnitResult(2, "5"));
        accumulator.accept(new UnitResult(0, "25"));
        ResultValue partial = accumulator.snapshot();
        accumulator.accept(new UnitResult(1, "21"));

        assertEquals(new ResultValue.Scalar("30"), partial);
        assertEquals(new ResultValue.Scalar("51"), accumulator.snapshot());
    }

    @Test
    void badParametersAreReportedNamingTheParameter() {
        assertProblemAt("limit", Parameters.NONE.with("limit", "1"));
        assertProblemAt("limit", Parameters.NONE.with("limit", "2000000001"));
        assertProblemAt("limit", Parameters.NONE.with("limit", "many"));
        assertProblemAt("chunkSize", Parameters.NONE.with("chunkSize", "999"));
        assertProblemAt("chunkSize", Parameters.NONE.with("limit", "2000000000").with("chunkSize", "1000"));
        assertProblemAt("limt", Parameters.NONE.with("limt", "100"));
        assertEquals(List.of(), primes.validate(Parameters.NONE.with("limit", "2000000000").with("chunkSize", "20000")));
    }

    @Test
    void planRefusesParametersThatDoNotValidate() {
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> primes.plan(Parameters.NONE.with("chunkSize", "5")));
        assertTrue(e.getMessage().contains("chunkSize"), e.getMessage());
    }

    @Test
    void aLongRangeStopsPromptlyOnceCancelled() throws Exception {
        WorkUnit wholeRange = new WorkUnit(0, Map.of("from", "0", "to", Long.toString(PrimesProvider.MAX_LIMIT)));
        long cancelAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);

        assertThrows(CancellationException.class,
                () -> primes.execute(wholeRange, new SieveContext(primes, () -> System.nanoTime() >= cancelAtNanos)));
        long lateMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelAtNanos);
        assertTrue(lateMillis < 500, "stopped " + lateMillis + " ms after the cancel");
    }

    private ResultValue.Scalar run(Parameters parameters) throws Exception {
        WorkPlan.Finite plan = (WorkPlan.Finite) primes.plan(parameters);
        SieveContext context = new SieveContext(primes, () -> false);
        List<UnitResult> results = new ArrayList<>();
        for (WorkUnit unit : plan.units()) {
            results.add(primes.execute(unit, context));
        }
        Collections.shuffle(results, new Random(7));
        ResultAccumulator accumulator = primes.accumulator(parameters);
        results.forEach(accumulator::accept);
        return assertInstanceOf(ResultValue.Scalar.class, accumulator.snapshot());
    }

    private void assertProblemAt(String parameter, Parameters parameters) {
        List<ParameterProblem> problems = primes.validate(parameters);
        assertEquals(List.of(parameter), problems.stream().map(ParameterProblem::parameter).toList(), problems.toString());
    }

    private static long plainSieveCount(int limit) {
        boolean[] composite = new boolean[limit];
        long count = 0;
        for (int n = 2; n < limit; n++) {
            if (!composite[n]) {
                count++;
                for (long m = (long) n * n; m < limit; m += n) {
                    composite[(int) m] = true;
                }
            }
        }
        return count;
    }
}
