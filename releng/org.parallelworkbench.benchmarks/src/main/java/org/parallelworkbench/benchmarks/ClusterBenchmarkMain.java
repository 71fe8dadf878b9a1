package org.parallelworkbench.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.parallelworkbench.benchmarks.ProcessBenchmarkMain.Rounds;
import org.parallelworkbench.cluster.internal.BenchmarkCluster;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunOptions;
import org.parallelworkbench.core.RunOutcome;
import org.parallelworkbench.core.RunState;
import org.parallelworkbench.engine.internal.BenchmarkEngine;

/**
 * The cluster benchmarks, against an unpacked product: two members started from it ({@code bin/parallel-workbench
 * member}, executing on their engines' threads) and this JVM submitting through the cluster bundle's client, as a
 * window would; the same units also run on this JVM's own threads, in turn, so every ratio compares runs of the same
 * moment. On one machine the members share its cores with each other and with this JVM: the ratios show what the
 * cluster costs, not what more machines gain. Failover is timed from {@code kill -9} of a member to the moment the
 * engine hands that member's units in flight to the others.
 * <p>
 * A plain harness rather than JMH: the figures are whole runs across processes. Each measurement is warmed up,
 * repeated and reported as median [min..max]; every loop is bounded in count and in time.
 * <p>
 * Usage: {@code ClusterBenchmarkMain <product home> [repetitions]}; the product's folder is changed (a drop-in and a
 * cluster configuration are added), so give it a scratch copy.
 */
public final class ClusterBenchmarkMain {

    static final int DEFAULT_REPETITIONS = 5;
    static final int EMPTY_UNITS = 200_000;
    static final int MILLI_UNITS = 2_000;
    static final int FAILOVERS = 3;
    /** Enough 1 ms units that a member is killed well before the run's end. */
    static final int FAILOVER_UNITS = 20_000;
    static final double TARGET_FAILOVER_SECONDS = 5.0;
    static final long MEMBER_START_SECONDS = 120;
    private static final String LEFT_WHILE_EXECUTING = "left while executing";

    private static final RunOptions ON_THREADS = RunOptions.DEFAULT.withTarget(ExecutionTarget.THREADS);
    private static final RunOptions ON_CLUSTER = RunOptions.DEFAULT.withTarget(ExecutionTarget.CLUSTER);

    private ClusterBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("Usage: ClusterBenchmarkMain <product home> [repetitions]");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_REPETITIONS;
        int cores = Runtime.getRuntime().availableProcessors();
        BenchmarkLogging.quiet();
        FailoverClock clock = FailoverClock.install();

        ProviderBundle.write(home.resolve("dropins").resolve(ProviderBundle.SYMBOLIC_NAME + ".jar"));
        // The members run the benchmark's drop-in on their threads, as this JVM does: the same executor on both sides.
        Files.writeString(home.resolve("conf/org.parallelworkbench.engine.cfg"), "\ndropinTarget = threads\n",
                StandardOpenOption.APPEND);
        Path config = clusterConfig(home);

