package org.parallelworkbench.engine.internal;

import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.WorkProvider;

/**
 * An {@link Engine} built directly, outside OSGi, for the benchmarks. This class sits in the engine's
 * internal package (a split package, fine on a plain class path) because {@code Engine} and
 * {@link EngineSettings} are package-private: the engine bundle exports nothing.
 * <p>
 * Threading: as {@link Engine}; {@link #close()} waits a bounded time for runs and workers to end.
 */
public final class BenchmarkEngine implements AutoCloseable {

    /** One run at a time: each benchmark operation is one run. */
    private static final int MAX_CONCURRENT_RUNS = 1;

    private final Engine engine;

    /**
     * @param poolSize  the engine's workers
     * @param providers installed before this returns
     */
    public BenchmarkEngine(int poolSize, WorkProvider... providers) {
        engine = new Engine(new EngineSettings(poolSize, MAX_CONCURRENT_RUNS,
                EngineSettings.DEFAULT_BORROW_TIMEOUT_MILLIS));
        for (WorkProvider provider : providers) {
            engine.addProvider(provider);
        }
    }

    public JobService jobService() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
