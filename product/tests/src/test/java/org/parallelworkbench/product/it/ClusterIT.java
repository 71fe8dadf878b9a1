package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs on the cluster with real members: {@code bin/parallel-workbench member} processes of the packaged product on
 * loopback, in a cluster of the test's own (name and ports). Two members serve every test; tests that kill a member,
 * add one or need one without a provider start their own. The engine's own tests cover the same cases against a
 * cluster inside one JVM; these show that the product does them across processes through Hazelcast.
 */
class ClusterIT {

    private static final Pattern RUN_ID = Pattern.compile("(?m)^Run (\\S+) of ");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    /** Long enough on two cores to kill or add a member while it runs, cancelled once the test has seen that. */
    private static final List<String> LONG_MANDELBROT = List.of("mandelbrot", "width=2000", "height=2000", "tileSize=32",
            "maxIterations=20000");

    @TempDir
    static Path folder;
    private static Path config;
    private static final List<MemberProcess> members = new ArrayList<>();

    @BeforeAll
    static void startTwoMembers() throws Exception {
        config = MemberProcess.clusterConfig(Product.home(), folder, "it-" + ProcessHandle.current().pid());
        members.add(MemberProcess.member("member-a", Product.home(), config));
        members.add(MemberProcess.member("member-b", Product.home(), config));
    }

    @AfterAll
    static void stopMembers() throws InterruptedException {
        for (MemberProcess member : members) {
            member.close();
        }
    }

