package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The running product's JVM measured from outside, as an operator would: the JDK's {@code jcmd} (next to the java
 * that runs the product, the JDK 21+ its launcher found) for a full GC, the class histogram and the thread dump,
 * and {@code /proc/<pid>/fd} for open files. Nothing in the product has to cooperate, so a leak in any bundle shows.
 */
final class ProductJvm {

    /** Felix makes one per resolved bundle revision; one that outlives its revision is a class loader leak. */
    static final String FELIX_BUNDLE_CLASS_LOADER = "org.apache.felix.framework.BundleWiringImpl$BundleClassLoader";
    /** One jcmd command on a loaded 2-core machine. */
    static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);
    /** Between two measurements while waiting for the JVM to settle (a refresh, a worker thread ending). */
    static final Duration RETRY_INTERVAL = Duration.ofMillis(500);
    /** Java threads the JVM starts and stops by itself (JIT compiler threads come and go with load). */
    private static final Pattern JVM_OWN_THREAD = Pattern.compile("C[12] CompilerThread\\d+");
    private static final Pattern JAVA_THREAD = Pattern.compile("(?m)^\"(.*)\" #\\d+ ");

    /** What one measurement saw: class loaders after a full GC, live Java threads by name, open files by target. */
    record Snapshot(int bundleClassLoaders, List<String> threads, List<String> openFiles) {

        String describe() {
            return bundleClassLoaders + " bundle class loaders, " + threads.size() + " threads, " + openFiles.size()
                    + " open files";
        }

        /**
         * Threads this snapshot has beyond those of {@code baseline}, matched by name with numbers ignored: a pool
         * that replaces a worker (Worker-3 ends, Worker-7 starts) is no growth, and idle threads that ended meanwhile
         * cannot hide new ones as a bare count would.
         */
        List<String> newThreads(Snapshot baseline) {
            return surplus(threads.stream().map(ProductJvm::withoutNumbers).toList(),
                    baseline.threads.stream().map(ProductJvm::withoutNumbers).toList());
        }

        /** What this snapshot has more of than {@code baseline}, for a failure message. */
        String growthSince(Snapshot baseline) {
            return "class loaders: " + baseline.bundleClassLoaders + " -> " + bundleClassLoaders + "\nnew threads: "
                    + newThreads(baseline) + "\nnew open files: " + surplus(openFiles, baseline.openFiles);
        }
    }

    private final long pid;
    private final Path jcmd;

    /** @param pid the product's JVM; its jcmd is the one next to the java executable that runs it */
    ProductJvm(long pid) {
        this.pid = pid;
        Path java = ProcessHandle.of(pid).flatMap(process -> process.info().command()).map(Path::of)
                .orElseThrow(() -> new AssertionError("no running process " + pid + " with a known executable"));
        this.jcmd = java.resolveSibling("jcmd");
        assertTrue(Files.isExecutable(jcmd), () -> "measuring the product needs a JDK with jcmd next to " + java);
    }

    /** Collects garbage (twice: the histogram's own full GC follows GC.run), then counts. */
    Snapshot measure() throws IOException, InterruptedException {
        jcmd("GC.run");
        int loaders = instances(jcmd("GC.class_histogram"), FELIX_BUNDLE_CLASS_LOADER);
        List<String> threads = new ArrayList<>();
        Matcher thread = JAVA_THREAD.matcher(jcmd("Thread.print"));
        while (thread.find()) {
            if (!JVM_OWN_THREAD.matcher(thread.group(1)).matches()) {
                threads.add(thread.group(1));
            }
        }
        return new Snapshot(loaders, List.copyOf(threads), openFiles());
    }

    /**
     * Measures until the snapshot meets the condition, within {@code timeout}: after an uninstall or update the
     * framework refreshes and the engine retires workers asynchronously. Returns the snapshot that met it.
     */
    Snapshot measureUntil(Predicate<Snapshot> condition, Duration timeout, Snapshot baseline, String expectation)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Snapshot snapshot = measure();
            if (condition.test(snapshot)) {
                return snapshot;
            }
            if (System.nanoTime() > deadline) {
                fail(expectation + " not within " + timeout.toSeconds() + " s; baseline " + baseline.describe() + ", now "
                        + snapshot.describe() + "\n" + snapshot.growthSince(baseline));
            }
            Thread.sleep(RETRY_INTERVAL.toMillis()); // the JVM's state is the condition polled, bounded above
        }
    }

    /** The instance count of one class in a {@code GC.class_histogram}; 0 when it has none. */
    static int instances(String histogram, String className) {
        Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(className) + "(?:\\s|$)")
                .matcher(histogram);
        return row.find() ? Integer.parseInt(row.group(1)) : 0;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Command.Result result = new Command(List.of(jcmd.toString(), Long.toString(pid), command), Product.WORK_DIR, Map.of(),
                true).run(JCMD_TIMEOUT, Product.WORK_DIR.resolve("jcmd"));
        assertEquals(0, result.exitCode(), result::describe);
        return result.stdout();
    }

    private List<String> openFiles() throws IOException {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(fd).toString());
                } catch (NoSuchFileException closedMeanwhile) {
                    // closed between the listing and the read: not open any more
                }
            }
        }
        return List.copyOf(targets.stream().sorted().toList());
    }

    private static String withoutNumbers(String threadName) {
        return threadName.replaceAll("\\d+", "#");
    }

    private static List<String> surplus(List<String> now, List<String> before) {
        List<String> more = new ArrayList<>(now);
        before.forEach(more::remove);
        return more;
    }
}
