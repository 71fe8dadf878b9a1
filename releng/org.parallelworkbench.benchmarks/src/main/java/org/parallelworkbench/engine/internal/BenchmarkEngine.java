package org.parallelworkbench.engine.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.engine.config.EngineConfiguration;
import org.parallelworkbench.engine.remote.RemoteUnits;

/**
 * An {@link Engine} built directly, outside OSGi, for the benchmarks. This class sits in the engine's
 * internal package (a split package, fine on a plain class path) because {@code Engine} and
 * {@link EngineSettings} are package-private: the engine bundle exports only its configuration keys.
 * <p>
 * Threading: as {@link Engine}; {@link #close()} waits a bounded time for runs and workers to end.
 * <p>
 * {@link #withWorkerProcesses} builds one that also runs units in worker processes of an unpacked product.
 */
public final class BenchmarkEngine implements AutoCloseable {

    /** One run at a time: each benchmark operation is one run. */
    private static final int MAX_CONCURRENT_RUNS = 1;

    private final Engine engine;
    /** The product's Felix launcher, which every worker process of this engine runs; null without processes. */
    private final Path felixJar;

    /**
     * @param poolSize  the engine's workers
     * @param providers installed before this returns
     */
    public BenchmarkEngine(int poolSize, WorkProvider... providers) {
        engine = new Engine(new EngineSettings(poolSize, MAX_CONCURRENT_RUNS,
                EngineConfiguration.DEFAULT_BORROW_TIMEOUT_MILLIS));
        felixJar = null;
        for (WorkProvider provider : providers) {
            engine.addProvider(provider);
        }
    }

    private BenchmarkEngine(Engine engine, Path felixJar) {
        this.engine = engine;
        this.felixJar = felixJar;
    }

    /**
     * An engine with {@code threads} worker threads and up to {@code processes} worker processes started from the
     * unpacked product in {@code productHome}, as the product starts them, except that idle processes never end
     * (so they can be measured after the runs). Drop-in origin, so runs left to the engine go to processes.
     *
     * @param workerJvmOptions options of every worker JVM, e.g. the product's default {@code -Xmx1g}
     * @param bundleLocations  what a worker process installs: the provider's bundle and what it needs
     * @throws IllegalStateException if worker processes cannot start from {@code productHome}
     */
    public static BenchmarkEngine withWorkerProcesses(Path productHome, int threads, int processes,
            List<String> workerJvmOptions, WorkProvider provider, List<String> bundleLocations) {
        ProcessSettings processSettings = new ProcessSettings(processes, 0, 0, workerJvmOptions, Map.of());
        EngineSettings settings = new EngineSettings(threads, MAX_CONCURRENT_RUNS,
                EngineConfiguration.DEFAULT_BORROW_TIMEOUT_MILLIS, ExecutionTarget.THREADS, ExecutionTarget.PROCESSES,
                processSettings);
        Engine engine = new Engine(settings, WorkerProcessLauncher.forProduct(productHome), "");
        List<String> locations = List.copyOf(bundleLocations);
        engine.addProvider(provider, new ProviderOrigin("benchmark bundle " + locations.get(0), false, () -> locations));
        Path felixJar = new ProductHome(productHome).bin().resolve(WorkerProcessLauncher.FELIX_JAR);
        return new BenchmarkEngine(engine, felixJar.toAbsolutePath());
    }

    /**
     * An engine with {@code threads} worker threads that also sends runs to a cluster, through {@code remote}
     * (e.g. the cluster bundle's client).
     */
    public static BenchmarkEngine withCluster(int threads, WorkProvider provider, RemoteUnits remote) {
        BenchmarkEngine engine = new BenchmarkEngine(threads, provider);
        engine.engine.setCluster(remote);
        return engine;
    }

    /** The product's default JVM options of a worker process. */
    public static List<String> defaultWorkerJvmOptions() {
        return ProcessSettings.DEFAULT.jvmOptions();
    }

    /**
     * Pids of the live worker processes: this JVM's child processes running the product's Felix launcher. (The
     * engine keeps its process list to itself; only one engine with processes should be open at a time, since two
     * engines of one JVM and product would also share worker cache folders.)
     */
    public List<Long> workerPids() {
        if (felixJar == null) {
            return List.of();
        }
        String jar = felixJar.toString();
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).contains(jar))
                .map(ProcessHandle::pid).sorted().toList();
    }

    /** Worker processes alive now (0 without processes), as the engine's process pool counts them. */
    public int workerProcessesCounted() {
        return Optional.ofNullable(engine.processPool()).map(WorkerPool::workersCounted).orElse(0);
    }

    public JobService jobService() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
