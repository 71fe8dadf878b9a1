package org.parallelworkbench.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/**
 * The benchmarks' CPU-bound workload: counts the primes below {@value #LIMIT} by trial division, split
 * into {@value #UNITS} equal ranges, one unit each; the run's result is the total count. Stateless, so
 * safe for concurrent units. (The product's own prime provider lives elsewhere; this one only has to be
 * CPU-bound and checkable.)
 */
public final class PrimeRangeProvider implements WorkProvider {

    public static final String ID = "bench-primes";
    public static final String LIMIT = "limit";
    public static final String UNITS = "units";
    /** Unit data: the range is [from, to). */
    public static final String FROM = "from";
    public static final String TO = "to";
    private static final long DEFAULT_LIMIT = 1_000_000;
    private static final long DEFAULT_UNITS = 100;
    private static final long MAX_LIMIT = 1L << 40;
    private static final int MAX_UNITS = 10_000_000;
    /** How many numbers a unit tests between two looks at cancellation. */
    private static final int CANCEL_CHECK_INTERVAL = 4_096;

    private static final ProviderInfo INFO = new ProviderInfo(ID, "Prime counting (benchmark)",
            "Counts the primes below a limit by trial division", "1",
            List.of(ParameterDescriptor.integer(LIMIT, "Count primes below", DEFAULT_LIMIT, 2, MAX_LIMIT),
                    ParameterDescriptor.integer(UNITS, "Units", DEFAULT_UNITS, 1, MAX_UNITS)));

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        return WorkPlan.of(rangeUnits(parameters.getLong(LIMIT, DEFAULT_LIMIT),
                (int) parameters.getLong(UNITS, DEFAULT_UNITS)), Integer.MAX_VALUE);
    }

    /** [0, limit) in {@code count} contiguous ranges of nearly equal length, as units. */
    public static List<WorkUnit> rangeUnits(long limit, int count) {
        List<WorkUnit> units = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            units.add(rangeUnit(i, limit * i / count, limit * (i + 1) / count));
        }
        return units;
    }

    /** The unit of the range [from, to): what a range-splitting provider typically queues. */
    public static WorkUnit rangeUnit(long index, long from, long to) {
        return new WorkUnit(index, Map.of(FROM, Long.toString(from), TO, Long.toString(to)));
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        long from = Long.parseLong(unit.get(FROM));
        long to = Long.parseLong(unit.get(TO));
        long count = 0;
        for (long n = from; n < to; n++) {
            if ((n - from) % CANCEL_CHECK_INTERVAL == 0 && context.isCanceled()) {
                break;
            }
            if (ProcessBenchProvider.isPrime(n)) { // the same work as on worker processes
                count++;
            }
        }
        return new UnitResult(unit.index(), Long.toString(count));
    }

    @Override
    public ResultAccumulator accumulator(Parameters parameters) {
        return new ResultAccumulator() {
            private long total;

            @Override
            public void accept(UnitResult result) {
                total += Long.parseLong(result.value());
            }

            @Override
            public ResultValue snapshot() {
                return new ResultValue.Scalar(Long.toString(total));
            }
        };
    }
}