        List<String> summary = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        try {
            members.add(Member.start(home, config, "a"));
            members.add(Member.start(home, config, "b"));
            try (BenchmarkCluster cluster = new BenchmarkCluster(config);
                    BenchmarkEngine engine = BenchmarkEngine.withCluster(cores, new ProcessBenchProvider(), cluster.remoteUnits())) {
                JobService jobs = engine.jobService();
                int slots = cores * members.size(); // each member's pool is one thread per core of this machine
                summary.add(String.format(Locale.ROOT, "Product %s; %d cores; this JVM's %d threads vs 2 members (%d slots)"
                        + " on this machine; %d runs after 1 warm-up, taking turns", home, cores, cores, slots, repetitions));
                summary.add("Load average before: " + ProcessBenchmarkMain.loadAverage());

                Parameters empty = ProcessBenchProvider.spin(EMPTY_UNITS, 0, slots);
                Rounds emptyRuns = Rounds.measure(repetitions, 1, List.of(
                        () -> ProcessBenchmarkMain.run(jobs, empty, ON_THREADS, EMPTY_UNITS),
                        () -> ProcessBenchmarkMain.run(jobs, empty, ON_CLUSTER, EMPTY_UNITS)));
                summary.add(String.format(Locale.ROOT, "Empty units, %,d per run (µs per unit = elapsed / units):", EMPTY_UNITS));
                summary.add("  threads: " + emptyRuns.of(0, millis -> millis * 1_000 / EMPTY_UNITS).format(3)
                        + " µs per unit; cluster (batched): " + emptyRuns.of(1, millis -> millis * 1_000 / EMPTY_UNITS).format(3)
                        + " µs per unit");
                summary.add("  per-unit overhead of the cluster (cluster - threads, µs): "
                        + Spread.of(differences(emptyRuns, EMPTY_UNITS)).format(3));

                Parameters milli = ProcessBenchProvider.spin(MILLI_UNITS, TimeUnit.MILLISECONDS.toNanos(1), slots);
                Rounds milliRuns = Rounds.measure(repetitions, 1, List.of(
                        () -> ProcessBenchmarkMain.run(jobs, milli, ON_THREADS, MILLI_UNITS),
                        () -> ProcessBenchmarkMain.run(jobs, milli, ON_CLUSTER, MILLI_UNITS)));
                summary.add(String.format(Locale.ROOT, "1 ms units, %,d per run (ms per run): threads %s, cluster %s",
                        MILLI_UNITS, milliRuns.of(0).format(1), milliRuns.of(1).format(1)));
                summary.add("  throughput cluster/threads, run by run: " + milliRuns.ratios(0, 1).format(3)
                        + " (members and this JVM share " + cores + " cores)");

                List<Double> failovers = new ArrayList<>();
                for (int i = 0; i < FAILOVERS; i++) {
                    failovers.add(failover(jobs, members, home, config, clock, slots, i));
                }
                Spread failover = Spread.of(failovers);
                summary.add(String.format(Locale.ROOT, "Failover, kill -9 of a member mid-run to its units handed to the"
                        + " other (s): %s; target <= %.1f s: %s", failover.format(2), TARGET_FAILOVER_SECONDS,
                        ProcessBenchmarkMain.verdict(failover.max() <= TARGET_FAILOVER_SECONDS)));
                summary.add("  (heartbeat 1 s, dropped after 5 s of silence, conf/hazelcast.yaml; a killed process's"
                        + " closed connections are usually seen first)");
            }
        } finally {
            members.forEach(Member::stop);
        }
        summary.add("Load average after: " + ProcessBenchmarkMain.loadAverage());
        System.out.println();
        summary.forEach(System.out::println);
    }

    /** Per round: cluster's µs per unit minus threads'. */
    private static List<Double> differences(Rounds rounds, int units) {
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < rounds.results().get(0).size(); i++) {
            differences.add((rounds.results().get(1).get(i) - rounds.results().get(0).get(i)) * 1_000 / units);
        }
        return differences;
    }

    /**
     * Starts a long run on the cluster, kills the second member once it executes units of it, and times the kill to
     * the engine's hand-over of that member's batches; the run must still succeed with every unit once. The killed
     * member is started again for the next round.
     */
    private static double failover(JobService jobs, List<Member> members, Path home, Path config, FailoverClock clock,
            int slots, int round) throws Exception {
        Member doomed = members.get(1);
        long mark = doomed.outputLength();
        RunHandle run = jobs.start(ProcessBenchProvider.ID, ProcessBenchProvider.spin(FAILOVER_UNITS,
                TimeUnit.MILLISECONDS.toNanos(1), slots), ON_CLUSTER);
        doomed.awaitOutput("Executing units of run " + run.id(), mark);
        clock.reset();
        long killed = System.nanoTime();
        doomed.process.destroyForcibly();
        long handedOver = clock.await(killed, 60);
        RunOutcome outcome = run.outcome().toCompletableFuture().get(Runs.RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (outcome.state() != RunState.SUCCEEDED || !outcome.summary().equals(Integer.toString(FAILOVER_UNITS))) {
            throw new IllegalStateException("The run with a killed member ended " + outcome.state() + " summing "
                    + outcome.summary() + ": " + outcome.reason());
        }
        doomed.process.waitFor(30, TimeUnit.SECONDS);
        members.set(1, Member.start(home, config, "b" + (round + 1)));
        return (handedOver - killed) / 1e9;
    }

    /** The time the engine logs that a member left with batches in flight, which it hands to the others then. */
    static final class FailoverClock extends Handler {

        /** Held: java.util.logging keeps loggers weakly, and a new one would have neither the level nor this handler. */
        private final Logger logger = Logger.getLogger("org.parallelworkbench.engine.internal.ClusterWorker");
        private CompletableFuture<Long> seen = new CompletableFuture<>();

        static FailoverClock install() {
            FailoverClock clock = new FailoverClock();
            clock.logger.setLevel(Level.INFO);
            clock.logger.addHandler(clock);
            return clock;
        }

        synchronized void reset() {
            seen = new CompletableFuture<>();
        }

        long await(long after, long seconds) throws Exception {
            CompletableFuture<Long> now;
            synchronized (this) {
                now = seen;
            }
            long at = now.get(seconds, TimeUnit.SECONDS);
            return Math.max(at, after);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().contains(LEFT_WHILE_EXECUTING)) {
                seen.complete(System.nanoTime());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** A member process of the product, its output in a file. */
    private record Member(Process process, Path output) {

        static Member start(Path home, Path config, String name) throws IOException, InterruptedException {
            Path output = Files.createTempFile("pw-cluster-bench-" + name + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/parallel-workbench").toString(), "member")
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("PW_JAVA_OPTS", "-Dparallelworkbench.cluster.config=" + config);
            Member member = new Member(builder.start(), output);
            member.awaitOutput("Executing units sent by the cluster", 0);
            return member;
        }

        long outputLength() throws IOException {
            return Files.size(output);
        }

        /** Waits, polling the output file, until the text shows after {@code from} bytes; bounded. */
        void awaitOutput(String text, long from) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MEMBER_START_SECONDS);
            while (true) {
                String all = Files.readString(output, StandardCharsets.UTF_8);
                if (all.length() > from && all.substring((int) Math.min(from, all.length())).contains(text)) {
                    return;
                }
                if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Member did not print '" + text + "':\n" + all);
                }
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** The product's cluster configuration with a cluster name and free ports of this run's own. */
    private static Path clusterConfig(Path home) throws IOException {
        Path shipped = home.resolve("conf/hazelcast.yaml");
        String yaml = Files.readString(shipped);
        int port = freePorts(20);
        String changed = yaml.replace("cluster-name: parallel-workbench", "cluster-name: bench-" + ProcessHandle.current().pid())
                .replace("port: 5701", "port: " + port);
        if (changed.equals(yaml)) {
            throw new IllegalStateException(shipped + " no longer has the cluster name and port this benchmark changes");
        }
        return Files.writeString(home.resolve("conf/hazelcast-benchmark.yaml"), changed);
    }

    private static int freePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("No " + count + " free loopback ports in a row");
    }
}
