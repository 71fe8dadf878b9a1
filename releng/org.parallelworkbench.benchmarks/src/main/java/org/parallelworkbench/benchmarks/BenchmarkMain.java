package org.parallelworkbench.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.parallelworkbench.benchmarks.QueuedUnitMemory.UnitShape;

/**
 * Runs every benchmark and prints the figures against their targets: queued-unit heap and the heap an
 * open-ended run holds (each in a fresh JVM), then the JMH benchmarks (in forked JVMs), then a summary.
 * Usage: {@code BenchmarkMain [forks [warmupIterations [measurementIterations]]]}, iterations of 1 s each.
 */
public final class BenchmarkMain {

    static final int DEFAULT_FORKS = 3;
    static final int DEFAULT_WARMUP_ITERATIONS = 2;
    static final int DEFAULT_MEASUREMENT_ITERATIONS = 4;
    static final int ITERATION_SECONDS = 1;
    static final int MEMORY_UNITS = 1_000_000;
    /**
     * Units of the open-ended run before its first heap sample; the second comes after 3 times as many
     * more, enough that the completion queue's momentary backlog (a few MB) stays well below the target.
     */
    static final long OPEN_ENDED_UNITS = 3_000_000;
    /** Heap an open-ended run may gain per further unit: it keeps nothing per unit. */
    static final double TARGET_OPEN_ENDED_BYTES_PER_UNIT = 1.0;
    static final double TARGET_THROUGHPUT_RATIO = 0.9;
    static final double TARGET_OVERHEAD_MICROS = 2.0;
    static final double TARGET_SPEEDUP_PER_CORE = 0.9;
    /** Of the ideal wall time per unit: the unit's busy time shared by the threads, with no overhead at all. */
    static final double TARGET_EFFICIENCY = 0.95;

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, RunnerException {
        int forks = argument(args, 0, DEFAULT_FORKS);
        int warmups = argument(args, 1, DEFAULT_WARMUP_ITERATIONS);
        int iterations = argument(args, 2, DEFAULT_MEASUREMENT_ITERATIONS);
        int cores = Runtime.getRuntime().availableProcessors();
        BenchmarkLogging.quiet();

        List<String> summary = new ArrayList<>();
        summary.add("Load average before: " + loadAverage());
        summary.add(String.format(Locale.ROOT, "Heap per queued unit (finite plan of %,d units, used heap after full GC):",
                MEMORY_UNITS));
        for (UnitShape shape : UnitShape.values()) {
            summary.add(String.format(Locale.ROOT, "  %-6s units: %6.1f bytes/unit", shape.name().toLowerCase(Locale.ROOT),
                    QueuedUnitMemory.inFreshJvm(MEMORY_UNITS, shape)));
        }
        OpenEndedRunMemory.Held held = OpenEndedRunMemory.inFreshJvm(OPEN_ENDED_UNITS);
        summary.add(String.format(Locale.ROOT, "Heap held by an open-ended run of empty units (used heap after full GC):"
                + " %,d KB after %,d units, %,d KB after %,d more; %.2f bytes per further unit, target <= %.1f: %s",
                held.early() / 1024, OPEN_ENDED_UNITS, held.late() / 1024, held.unitsBetween(), held.bytesPerLaterUnit(),
                TARGET_OPEN_ENDED_BYTES_PER_UNIT, verdict(held.bytesPerLaterUnit() <= TARGET_OPEN_ENDED_BYTES_PER_UNIT)));

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(Pattern.quote(DispatchOverheadBenchmark.class.getName()) + "\\.")
                .include(Pattern.quote(PrimeSpeedupBenchmark.class.getName()) + "\\.")
                .param("threads", Integer.toString(cores))
                .forks(forks).warmupIterations(warmups).measurementIterations(iterations)
                .warmupTime(TimeValue.seconds(ITERATION_SECONDS)).measurementTime(TimeValue.seconds(ITERATION_SECONDS))
                .shouldFailOnError(true);
        options = cores == 1 ? options.param("workers", "1") : options.param("workers", "1", Integer.toString(cores));
        Collection<RunResult> results = new Runner(options.build()).run();

        summary.add(String.format(Locale.ROOT, "Engine vs a fixed thread pool, %d threads each, %,d units per run"
                + " (µs per unit: median [min..max] over %d forks x %d iterations):", cores,
                DispatchOverheadBenchmark.UNITS_PER_RUN, forks, iterations));
        for (String micros : List.of("10", "0")) {
            Predicate<RunResult> units = r -> r.getParams().getParam("unitMicros").equals(micros);
            Measured executor = Measured.of(results, units.and(runner(DispatchOverheadBenchmark.EXECUTOR)));
            Measured engine = Measured.of(results, units.and(runner(DispatchOverheadBenchmark.ENGINE)));
            summary.add("  " + (micros.equals("0") ? "empty units:" : micros + " µs units:"));
            summary.add("    executor " + executor.all().format(2) + ", engine " + engine.all().format(2));
            Spread ratio = executor.perForkRatio(engine);
            double medianRatio = executor.all().median() / engine.all().median();
            if (micros.equals("0")) {
                double overhead = engine.all().median();
                summary.add(String.format(Locale.ROOT, "    engine per-unit overhead %.2f µs (%.2f µs more than the"
                        + " executor); target <= %.1f µs: %s", overhead, overhead - executor.all().median(),
                        TARGET_OVERHEAD_MICROS, verdict(overhead <= TARGET_OVERHEAD_MICROS)));
            }
            summary.add(String.format(Locale.ROOT, "    throughput ratio engine/executor %.3f (fork by fork %s);"
                    + " target >= %.1f%s", medianRatio, ratio.format(3), TARGET_THROUGHPUT_RATIO,
                    micros.equals("0") ? "" : ": " + verdict(medianRatio >= TARGET_THROUGHPUT_RATIO)));
            if (!micros.equals("0")) {
                double ideal = Double.parseDouble(micros) / cores;
                double efficiency = ideal / engine.all().median();
                summary.add(String.format(Locale.ROOT, "    efficiency against the ideal (%s µs / %d threads = %.2f µs per"
                        + " unit): engine %.3f, executor %.3f; target >= %.2f: %s", micros, cores, ideal, efficiency,
                        ideal / executor.all().median(), TARGET_EFFICIENCY, verdict(efficiency >= TARGET_EFFICIENCY)));
            }
        }

        Measured one = Measured.of(results, workers("1"));
        Measured all = Measured.of(results, workers(Integer.toString(cores)));
        double speedup = one.all().median() / all.all().median();
        summary.add(String.format(Locale.ROOT, "Prime counting below %,d in %d units on the engine (ms per run):",
                PrimeSpeedupBenchmark.LIMIT, PrimeSpeedupBenchmark.UNITS));
        summary.add("  1 worker " + one.all().format(1) + ", " + cores + " workers " + all.all().format(1));
        summary.add(String.format(Locale.ROOT, "  speedup %.2f on %d cores (fork by fork %s); target >= %.2f: %s",
                speedup, cores, one.perForkRatio(all).format(2), TARGET_SPEEDUP_PER_CORE * cores,
                verdict(speedup >= TARGET_SPEEDUP_PER_CORE * cores)));

        summary.add("Load average after: " + loadAverage() + " (above the core count, other processes took CPU time)");
        System.out.println();
        System.out.println("=== Parallel Workbench benchmarks ===");
        summary.forEach(System.out::println);
    }

