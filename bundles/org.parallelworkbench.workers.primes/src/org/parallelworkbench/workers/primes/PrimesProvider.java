package org.parallelworkbench.workers.primes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.core.WorkerStateFactory;

/**
 * Counts the primes below a limit: the numbers 0..limit-1 are split into ranges of {@code chunkSize}, one
 * unit each, and every unit counts its range with the worker's pooled {@link SegmentSieve}. CPU-bound;
 * stateless apart from the sieves the engine pools, so {@link #execute} may run concurrently.
 */
@Component(service = WorkProvider.class)
public final class PrimesProvider implements WorkProvider {

    public static final String ID = "primes";
    public static final String PARAM_LIMIT = "limit";
    public static final String PARAM_CHUNK_SIZE = "chunkSize";
    static final long DEFAULT_LIMIT = 10_000_000;
    static final long MIN_LIMIT = 2;
    static final long MAX_LIMIT = 2_000_000_000;
    static final long DEFAULT_CHUNK_SIZE = 1_000_000;
    static final long MIN_CHUNK_SIZE = 1_000;
    /** Caps the plan's size (and the run's result list) whatever limit and chunk size say. */
    static final long MAX_UNITS = 100_000;
    static final String KEY_FROM = "from";
    static final String KEY_TO = "to";
    /** Ranges are independent, so only the engine's pool limits how many run at once. */
    private static final int MAX_CONCURRENT_UNITS = Integer.MAX_VALUE;

    private static final ProviderInfo INFO = new ProviderInfo(ID, "Prime count",
            "Counts the primes below a limit with a segmented sieve, one range of numbers per unit.", "0.1.0", List.of(
                    ParameterDescriptor.integer(PARAM_LIMIT, "Below", DEFAULT_LIMIT, MIN_LIMIT, MAX_LIMIT)
                            .withHelp("Primes smaller than this number are counted."),
                    ParameterDescriptor.integer(PARAM_CHUNK_SIZE, "Range size", DEFAULT_CHUNK_SIZE, MIN_CHUNK_SIZE, MAX_LIMIT)
                            .withUnit("numbers")
                            .withHelp("Numbers per unit; smaller ranges spread better, larger ones cost less overhead. "
                                    + "At most " + MAX_UNITS + " ranges per run.")));

    private final WorkerStateFactory<SegmentSieve> sieves = new WorkerStateFactory<>() {
        @Override
        public Class<SegmentSieve> type() {
            return SegmentSieve.class;
        }

        @Override
        public SegmentSieve create() {
            return new SegmentSieve();
        }
    };

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    /** The declared checks, then that limit and chunk size give at most {@link #MAX_UNITS} ranges. */
    @Override
    public List<ParameterProblem> validate(Parameters parameters) {
        return ParameterDescriptor.validate(INFO.parameters(), parameters, complete -> {
            long limit = complete.getLong(PARAM_LIMIT, DEFAULT_LIMIT);
            long ranges = Math.ceilDiv(limit, complete.getLong(PARAM_CHUNK_SIZE, DEFAULT_CHUNK_SIZE));
            return ranges <= MAX_UNITS ? List.of()
                    : List.of(new ParameterProblem(PARAM_CHUNK_SIZE, "gives " + ranges + " ranges below " + limit + ", more than "
                            + MAX_UNITS + "; use at least " + Math.ceilDiv(limit, MAX_UNITS)));
        });
    }

    /** One unit per range of {@code chunkSize} numbers, the last one cut short at the limit. */
    @Override
    public WorkPlan plan(Parameters parameters) {
        requireValid(parameters);
        long limit = parameters.getLong(PARAM_LIMIT, DEFAULT_LIMIT);
        long chunkSize = parameters.getLong(PARAM_CHUNK_SIZE, DEFAULT_CHUNK_SIZE);
        List<WorkUnit> units = new ArrayList<>((int) Math.ceilDiv(limit, chunkSize));
        for (long from = 0; from < limit; from += chunkSize) {
            long to = Math.min(limit, from + chunkSize);
            units.add(new WorkUnit(units.size(), Map.of(KEY_FROM, Long.toString(from), KEY_TO, Long.toString(to))));
        }
        return WorkPlan.of(units, MAX_CONCURRENT_UNITS);
    }

    /** @return the number of primes in the unit's range, as text; throws CancellationException once cancelled */
    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        long from = Long.parseLong(unit.get(KEY_FROM));
        long to = Long.parseLong(unit.get(KEY_TO));
        long count = context.workerState(SegmentSieve.class).countPrimes(from, to, context::isCanceled);
        return new UnitResult(unit.index(), Long.toString(count));
    }

    /** Sums the ranges' counts; the snapshot is the count so far as a {@link ResultValue.Scalar}. */
    @Override
    public ResultAccumulator accumulator(Parameters parameters) {
        return new ResultAccumulator() {
            private long primes;

            @Override
            public void accept(UnitResult result) {
                primes += Long.parseLong(result.value());
            }

            @Override
            public ResultValue snapshot() {
                return new ResultValue.Scalar(Long.toString(primes));
            }
        };
    }

    @Override
    public WorkerStateFactory<SegmentSieve> workerStateFactory() {
        return sieves;
    }

    /** Guards {@link #plan} against a caller that skipped {@link #validate}. */
    private void requireValid(Parameters parameters) {
        List<ParameterProblem> problems = validate(parameters);
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(ID, problems);
        }
    }
}
