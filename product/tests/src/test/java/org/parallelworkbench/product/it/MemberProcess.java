package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A product process that goes on while a test watches it: a cluster member ({@code bin/parallel-workbench member})
 * or a run in the background. Its stdout and stderr go to files, which {@link #awaitOutput} reads until a pattern
 * shows or the process ends; every wait is bounded.
 */
final class MemberProcess implements AutoCloseable {

    /** A member's start on a loaded 2-core machine: a JVM, Felix, and Hazelcast's join. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Pattern JOINED = Pattern.compile("(?m)^Member (\\S+) of cluster '[^']+' \\((\\d+) members?\\)$");
    private static final long POLL_MILLIS = 50;

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;
    private String address;

    private MemberProcess(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code bin/parallel-workbench <args>} of this product with the cluster configuration given. */
    static MemberProcess start(String name, Path home, Path clusterConfig, String... args) throws IOException {
        Path outputDir = Files.createDirectories(Product.WORK_DIR.resolve("cluster"));
        Path out = outputDir.resolve(name + ".out");
        Path err = outputDir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(home.resolve("bin/parallel-workbench").toString()),
                Stream.of(args)).toList())
                .directory(home.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(Map.of("JAVA_HOME", System.getProperty("java.home"),
                "PW_JAVA_OPTS", "-D" + "parallelworkbench.cluster.config=" + clusterConfig));
        return new MemberProcess(name, builder.start(), out, err);
    }

    /** Starts a member and waits until it says it joined; returns it. */
    static MemberProcess member(String name, Path home, Path clusterConfig) throws IOException, InterruptedException {
        MemberProcess member = start(name, home, clusterConfig, "member");
        Matcher joined = member.awaitOutput(JOINED, START_TIMEOUT);
        member.address = joined.group(1);
        return member;
    }

    /** Where a member listens, e.g. 127.0.0.1:5701. */
    String address() {
        return address;
    }

    Process process() {
        return process;
    }

    /** Waits until stdout or stderr has a match, failing with both if the process ends or the time passes first. */
    Matcher awaitOutput(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean ended = !process.isAlive();
            Matcher match = pattern.matcher(output());
            if (match.find()) {
                return match;
            }
            if (ended || System.nanoTime() - deadline > 0) {
                fail(name + (ended ? " ended (" + process.exitValue() + ")" : " went on for " + timeout.toSeconds() + " s")
                        + " without printing /" + pattern + "/:\n" + this);
            }
            process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until one of these processes prints a match; that process. */
    static MemberProcess awaitAny(List<MemberProcess> processes, Pattern pattern, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (MemberProcess process : processes) {
                if (pattern.matcher(process.output()).find()) {
                    return process;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                fail("None printed /" + pattern + "/ within " + timeout.toSeconds() + " s:\n" + processes);
            }
            processes.getFirst().process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The time of the first log line matching, as logged (local time, milliseconds). */
    LocalDateTime loggedAt(Pattern line) throws IOException {
        Matcher match = Pattern.compile("(?m)^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*" + line.pattern()).matcher(output());
        if (!match.find()) {
            fail(name + " did not log /" + line + "/:\n" + this);
        }
        return LocalDateTime.parse(match.group(1), LOG_TIME);
    }

    String output() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail(name + " did not end within " + timeout.toSeconds() + " s:\n" + this);
        }
        return process.exitValue();
    }

    /** {@code kill -9}: no goodbye to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl+C would be: a member leaves gracefully; then killed if it does not end in 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public String toString() {
        try {
            return "--- " + name + " ---\n" + output() + "---";
        } catch (IOException e) {
            return name + ": " + e;
        }
    }

    /**
     * A cluster configuration of its own, from the product's {@code conf/hazelcast.yaml}: another cluster name and a
     * free port range, so the test meets no other cluster on this machine.
     */
    static Path clusterConfig(Path home, Path folder, String clusterName) throws IOException {
        String yaml = Files.readString(home.resolve("conf/hazelcast.yaml"));
        String changed = yaml.replace("cluster-name: parallel-workbench", "cluster-name: " + clusterName)
                .replace("port: 5701", "port: " + freePortRange(20));
        if (changed.equals(yaml) || !changed.contains(clusterName)) {
            fail("conf/hazelcast.yaml no longer has the cluster name or port this test changes:\n" + yaml);
        }
        return Files.writeString(folder.resolve(clusterName + ".yaml"), changed);
    }

    /** The first of {@code count} loopback ports free now. */
    private static int freePortRange(int count) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IOException("No " + count + " free loopback ports in a row found");
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

}
