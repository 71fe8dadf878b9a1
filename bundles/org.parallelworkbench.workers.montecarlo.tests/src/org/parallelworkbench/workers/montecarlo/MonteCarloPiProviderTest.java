package org.parallelworkbench.workers.montecarlo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;

/** The π estimator's own logic, without the engine: accuracy, reproducibility, validation and stopping. */
class MonteCarloPiProviderTest {

    private static final UnitContext RUNNING = UnitContext.canceledWhen(() -> false);
    private final MonteCarloPiProvider pi = new MonteCarloPiProvider();

    @Test
    void aMillionSamplesEstimatePiWithinOneHundredth() throws Exception {
        double estimate = lastPoint(accumulateInOrder(Parameters.NONE.with("samples", "1000000"))).y();

        assertTrue(Math.abs(estimate - Math.PI) < 0.01, "estimate " + estimate);
    }

    @Test
    void theEstimateIsExactlyTheSameWhateverTheOrderOrThreadCount() throws Exception {
        Parameters parameters = Parameters.NONE.with("samples", "2000003").with("seed", "-17").with("units", "37");
        WorkPlan.Finite plan = (WorkPlan.Finite) pi.plan(parameters);
        ResultValue.Series inOrder = accumulateInOrder(parameters);

        List<UnitResult> shuffled = new ArrayList<>();
        for (WorkUnit unit : plan.units()) {
            shuffled.add(pi.execute(unit, RUNNING));
        }
        Collections.shuffle(shuffled, new Random(3));
        ResultAccumulator reordered = pi.accumulator(parameters);
        shuffled.forEach(reordered::accept);

        assertEquals(lastPoint(inOrder), lastPoint(reordered.snapshot()), "shuffled completion order");
        for (int threads : new int[] { 2, 4 }) {
            assertEquals(lastPoint(inOrder), lastPoint(accumulateOnThreads(plan, parameters, threads)), threads + " threads");
        }
    }

    @Test
    void theSeedAndTheUnitCountChooseTheStreams() throws Exception {
        Parameters parameters = Parameters.NONE.with("samples", "100000").with("seed", "5").with("units", "8");
        double estimate = lastPoint(accumulateInOrder(parameters)).y();

        assertEquals(estimate, lastPoint(accumulateInOrder(parameters)).y(), "same parameters");
        assertNotEquals(estimate, lastPoint(accumulateInOrder(parameters.with("seed", "6"))).y(), "another seed");
        assertNotEquals(estimate, lastPoint(accumulateInOrder(parameters.with("units", "9"))).y(), "another unit count");
    }

    @Test
    void samplesAreSharedOutExactlyAndEachUnitHasItsOwnStream() {
        WorkPlan.Finite plan = (WorkPlan.Finite) pi.plan(Parameters.NONE.with("samples", "10").with("units", "4"));

        assertEquals(List.of("3", "3", "2", "2"), plan.units().stream().map(unit -> unit.get("samples")).toList());
        assertEquals(4, plan.units().stream().map(unit -> unit.get("streamSeed")).distinct().count());
    }

    @Test
    void theSeriesGrowsBySamplesSoFar() throws Exception {
        ResultValue.Series series = accumulateInOrder(Parameters.NONE.with("samples", "1000").with("units", "4"));

        assertEquals(List.of(250.0, 500.0, 750.0, 1000.0), series.points().stream().map(ResultValue.Point::x).toList());
        assertEquals(PiAccumulator.SERIES_NAME, series.name());
    }

    @Test
    void badParametersAreReportedNamingTheParameter() {
        assertProblemAt("samples", Parameters.NONE.with("samples", "0"));
        assertProblemAt("samples", Parameters.NONE.with("samples", "lots"));
        assertProblemAt("seed", Parameters.NONE.with("seed", "1.5"));
        assertProblemAt("units", Parameters.NONE.with("units", "0"));
        assertProblemAt("units", Parameters.NONE.with("units", "10001"));
        assertProblemAt("units", Parameters.NONE.with("samples", "5").with("units", "6"));
        assertEquals(List.of(), pi.validate(Parameters.NONE.with("samples", "5").with("units", "5")));
    }

    @Test
    void aUnitResultThatIsNotHitsOverSamplesIsRejected() {
        ResultAccumulator accumulator = pi.accumulator(Parameters.NONE);

        for (String bad : List.of("", "12", "a/b", "5/4", "-1/4")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> accumulator.accept(new UnitResult(3, bad)), bad);
            assertTrue(e.getMessage().contains("Unit 3"), e.getMessage());
        }
    }

    @Test
    void aLongUnitStopsPromptlyOnceCancelled() {
        WorkUnit endless = ((WorkPlan.Finite) pi.plan(Parameters.NONE.with("samples", "1000000000000").with("units", "1")))
                .units().get(0);
        long cancelAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);

        assertThrows(CancellationException.class,
                () -> pi.execute(endless, UnitContext.canceledWhen(() -> System.nanoTime() >= cancelAtNanos)));
        long lateMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelAtNanos);
        assertTrue(lateMillis < 500, "stopped " + lateMillis + " ms after the cancel");
    }

    private ResultValue.Series accumulateInOrder(Parameters parameters) throws Exception {
        ResultAccumulator accumulator = pi.accumulator(parameters);
        for (WorkUnit unit : ((WorkPlan.Finite) pi.plan(parameters)).units()) {
            accumulator.accept(pi.execute(unit, RUNNING));
        }
        return assertInstanceOf(ResultValue.Series.class, accumulator.snapshot());
    }

    /** Executes the units on a thread pool and accumulates them in completion order, as the engine does. */
    private ResultValue accumulateOnThreads(WorkPlan.Finite plan, Parameters parameters, int threads) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            ExecutorCompletionService<UnitResult> completions = new ExecutorCompletionService<>(executor);
            for (WorkUnit unit : plan.units()) {
                completions.submit(() -> pi.execute(unit, RUNNING));
            }
            ResultAccumulator accumulator = pi.accumulator(parameters);
            for (int i = 0; i < plan.units().size(); i++) {
                Future<UnitResult> done = completions.poll(10, TimeUnit.SECONDS);
                assertTrue(done != null, "no unit completed within 10 s");
                accumulator.accept(done.get());
            }
            return accumulator.snapshot();
        } finally {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS), "the test's threads did not end within 5 s");
        }
    }

    private static ResultValue.Point lastPoint(ResultValue value) {
        List<ResultValue.Point> points = assertInstanceOf(ResultValue.Series.class, value).points();
        return points.get(points.size() - 1);
    }

    private void assertProblemAt(String parameter, Parameters parameters) {
        List<ParameterProblem> problems = pi.validate(parameters);
        assertEquals(List.of(parameter), problems.stream().map(ParameterProblem::parameter).toList(), problems.toString());
    }
}
