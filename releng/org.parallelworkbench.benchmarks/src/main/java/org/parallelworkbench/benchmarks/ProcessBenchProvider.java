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
 * The worker-process benchmarks' provider. It lives in both JVMs: the engine plans and accumulates with it on the
 * harness's class path, and a worker process executes its units from the bundle {@link ProviderBundle} writes from
 * this class file. So each unit carries all it needs in its data: a busy time ({@value #SPIN_NANOS}; none = empty
 * unit) or a prime range ({@value #FROM}, {@value #TO}). Every unit answers a count (1 for a spin unit, the primes
 * in its range) and the run's result is their sum, so a run can be checked.
 * <p>
 * Self-contained on purpose (no other benchmark class, only the core SPI), since the bundle holds just this class.
 * Stateless, so safe for concurrent units.
 */
public final class ProcessBenchProvider implements WorkProvider {

    public static final String ID = "bench-process";
    public static final String VERSION = "1";
    /** Run parameters. */
    public static final String KIND = "kind";
    public static final String SPIN = "spin";
    public static final String PRIMES = "primes";
    public static final String UNITS = "units";
    public static final String UNIT_NANOS = "unitNanos";
    public static final String LIMIT = "limit";
    /** Workers the run may use at once (the plan's maxConcurrentUnits), so one pool serves 1 and n workers. */
    public static final String WORKERS = "workers";
    /** Unit data. */
    public static final String SPIN_NANOS = "spinNanos";
    public static final String FROM = "from";
    public static final String TO = "to";

    private static final int MAX_UNITS = 10_000_000;
    private static final int MAX_WORKERS = 1_024;
    /** Shared by every spin unit's result, so neither target allocates more than the result record. */
    private static final String ONE = "1";
    private static final ProviderInfo INFO = new ProviderInfo(ID, "Worker-process benchmark",
            "Spin units and prime ranges, the same on threads and processes", VERSION,
            List.of(ParameterDescriptor.choice(KIND, "Kind", SPIN, List.of(SPIN, PRIMES)),
                    ParameterDescriptor.integer(UNITS, "Units", 1, 1, MAX_UNITS),
                    ParameterDescriptor.integer(UNIT_NANOS, "Busy time per spin unit (ns)", 0, 0, 1_000_000_000),
                    ParameterDescriptor.integer(LIMIT, "Count primes below", 1_000_000, 2, 1L << 40),
                    ParameterDescriptor.integer(WORKERS, "Workers at most", MAX_WORKERS, 1, MAX_WORKERS)));

    /** For Declarative Services in the worker process. */
    public ProcessBenchProvider() {
    }

    /** The parameters of a run of {@code units} units, each busy for {@code unitNanos} (0 = empty units). */
    public static Parameters spin(int units, long unitNanos, int workers) {
        return Parameters.NONE.with(KIND, SPIN).with(UNITS, Integer.toString(units))
                .with(UNIT_NANOS, Long.toString(unitNanos)).with(WORKERS, Integer.toString(workers));
    }

    /** The parameters of a run counting the primes below {@code limit} in {@code units} equal ranges. */
    public static Parameters primes(long limit, int units, int workers) {
        return Parameters.NONE.with(KIND, PRIMES).with(UNITS, Integer.toString(units))
                .with(LIMIT, Long.toString(limit)).with(WORKERS, Integer.toString(workers));
    }

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public WorkPlan plan(Parameters parameters) {
        int count = (int) parameters.getLong(UNITS, 1);
        int workers = (int) parameters.getLong(WORKERS, MAX_WORKERS);
        List<WorkUnit> units = new ArrayList<>(count);
        if (PRIMES.equals(parameters.get(KIND, SPIN))) {
            long limit = parameters.getLong(LIMIT, 2);
            for (int i = 0; i < count; i++) {
                units.add(new WorkUnit(i, Map.of(FROM, Long.toString(limit * i / count),
                        TO, Long.toString(limit * (i + 1) / count))));
            }
        } else {
            long nanos = parameters.getLong(UNIT_NANOS, 0);
            // one data map for all units: a plan of a million units costs about its WorkUnit records
            Map<String, String> data = nanos > 0 ? Map.of(SPIN_NANOS, Long.toString(nanos)) : Map.of();
            for (int i = 0; i < count; i++) {
                units.add(new WorkUnit(i, data));
            }
        }
        return WorkPlan.of(units, workers);
    }

    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        Map<String, String> data = unit.data();
        if (data.isEmpty()) {
            return new UnitResult(unit.index(), ONE);
        }
        String spin = data.get(SPIN_NANOS);
        if (spin != null) {
            long end = System.nanoTime() + Long.parseLong(spin);
            while (System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
            return new UnitResult(unit.index(), ONE);
        }
        return new UnitResult(unit.index(), Long.toString(countPrimes(Long.parseLong(unit.get(FROM)),
                Long.parseLong(unit.get(TO)), context)));
    }

    /** The primes in [from, to) by trial division; stops early (with a wrong count) once canceled. */
    static long countPrimes(long from, long to, UnitContext context) {
        long count = 0;
        for (long n = from; n < to; n++) {
            if ((n - from) % 4_096 == 0 && context.isCanceled()) {
                break;
            }
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Trial division by 2 and the odd numbers up to the square root. Also used by {@link PrimeRangeProvider}, and here
     * because this class goes into the worker bundle alone, with its nested classes.
     */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** Sums the units' counts. */
    @Override
    public ResultAccumulator accumulator(Parameters parameters) {
        return new Sum();
    }

    private static final class Sum implements ResultAccumulator {

        private long total;

        @Override
        public void accept(UnitResult result) {
            total += Long.parseLong(result.value());
        }

        @Override
        public ResultValue snapshot() {
            return new ResultValue.Scalar(Long.toString(total));
        }
    }
}
