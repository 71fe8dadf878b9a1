package org.parallelworkbench.workers.montecarlo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.osgi.service.component.annotations.Component;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/**
 * Estimates π by throwing random points at the unit square and counting those inside the quarter circle.
 * The samples are split over {@code units} units, and each unit draws from its own stream, seeded from the
 * run's seed and the unit's index only, so a run's estimate depends on (samples, seed, units) and never on
 * how many threads ran it or in which order its units completed. Stateless; {@link #execute} may run
 * concurrently.
 */
@Component(service = WorkProvider.class)
public final class MonteCarloPiProvider implements WorkProvider {

    public static final String ID = "montecarlo";
    public static final String PARAM_SAMPLES = "samples";
    public static final String PARAM_SEED = "seed";
    public static final String PARAM_UNITS = "units";
    static final long DEFAULT_SAMPLES = 10_000_000;
    static final long MAX_SAMPLES = 1_000_000_000_000L;
    static final long DEFAULT_SEED = 20_261_125;
    static final long DEFAULT_UNITS = 64;
    static final long MAX_UNITS = 10_000;
    static final String KEY_SAMPLES = "samples";
    static final String KEY_STREAM_SEED = "streamSeed";
    /** Samples between two looks at cancellation: a few milliseconds of work. */
    static final int SAMPLES_PER_CANCEL_CHECK = 1 << 18;
    /** Units are independent, so only the engine's pool limits how many run at once. */
    private static final int MAX_CONCURRENT_UNITS = Integer.MAX_VALUE;
    /** SplitMix64's increment: spreads consecutive unit indexes over the seed space. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private static final ProviderInfo INFO = new ProviderInfo(ID, "Monte Carlo π",
            "Estimates π from random points in the unit square; seeded, so a run can be repeated exactly.", "0.1.0",
            List.of(ParameterDescriptor.integer(PARAM_SAMPLES, "Samples", DEFAULT_SAMPLES, 1, MAX_SAMPLES)
                    .withUnit("points").withHelp("Random points in total, shared out evenly over the units."),
                    ParameterDescriptor.integer(PARAM_SEED, "Seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE)
                            .withHelp("The same seed, samples and units give the same estimate, bit for bit."),
                    ParameterDescriptor.integer(PARAM_UNITS, "Units", DEFAULT_UNITS, 1, MAX_UNITS)
                            .withHelp("How many pieces the samples are split into; at most the number of samples. "
                                    + "Changing it changes the random streams, and so the estimate.")));

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    /** The declared checks, then that there are no more units than samples. */
    @Override
    public List<ParameterProblem> validate(Parameters parameters) {
        return ParameterDescriptor.validate(INFO.parameters(), parameters, complete -> {
            long samples = complete.getLong(PARAM_SAMPLES, DEFAULT_SAMPLES);
            long units = complete.getLong(PARAM_UNITS, DEFAULT_UNITS);
            return units <= samples ? List.of()
                    : List.of(new ParameterProblem(PARAM_UNITS, "must not exceed the " + samples + " samples, not " + units));
        });
    }

    /** One unit per share of the samples, each with its own stream's seed; see {@link #streamSeed}. */
    @Override
    public WorkPlan plan(Parameters parameters) {
        requireValid(parameters);
        long samples = parameters.getLong(PARAM_SAMPLES, DEFAULT_SAMPLES);
        long seed = parameters.getLong(PARAM_SEED, DEFAULT_SEED);
        int units = (int) parameters.getLong(PARAM_UNITS, DEFAULT_UNITS);
        List<WorkUnit> plan = new ArrayList<>(units);
        for (int index = 0; index < units; index++) {
            long share = samples / units + (index < samples % units ? 1 : 0);
            plan.add(new WorkUnit(index, Map.of(KEY_SAMPLES, Long.toString(share), KEY_STREAM_SEED,
                    Long.toString(streamSeed(seed, index)))));
        }
        return WorkPlan.of(plan, MAX_CONCURRENT_UNITS);
    }

    /**
     * @return {@code hits/samples}, e.g. {@code 785/1000}: how many of the unit's points fell inside the
     *         quarter circle; throws CancellationException once cancelled
     */
    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        long samples = Long.parseLong(unit.get(KEY_SAMPLES));
        SplittableRandom random = new SplittableRandom(Long.parseLong(unit.get(KEY_STREAM_SEED)));
        long hits = 0;
        for (long done = 0; done < samples;) {
            if (context.isCanceled()) {
                throw new CancellationException("Unit " + unit.index() + " was cancelled after " + done + " samples");
            }
            long batchEnd = Math.min(samples, done + SAMPLES_PER_CANCEL_CHECK);
            for (; done < batchEnd; done++) {
                double x = random.nextDouble();
                double y = random.nextDouble();
                if (x * x + y * y < 1.0) {
                    hits++;
                }
            }
        }
        return new UnitResult(unit.index(), PiAccumulator.format(hits, samples));
    }

    @Override
    public ResultAccumulator accumulator(Parameters parameters) {
        return new PiAccumulator();
    }

    /** Guards {@link #plan} against a caller that skipped {@link #validate}. */
    private void requireValid(Parameters parameters) {
        List<ParameterProblem> problems = validate(parameters);
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(ID, problems);
        }
    }

    /** The seed of a unit's stream: a SplitMix64 mix of the run's seed and the unit's index. */
    static long streamSeed(long runSeed, long unitIndex) {
        long z = runSeed + (unitIndex + 1) * GOLDEN_GAMMA;
        z = (z ^ z >>> 30) * 0xbf58476d1ce4e5b9L;
        z = (z ^ z >>> 27) * 0x94d049bb133111ebL;
        return z ^ z >>> 31;
    }
}
