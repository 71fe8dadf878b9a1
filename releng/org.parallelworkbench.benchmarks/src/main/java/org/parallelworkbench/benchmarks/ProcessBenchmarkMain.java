package org.parallelworkbench.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.engine.internal.BenchmarkEngine;

/**
 * The worker-process benchmarks, against an unpacked product: the engine runs the same {@link ProcessBenchProvider}
 * units on its threads and on worker processes, in turn, so every ratio compares runs of the same moment; the CPU
 * the runs got (ours and the whole machine's) tells a busy machine from a slow executor.
 * A plain harness rather than JMH: the figures are whole runs, process starts and process memory. Each measurement
 * is warmed up, repeated and reported as median [min..max]; every loop is bounded in count and in time.
 * <p>
 * Usage: {@code ProcessBenchmarkMain <product home> [repetitions]}. System property
 * {@value #EXTRA_WORKER_OPTIONS} adds JVM options to the worker processes (e.g. to record them with JFR).
 */
public final class ProcessBenchmarkMain {

    static final int DEFAULT_REPETITIONS = 10;
    static final int WARMUP_RUNS = 1;
    /** A section stops repeating after this long (having measured once at least): a busy machine ends too. */
    static final long SECTION_BUDGET_SECONDS = 150;
    static final String EXTRA_WORKER_OPTIONS = "pw.bench.workerJvmOptions";

    static final int EMPTY_UNITS = 1_000_000;
    static final int SPIN_UNITS = 100_000;
    static final long SPIN_MICROS = 10;
    static final long PRIME_LIMIT = 3_000_000;
    static final int PRIME_UNITS = 200;
    static final long PRIMES_BELOW_LIMIT = 216_816;
    static final int COLD_STARTS = 5;
    static final int WARM_WARMUPS = 10;
    static final int WARM_RUNS = 30;

    static final double TARGET_OVERHEAD_MICROS = 5.0;
    static final double TARGET_THROUGHPUT_RATIO = 0.9;
    static final double TARGET_SPEEDUP_PER_CORE = 0.9;
    static final double TARGET_WARM_MILLIS = 5.0;
    static final double TARGET_IDLE_RSS_MB = 80.0;

    private static final RunOptions ON_THREADS = RunOptions.DEFAULT.withTarget(ExecutionTarget.THREADS);
    private static final RunOptions ON_PROCESSES = RunOptions.DEFAULT.withTarget(ExecutionTarget.PROCESSES);