    private static Predicate<RunResult> runner(String name) {
        return r -> r.getParams().getBenchmark().endsWith(".run") && r.getParams().getParam("runner").equals(name);
    }

    private static Predicate<RunResult> workers(String count) {
        return r -> r.getParams().getBenchmark().endsWith(".countPrimes") && r.getParams().getParam("workers").equals(count);
    }

    /** The 1, 5 and 15 minute load averages (Linux), or a note that they are unknown. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static int argument(String[] args, int position, int defaultValue) {
        if (args.length <= position) {
            return defaultValue;
        }
        int value = Integer.parseInt(args[position]);
        if (value < 1) {
            throw new IllegalArgumentException("Counts must be at least 1: " + args[position]);
        }
        return value;
    }

    /** One benchmark configuration's scores: every iteration, and each fork's mean. */
    private record Measured(Spread all, List<Double> forkMeans) {

        static Measured of(Collection<RunResult> results, Predicate<RunResult> which) {
            RunResult result = results.stream().filter(which).findFirst()
                    .orElseThrow(() -> new IllegalStateException("A benchmark configuration has no result"));
            List<Double> scores = new ArrayList<>();
            List<Double> forkMeans = new ArrayList<>();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                List<Double> forkScores = fork.getIterationResults().stream()
                        .map(IterationResult::getPrimaryResult).map(r -> r.getScore()).toList();
                scores.addAll(forkScores);
                forkMeans.add(forkScores.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            }
            return new Measured(Spread.of(scores), forkMeans);
        }

        /** This time over the other's, fork i against fork i. */
        Spread perForkRatio(Measured other) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(forkMeans.size(), other.forkMeans.size()); i++) {
                ratios.add(forkMeans.get(i) / other.forkMeans.get(i));
            }
            return Spread.of(ratios);
        }
    }
}