    @Test
    void everyFiniteProviderAnswersTheSameOnTwoMembersAsOnThreads() throws Exception {
        Path files = Files.createDirectories(folder.resolve("files"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(files.resolve("file-" + i + ".txt"), "content " + i + "\n".repeat(i * 100));
        }
        List<List<String>> runs = List.of(
                List.of("primes", "limit=3000000", "chunkSize=100000"),
                List.of("montecarlo", "samples=200000", "units=8", "seed=7"),
                List.of("mandelbrot", "width=96", "height=64", "tileSize=16", "maxIterations=200", "--output", "OUT.png"),
                List.of("checksums", "folder=" + files, "--output", "OUT.csv"));
        for (List<String> run : runs) {
            Answer threads = run(run, "threads");
            Answer cluster = run(run, "cluster");
            assertEquals(threads.stdout(), cluster.stdout(), "stdout of " + run);
            assertArrayEquals(threads.output(), cluster.output(), "the exported file of " + run);
            assertTrue(executedBy(cluster.runId()).size() > 0, "no member executed " + run);
            String journal = Files.readString(Product.home().resolve("data/journal/runs.jsonl"));
            assertTrue(Pattern.compile("\"type\":\"ended\"[^\n]*\"runId\":\"" + Pattern.quote(cluster.runId())
                    + "\"[^\n]*\"executedBy\":\\[\"127\\.0\\.0\\.1:").matcher(journal).find(),
                    "the journal does not say which members executed " + run);
        }
        Command.Result history = CliIT.run("history");
        assertTrue(history.stdout().contains("(members 127.0.0.1:"), history::describe);
    }

    @Test
    void theTickerCountsUpOnTheClusterAndTheConsoleSaysWhere() throws Exception {
        try (Console console = Console.start("cluster-console", Map.of("PW_JAVA_OPTS",
                "-Dparallelworkbench.cluster.config=" + config))) {
            console.askUntil("pw:providers", a -> a.contains(ConsoleIT.TICKER), Console.STEP_TIMEOUT, ConsoleIT.TICKER);
            String id = console.startRun("ticker start=100 intervalMillis=20 --on cluster");
            Pattern running = Pattern.compile("  " + Pattern.quote(id) + "  ticker  RUNNING  on cluster  (\\d+) units");
            console.askUntil("pw:runs", a -> running.matcher(a).results().anyMatch(m -> Integer.parseInt(m.group(1)) >= 5),
                    Console.STEP_TIMEOUT, "5 ticks on the cluster");
            console.ask("pw:cancel " + id);
            assertTrue(console.awaitEnd(id, "ticker").startsWith("CANCELED  "), console::toString);
            String journal = Files.readString(Product.home().resolve("data/journal/runs.jsonl"));
            Matcher value = Pattern.compile("\"type\":\"ended\"[^\n]*\"runId\":\"" + Pattern.quote(id)
                    + "\"[^\n]*\"summary\":\"(\\d+)\"[^\n]*\"executedBy\":\\[").matcher(journal);
            assertTrue(value.find() && Long.parseLong(value.group(1)) >= 104, "the ticker did not count up from 100 past"
                    + " 104 on the cluster:\n" + journal);
        }
    }

    @Test
    void cancelReachesTheUnitOnAMemberWithinOneSecond() throws Exception {
        try (MemberProcess run = MemberProcess.start("ticker-run", Product.home(), config, "run", "ticker",
                "intervalMillis=10000", "--on", "cluster")) {
            String id = run.awaitOutput(RUN_ID, RUN_TIMEOUT).group(1);
            MemberProcess member = awaitExecutedBy(id, members);

            LocalDateTime signalled = LocalDateTime.now();
            run.process().destroy(); // SIGTERM: the run is cancelled before the product stops

            assertEquals(CliIT.SIGTERM_EXIT_CODE, run.awaitExit(CliIT.SIGNAL_EXIT_TIMEOUT), run::toString);
            LocalDateTime cancelledThere = member.loggedAt(Pattern.compile(
                    "The batch of \\d+ units? of run " + Pattern.quote(id) + " was cancelled"));
            Duration reach = Duration.between(signalled, cancelledThere);
            assertTrue(reach.compareTo(Duration.ofSeconds(1)) <= 0, "the cancel reached the member after " + reach
                    + "\n" + member);
        }
    }

    @Test
    void aMemberKilledMidRunHasItsUnitsDoneByTheOthers() throws Exception {
        List<String> mandelbrot = List.of("mandelbrot", "width=1200", "height=1200", "tileSize=40", "maxIterations=5000",
                "--output", "OUT.png");
        Answer threads = run(mandelbrot, "threads");
        MemberProcess doomed = MemberProcess.member("member-killed", Product.home(), config);
        try (MemberProcess run = MemberProcess.start("run-with-kill", Product.home(), config,
                arguments(mandelbrot, folder.resolve("cluster-killed.png"), "cluster"))) {
            String id = run.awaitOutput(RUN_ID, RUN_TIMEOUT).group(1);
            doomed.awaitOutput(executing(id), RUN_TIMEOUT);

            doomed.kill();

            assertEquals(0, run.awaitExit(RUN_TIMEOUT), run::toString);
            assertArrayEquals(threads.output(), Files.readAllBytes(folder.resolve("cluster-killed.png")),
                    "the image differs from the one made on threads: a tile is missing or wrong");
        } finally {
            doomed.close();
        }
    }

    @Test
    void aMemberThatJoinsMidRunReceivesWork() throws Exception {
        try (MemberProcess run = MemberProcess.start("run-with-join", Product.home(), config,
                arguments(LONG_MANDELBROT, null, "cluster"))) {
            String id = run.awaitOutput(RUN_ID, RUN_TIMEOUT).group(1);
            awaitExecutedBy(id, members);

            try (MemberProcess late = MemberProcess.member("member-late", Product.home(), config)) {
                late.awaitOutput(executing(id), RUN_TIMEOUT);
                assertTrue(run.process().isAlive(), "the run ended before the late member took part:\n" + run);
            }
        }
    }

    @Test
    void aMemberWithoutTheProviderGetsNoneOfItsUnits() throws Exception {
        Path otherProduct = copyOfProduct("product-without-dropin");
        WorkerJar worker = WorkerJar.provider("clusteronly").answer("from a member");
        try (Dropins dropins = new Dropins();
                MemberProcess without = MemberProcess.member("member-without", otherProduct, config)) {
            dropins.drop(worker);
            for (MemberProcess member : members) {
                member.awaitOutput(Pattern.compile("Provider added: 'clusteronly'"), RUN_TIMEOUT);
            }

            Answer answer = run(List.of("clusteronly"), "cluster");

            assertEquals("from a member\n", answer.stdout());
            assertFalse(without.output().contains("Executing units of run " + answer.runId()), without::toString);
            assertTrue(CliIT.logFiles().contains("Cluster member " + without.address() + " gets no units of provider"
                    + " 'clusteronly' 1.0.0: it does not have it"), "no log line names the member without the provider");
        }
    }

    @Test
    void withoutMembersARunWaitsThenFailsSayingWhy() throws Exception {
        Path lonely = copyOfProduct("product-without-members");
        Files.writeString(lonely.resolve("conf/org.parallelworkbench.engine.cfg"), "borrowTimeoutMillis = 3000\n");
        Path emptyCluster = MemberProcess.clusterConfig(lonely, folder, "it-empty-" + ProcessHandle.current().pid());

        try (MemberProcess run = MemberProcess.start("run-without-members", lonely, emptyCluster, "run", "primes",
                "--on", "cluster")) {
            assertEquals(1, run.awaitExit(RUN_TIMEOUT), run::toString);
            assertTrue(run.output().contains(": waiting for cluster members..."), "the run did not say it waits:\n" + run);
            assertTrue(run.output().contains("Gave up waiting for cluster members after 3000 ms")
                    && run.output().contains(emptyCluster.getFileName().toString()), run::toString);
        }
    }

    /** The cluster bundle and Hazelcast are optional: a product without them runs everything but a member. */
    @Test
    void withoutTheClusterBundleCommandsWorkAndMemberSaysWhatIsMissing() throws Exception {
        Path lean = copyOfProduct("product-without-cluster");
        try (Stream<Path> bundles = Files.list(lean.resolve("bundle"))) {
            List<Path> cluster = bundles.filter(jar -> jar.getFileName().toString().startsWith("com.hazelcast_")
                    || jar.getFileName().toString().startsWith("org.parallelworkbench.cluster_")).toList();
            assertEquals(2, cluster.size(), cluster::toString);
            for (Path jar : cluster) {
                Files.delete(jar);
            }
        }
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
        Path launcher = lean.resolve("bin/parallel-workbench");

        Command.Result run = new Command(List.of(launcher.toString(), "run", "primes", "limit=1000"), lean, env, true)
                .run(RUN_TIMEOUT, folder);
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("168\n", run.stdout(), run::describe);

        Command.Result member = new Command(List.of(launcher.toString(), "member"), lean, env, true).run(RUN_TIMEOUT, folder);
        assertEquals(1, member.exitCode(), member::describe);
        assertTrue(member.stderr().contains("member: the cluster bundle (org.parallelworkbench.cluster) is not installed"),
                member::describe);
    }

    private record Answer(String runId, String stdout, byte[] output) {
    }

    /** Runs headless with {@code --on target} and waits for its end; OUT.png or OUT.csv stands for an output file. */
    private static Answer run(List<String> arguments, String target) throws Exception {
        Path output = folder.resolve(target + "-" + arguments.get(0) + (arguments.contains("OUT.png") ? ".png" : ".csv"));
        Command.Result result = new Command(Stream.concat(Stream.of(Product.home().resolve("bin/parallel-workbench")
                .toString()), Stream.of(arguments(arguments, output, target))).toList(), folder,
                Map.of("JAVA_HOME", System.getProperty("java.home"), "PW_JAVA_OPTS",
                        "-Dparallelworkbench.cluster.config=" + config), true).run(RUN_TIMEOUT, Product.WORK_DIR);
        assertEquals(0, result.exitCode(), result::describe);
        Matcher id = RUN_ID.matcher(result.stderr());
        assertTrue(id.find() && result.stderr().contains(" on " + target), result::describe);
        return new Answer(id.group(1), result.stdout(), arguments.stream().anyMatch(a -> a.startsWith("OUT."))
                ? Files.readAllBytes(output) : new byte[0]);
    }

    private static String[] arguments(List<String> arguments, Path output, String target) {
        List<String> argv = new ArrayList<>(List.of("run"));
        arguments.forEach(a -> argv.add(a.startsWith("OUT.") ? output.toString() : a));
        argv.addAll(List.of("--on", target));
        return argv.toArray(String[]::new);
    }

    private static Pattern executing(String runId) {
        return Pattern.compile("Executing units of run " + Pattern.quote(runId) + " ");
    }

    /** The shared members that logged executing units of the run. */
    private static List<MemberProcess> executedBy(String runId) throws IOException {
        List<MemberProcess> executed = new ArrayList<>();
        for (MemberProcess member : members) {
            if (executing(runId).matcher(member.output()).find()) {
                executed.add(member);
            }
        }
        return executed;
    }

    /** The first of these members to log executing units of the run. */
    private static MemberProcess awaitExecutedBy(String runId, List<MemberProcess> candidates) throws Exception {
        return MemberProcess.awaitAny(candidates, executing(runId), RUN_TIMEOUT);
    }

    /** The unpacked product copied without its data and drop-ins, for a member or a run that must differ. */
    private static Path copyOfProduct(String name) throws IOException, InterruptedException {
        Path home = Product.home();
        Path copy = folder.resolve(name);
        try (Stream<Path> all = Files.walk(home)) {
            for (Path path : all.filter(p -> !p.startsWith(home.resolve("data")) && !p.startsWith(home.resolve("dropins")))
                    .toList()) {
                Files.copy(path, copy.resolve(home.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.createDirectories(copy.resolve("dropins"));
        return copy;
    }
}