    private ProcessBenchmarkMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            throw new IllegalArgumentException("Usage: ProcessBenchmarkMain <product home> [repetitions]");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_REPETITIONS;
        if (repetitions < 1) {
            throw new IllegalArgumentException("Repetitions must be at least 1: " + repetitions);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        BenchmarkLogging.quiet();
        List<String> workerOptions = new ArrayList<>(BenchmarkEngine.defaultWorkerJvmOptions());
        String extra = System.getProperty(EXTRA_WORKER_OPTIONS, "").trim();
        if (!extra.isEmpty()) {
            workerOptions.addAll(List.of(extra.split("\\s+")));
        }
        Path scratch = Files.createTempDirectory("pw-process-bench-");
        List<String> locations = ProviderBundle.locations(ProviderBundle.write(scratch.resolve("processbench.jar")), home);
        Setup setup = new Setup(home, cores, workerOptions, locations);

        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "Product %s; %d cores; %d threads vs %d worker processes (JVM options %s);"
                + " %d runs after %d warm-up, taking turns; cores busy over all runs, warm-ups included", home, cores, cores, cores,
                String.join(" ", workerOptions), repetitions, WARMUP_RUNS));
        summary.add("Load average before: " + loadAverage());

        // Cold first, each on an engine of its own: two engines with processes would share worker cache folders.
        List<Double> coldMillis = new ArrayList<>();
        List<Long> freshRss = new ArrayList<>();
        long coldDeadline = deadline();
        for (int i = 0; i < COLD_STARTS && (i == 0 || System.nanoTime() - coldDeadline < 0); i++) {
            try (BenchmarkEngine engine = setup.engine()) {
                coldMillis.add(oneUnitMillis(engine.jobService(), ON_PROCESSES));
                if (i == 0) {
                    engine.workerPids().forEach(pid -> freshRss.add(rssKb(pid)));
                }
            }
        }

        try (BenchmarkEngine engine = setup.engine()) {
            JobService jobs = engine.jobService();
            // starts every worker process, so no measured run pays for a start
            run(jobs, ProcessBenchProvider.spin(cores * 2_000, TimeUnit.MICROSECONDS.toNanos(SPIN_MICROS), cores),
                    ON_PROCESSES, cores * 2_000L);

            Parameters empty = ProcessBenchProvider.spin(EMPTY_UNITS, 0, cores);
            CpuUse emptyOnThreads = new CpuUse(engine);
            CpuUse emptyOnProcesses = new CpuUse(engine);
            Rounds emptyRuns = Rounds.measure(repetitions, WARMUP_RUNS, List.of(
                    emptyOnThreads.metered(() -> run(jobs, empty, ON_THREADS, EMPTY_UNITS)),
                    emptyOnProcesses.metered(() -> run(jobs, empty, ON_PROCESSES, EMPTY_UNITS))));
            ToDoubleFunction<Double> microsPerUnit = millis -> millis * 1_000 / EMPTY_UNITS;
            Spread threadMicros = emptyRuns.of(0, microsPerUnit);
            Spread processMicros = emptyRuns.of(1, microsPerUnit);
            double processOverhead = processMicros.median() * cores;
            summary.add(String.format(Locale.ROOT, "Empty units, %,d per run (µs per unit = elapsed / units; per-unit"
                    + " overhead = elapsed x workers / units):", EMPTY_UNITS));
            summary.add(String.format(Locale.ROOT, "  threads:   %s µs per unit, per-unit overhead %.2f µs",
                    threadMicros.format(3), threadMicros.median() * cores));
            summary.add(String.format(Locale.ROOT, "  processes: %s µs per unit, per-unit overhead %.2f µs; target"
                    + " <= %.1f µs: %s", processMicros.format(3), processOverhead, TARGET_OVERHEAD_MICROS,
                    verdict(processOverhead <= TARGET_OVERHEAD_MICROS)));
            summary.add("  throughput processes/threads, run by run: " + emptyRuns.ratios(0, 1).format(3));
            summary.add("  cores busy: threads " + emptyOnThreads + "; processes " + emptyOnProcesses);
            summary.add("  CPU time per unit, this JVM and its workers: threads "
                    + emptyOnThreads.cpuMicrosPerUnit(EMPTY_UNITS).format(3) + " µs, processes "
                    + emptyOnProcesses.cpuMicrosPerUnit(EMPTY_UNITS).format(3) + " µs");

            Parameters spin = ProcessBenchProvider.spin(SPIN_UNITS, TimeUnit.MICROSECONDS.toNanos(SPIN_MICROS), cores);
            CpuUse spinOnThreads = new CpuUse(engine);
            CpuUse spinOnProcesses = new CpuUse(engine);
            Rounds spinRuns = Rounds.measure(repetitions, WARMUP_RUNS, List.of(
                    spinOnThreads.metered(() -> run(jobs, spin, ON_THREADS, SPIN_UNITS)),
                    spinOnProcesses.metered(() -> run(jobs, spin, ON_PROCESSES, SPIN_UNITS))));
            Spread spinRatio = spinRuns.ratios(0, 1);
            summary.add(String.format(Locale.ROOT, "%d µs units, %,d per run (ms per run):", SPIN_MICROS, SPIN_UNITS));
            summary.add("  threads " + spinRuns.of(0).format(1) + ", processes " + spinRuns.of(1).format(1));
            summary.add(String.format(Locale.ROOT, "  throughput processes/threads, run by run: %s; target >= %.2f: %s",
                    spinRatio.format(3), TARGET_THROUGHPUT_RATIO, verdict(spinRatio.median() >= TARGET_THROUGHPUT_RATIO)));
            summary.add("  cores busy: threads " + spinOnThreads + "; processes " + spinOnProcesses);

            // the same ranges on threads too: a control that tells a busy machine from the process executor
            CpuUse primesOnOneProcess = new CpuUse(engine);
            CpuUse primesOnAllProcesses = new CpuUse(engine);
            Rounds primeRuns = Rounds.measure(repetitions, WARMUP_RUNS, List.of(
                    primesOnOneProcess.metered(() -> run(jobs, primes(1), ON_PROCESSES, PRIMES_BELOW_LIMIT)),
                    primesOnAllProcesses.metered(() -> run(jobs, primes(cores), ON_PROCESSES, PRIMES_BELOW_LIMIT)),
                    () -> run(jobs, primes(1), ON_THREADS, PRIMES_BELOW_LIMIT),
                    () -> run(jobs, primes(cores), ON_THREADS, PRIMES_BELOW_LIMIT)));
            Spread speedup = primeRuns.ratios(0, 1);
            double targetSpeedup = TARGET_SPEEDUP_PER_CORE * cores;
            summary.add(String.format(Locale.ROOT, "Primes below %,d in %d units (ms per run):", PRIME_LIMIT, PRIME_UNITS));
            summary.add("  1 process " + primeRuns.of(0).format(1) + ", " + cores + " processes " + primeRuns.of(1).format(1));
            summary.add(String.format(Locale.ROOT, "  speedup on processes, run by run: %s; target >= %.2f (%.1f x %d"
                    + " cores): %s", speedup.format(2), targetSpeedup, TARGET_SPEEDUP_PER_CORE, cores,
                    verdict(speedup.median() >= targetSpeedup)));
            summary.add("  cores busy: 1 process " + primesOnOneProcess + "; " + cores + " processes " + primesOnAllProcesses);
            summary.add("  control on threads: 1 thread " + primeRuns.of(2).format(1) + ", " + cores + " threads "
                    + primeRuns.of(3).format(1) + ", speedup " + primeRuns.ratios(2, 3).format(2));

            for (int i = 0; i < WARM_WARMUPS; i++) {
                oneUnitMillis(jobs, ON_PROCESSES);
                oneUnitMillis(jobs, ON_THREADS);
            }
            Rounds warm = Rounds.measure(WARM_RUNS, 0, List.of(() -> oneUnitMillis(jobs, ON_PROCESSES),
                    () -> oneUnitMillis(jobs, ON_THREADS)));
            Spread warmProcess = warm.of(0);
            summary.add("First result of a 1-unit run (ms from start() to its outcome):");
            summary.add("  cold, a fresh engine starting its worker process: " + Spread.of(coldMillis).format(1));
            summary.add(String.format(Locale.ROOT, "  warm, a pooled worker process: %s; target <= %.1f ms: %s",
                    warmProcess.format(2), TARGET_WARM_MILLIS, verdict(warmProcess.median() <= TARGET_WARM_MILLIS)));
            summary.add("  the same on a pooled thread, for comparison: " + warm.of(1).format(2));

            List<Long> pids = engine.workerPids();
            List<String> each = new ArrayList<>();
            long largestKb = 0;
            for (long pid : pids) {
                long kb = rssKb(pid);
                largestKb = Math.max(largestKb, kb);
                each.add(String.format(Locale.ROOT, "pid %d %.1f MB", pid, kb / 1024.0));
            }
            double largestMb = largestKb / 1024.0;
            summary.add(String.format(Locale.ROOT, "RSS of the idle worker processes after the runs (VmRSS; %d of %d"
                    + " counted by the pool): %s; largest %.1f MB; target <= %.0f MB: %s", pids.size(),
                    engine.workerProcessesCounted(), String.join(", ", each), largestMb, TARGET_IDLE_RSS_MB,
                    verdict(!pids.isEmpty() && largestMb <= TARGET_IDLE_RSS_MB)));
            summary.add(String.format(Locale.ROOT, "  a fresh worker after its first unit: %s",
                    freshRss.stream().map(kb -> String.format(Locale.ROOT, "%.1f MB", kb / 1024.0)).toList()));
        }
        summary.add("Load average after: " + loadAverage() + " (above " + cores
                + ", other processes took CPU time and the figures say more about the machine)");
        ProviderBundle.deleteQuietly(scratch);

        System.out.println();
        System.out.println("=== Parallel Workbench worker-process benchmarks ===");
        summary.forEach(System.out::println);
    }

    /** What every engine of this run is built from. */
    private record Setup(Path home, int cores, List<String> workerOptions, List<String> locations) {

        BenchmarkEngine engine() {
            return BenchmarkEngine.withWorkerProcesses(home, cores, cores, workerOptions, new ProcessBenchProvider(),
                    locations);
        }
    }

    private static Parameters primes(int workers) {
        return ProcessBenchProvider.primes(PRIME_LIMIT, PRIME_UNITS, workers);
    }

    /** One run's elapsed time in ms, as the engine measured it; checks the run's sum so a wrong run never counts. */
    static double run(JobService jobs, Parameters parameters, RunOptions options, long expectedSum)
            throws InterruptedException {
        RunOutcome outcome = Runs.onEngine(jobs, ProcessBenchProvider.ID, parameters, options);
        if (!outcome.summary().equals(Long.toString(expectedSum))) {
            throw new IllegalStateException("A run on " + options.target() + " summed " + outcome.summary()
                    + " instead of " + expectedSum + ": " + parameters);
        }
        return outcome.elapsed().toNanos() / 1e6;
    }

    /** Wall time from start() to the outcome of a run of one empty unit, in ms: what a user waits for. */
    static double oneUnitMillis(JobService jobs, RunOptions options) throws InterruptedException {
        long start = System.nanoTime();
        run(jobs, ProcessBenchProvider.spin(1, 0, 1), options, 1);
        return (System.nanoTime() - start) / 1e6;
    }

    /** VmRSS of a process in kB, from /proc (Linux); -1 if it cannot be read. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // reported as unknown
        }
        return -1;
    }

    /** The 1, 5 and 15 minute load averages (Linux), or a note that they are unknown. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }

    static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(SECTION_BUDGET_SECONDS);
    }

    /** A measurement in ms; may throw what a run throws. */
    @FunctionalInterface
    interface Measurement {
        double millis() throws InterruptedException;
    }

    /**
     * Measurements taken in turn, round by round, after warm-ups: the ratio of two of a round (e.g. a throughput
     * or a speedup) compares runs of the same moment.
     */
    record Rounds(List<List<Double>> results) {

        static Rounds measure(int repetitions, int warmups, List<Measurement> measurements) throws InterruptedException {
            for (int i = 0; i < warmups; i++) {
                for (Measurement measurement : measurements) {
                    measurement.millis();
                }
            }
            List<List<Double>> results = new ArrayList<>();
            measurements.forEach(m -> results.add(new ArrayList<>()));
            long deadline = deadline();
            for (int i = 0; i < repetitions && (i == 0 || System.nanoTime() - deadline < 0); i++) {
                for (int m = 0; m < measurements.size(); m++) {
                    results.get(m).add(measurements.get(m).millis());
                }
            }
            return new Rounds(results);
        }

        Spread of(int measurement, ToDoubleFunction<Double> scale) {
            return Spread.of(results.get(measurement).stream().map(scale::applyAsDouble).toList());
        }

        Spread of(int measurement) {
            return Spread.of(results.get(measurement));
        }

        /** Measurement a over measurement b, round by round. */
        Spread ratios(int a, int b) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < results.get(a).size(); i++) {
                ratios.add(results.get(a).get(i) / results.get(b).get(i));
            }
            return Spread.of(ratios);
        }
    }

    /**
     * The CPU time a kind of run got: cores kept busy by this JVM and its worker processes, and by the whole machine,
     * over each run's wall time (Linux: /proc/stat and each process's CPU time, clock-tick resolution). With both
     * at the core count the runs had the machine; ours below the machine's means other processes took the rest.
     */
    static final class CpuUse {

        private final BenchmarkEngine engine;
        private final List<Double> ours = new ArrayList<>();
        private final List<Double> machine = new ArrayList<>();
        private final List<Double> ownCpuNanos = new ArrayList<>();

        CpuUse(BenchmarkEngine engine) {
            this.engine = engine;
        }

        Measurement metered(Measurement run) {
            return () -> {
                List<Long> pids = engine.workerPids();
                long[] before = machineTicks();
                long ownBefore = cpuNanos(pids);
                long start = System.nanoTime();
                double millis = run.millis();
                long wall = System.nanoTime() - start;
                long own = cpuNanos(pids) - ownBefore;
                long[] after = machineTicks();
                ours.add((double) own / wall);
                ownCpuNanos.add((double) own);
                long total = after[1] - before[1];
                if (total > 0) {
                    machine.add((double) (after[0] - before[0]) / total * Runtime.getRuntime().availableProcessors());
                }
                return millis;
            };
        }

        /** CPU time of this JVM and its workers per unit of a run of this many units, in µs. */
        Spread cpuMicrosPerUnit(long units) {
            return Spread.of(ownCpuNanos.stream().map(nanos -> nanos / 1_000 / units).toList());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "ours %s, whole machine %s", ours.isEmpty() ? "?" : Spread.of(ours).format(2),
                    machine.isEmpty() ? "?" : Spread.of(machine).format(2));
        }

        /** CPU time of this JVM and these processes (those that ended count as 0 from then on). */
        private static long cpuNanos(List<Long> pids) {
            long nanos = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
            for (long pid : pids) {
                nanos += ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(0L);
            }
            return nanos;
        }

        /** Busy and total clock ticks of all CPUs since boot, from /proc/stat's first line; zeros if unknown. */
        private static long[] machineTicks() {
            try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/stat"))) {
                String[] fields = reader.readLine().trim().split("\\s+");
                long total = 0;
                long idle = 0;
                for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                    long ticks = Long.parseLong(fields[i]);
                    total += ticks;
                    if (i == 4 || i == 5) {
                        idle += ticks;
                    }
                }
                return new long[] { total - idle, total };
            } catch (IOException | RuntimeException e) {
                return new long[] { 0, 0 };
            }
        }
    }
}
